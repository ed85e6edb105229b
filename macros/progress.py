"""The «Мой прогресс» page: every step's checklist items with links to the steps, filled in by checklist.js."""

from __future__ import annotations

from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url

from .data import SiteData
from .render import Renderer


def page_url(src_uri: str, use_directory_urls: bool) -> str:
    """The URL MkDocs gives a Markdown source file, e.g. 'shagi/sud.md' -> 'shagi/sud/'."""
    return File(src_uri, "", "", use_directory_urls).url


def register(env, data: SiteData, render: Renderer) -> None:
    @env.macro
    def progress_overview() -> str:
        """All steps with their items (raw HTML, so links are made relative to the calling page here)."""
        directory_urls = env.conf["use_directory_urls"]
        here = page_url(env.page.file.src_uri, directory_urls)
        hrefs = {s.id: get_relative_url(page_url(s.page, directory_urls), here) for s in data.steps.values()}
        steps = list(data.steps.values())
        return render.html("checklist/progress.html", steps=steps, hrefs=hrefs, total=sum(len(s.items) for s in steps))
