"""What every macro module shares: the loaded content, the renderer, the current page and relative links."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field

from mkdocs.exceptions import PluginError

from content import Site

from .render import Renderer


class BuildError(PluginError):
    """Stops `mkdocs build` with our message (content.DataError or a macro used wrongly on a page)."""


@dataclass
class Context:
    env: object  # the mkdocs-macros environment
    site: Site
    render: Renderer
    rendered: dict[str, set[str]] = field(default_factory=lambda: {"checklist": set(), "next_step": set()})

    def current_page(self) -> str:
        """The calling page's source path relative to docs/, e.g. 'shagi/sud.md'."""
        page = getattr(self.env, "page", None)
        return page.file.src_uri if page is not None else "?"

    def link(self, to_page: str) -> str:
        """A relative link from the calling page's source to another source file, e.g. '../pisma.md'."""
        here = self.current_page()
        return posixpath.relpath(to_page, posixpath.dirname(here) or ".")

    def fail(self, call: str, problem: str) -> BuildError:
        return BuildError(f"docs/{self.current_page()}: {call}: {problem}")
