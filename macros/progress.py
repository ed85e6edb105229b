"""progress_overview(): the «Мой прогресс» page, every step's items with links, filled in by checklist.js."""

from __future__ import annotations

from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url

from .context import Context

CASE_PAGE = "delo.md"  # «Моё дело» (components/case/): where the reader switches cases


def page_url(src_uri: str, use_directory_urls: bool) -> str:
    """The URL MkDocs gives a Markdown source file, e.g. 'shagi/sud.md' -> 'shagi/sud/'."""
    return File(src_uri, "", "", use_directory_urls).url


def register(env, ctx: Context) -> None:
    @env.macro
    def progress_overview() -> str:
        """All steps with their items (raw HTML, so links are made relative to the calling page here)."""
        directory_urls = env.conf["use_directory_urls"]
        here = page_url(ctx.current_page(), directory_urls)
        steps = list(ctx.site.steps.values())
        hrefs = {s.id: get_relative_url(page_url(s.page, directory_urls), here) for s in steps}
        return ctx.render.html("checklist/progress.html", steps=steps, hrefs=hrefs,
                               total=sum(len(s.items) for s in steps),
                               case_href=get_relative_url(page_url(CASE_PAGE, directory_urls), here))
