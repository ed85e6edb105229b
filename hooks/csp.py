"""MkDocs hook: a strict Content-Security-Policy for every page, with the hashes of its inline scripts.

The theme emits a few small inline scripts that must run before the page paints (the storage helpers in
overrides/partials/javascripts/base.html, the colour-palette restore, the tab-anchor fix). Moved to files they would
be render-blocking requests on a slow phone, so they stay inline and the policy allows exactly them:
``overrides/main.html`` writes the policy with the placeholder ``CSP_SCRIPT_HASHES`` in ``script-src``; after each page
(and 404.html) is rendered, this hook replaces it with ``'sha256-…'`` of every inline script in that page.
No ``'unsafe-inline'`` and never ``'unsafe-eval'`` for scripts: a script injected into a page does not run.

Inline event-handler attributes (``onclick=…``) and ``javascript:`` URLs cannot be allowed by a hash: the build
fails on them, naming the page, rather than shipping a control that silently does nothing.

The storage scope in the inline helpers is the site's path (``extra.scope``, set here from ``site_url`` unless
mkdocs.yml sets it — the same value the relative ``base_url`` resolved to), so the helpers, hence the hashes and the
whole policy, are the same on every page: Material's instant navigation adds each new page's differing ``<meta>``
to the head, and a browser enforces every policy it has seen.
"""

from __future__ import annotations

import base64
import hashlib
from html.parser import HTMLParser
from urllib.parse import urlsplit

from mkdocs.exceptions import PluginError

PLACEHOLDER = "CSP_SCRIPT_HASHES"
DATA_TYPES = ("application/json", "application/ld+json", "text/template", "text/html")


class _InlineScripts(HTMLParser):
    """Collects the text of every inline script the browser would run, and the attributes no hash can allow."""

    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.scripts: list[str] = []
        self.refused: list[str] = []
        self._current: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name.startswith("on") or (value or "").strip().lower().startswith("javascript:"):
                self.refused.append(f"<{tag} {name}=…>")
        if tag == "script":
            values = dict(attrs)
            kind = (values.get("type") or "").strip().lower()
            runs = "src" not in values and kind not in DATA_TYPES
            self._current = [] if runs else None

    def handle_data(self, data):
        if self._current is not None:
            self._current.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._current is not None:
            self.scripts.append("".join(self._current))
            self._current = None


def script_hashes(html: str) -> tuple[list[str], list[str]]:
    """CSP source expressions for the page's inline scripts (in order, no repeats), and the refused attributes."""
    parser = _InlineScripts()
    parser.feed(html)
    parser.close()
    hashes = []
    for text in parser.scripts:
        digest = base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")
        if f"'sha256-{digest}'" not in hashes:
            hashes.append(f"'sha256-{digest}'")
    return hashes, parser.refused


def with_hashes(html: str, where: str) -> str:
    if PLACEHOLDER not in html:
        raise PluginError(f"{where}: no Content-Security-Policy with {PLACEHOLDER} (overrides/main.html, site_meta)")
    hashes, refused = script_hashes(html)
    if refused:
        raise PluginError(f"{where}: the Content-Security-Policy refuses inline handlers and javascript: URLs — "
                          f"bind them in a component's JS instead: {', '.join(sorted(set(refused)))}")
    return html.replace(PLACEHOLDER, " ".join(hashes), 1)


def on_config(config):
    config.extra.setdefault("scope", urlsplit(config.site_url or "").path or "/")
    return config


def on_post_page(output: str, page, config) -> str:
    return with_hashes(output, f"docs/{page.file.src_uri}")


def on_post_template(output: str, template_name: str, config) -> str:
    return with_hashes(output, template_name) if template_name.endswith(".html") else output
