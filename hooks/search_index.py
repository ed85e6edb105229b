"""MkDocs hook: a lighter search index.

1. **What is indexed.** Component UI — forms, letter and answer templates, the calculator, checklist controls,
   storage notices, the progress page's copy of every checklist — carries ``data-search-exclude`` in its template
   (components/*/). Material's indexer means to skip such elements, but its parser matches elements by tag name
   only: the first nested ``</div>`` inside an excluded ``<div>`` ends the exclusion, and the rest of a form is
   indexed anyway. So this hook hands the indexer each page with the excluded elements already cut out (matched
   properly, nesting included); the page itself is rendered from the untouched HTML.
2. **How it is written.** Material writes ``search/search_index.json`` with ``json.dumps``' default
   ``ensure_ascii=True``: every Cyrillic letter becomes a six-byte ``\\uXXXX`` escape (two bytes in UTF-8). After the
   build (hooks run after the plugins listed in mkdocs.yml) the index is re-read and written back as UTF-8 with
   whitespace runs collapsed. The search worker parses it with ``JSON.parse`` either way: same entries, same results.

A build test keeps the index under its budget (20 KB gzip) and free of form boilerplate.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

INDEX = Path("search") / "search_index.json"
EXCLUDE = "data-search-exclude"
SPACES = re.compile(r"\s{2,}")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track",
        "wbr"}


class _ExcludedSpans(HTMLParser):
    """Finds the character ranges of the elements marked data-search-exclude (outermost ones, nesting honoured)."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=False)
        self.line_starts = [0, *(m.end() for m in re.finditer("\n", html))]
        self.open: list[str] = []  # tags open since the current excluded element started
        self.start = 0
        self.spans: list[tuple[int, int]] = []

    def position(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            return
        if self.open:
            self.open.append(tag)
        elif any(name == EXCLUDE for name, _ in attrs):
            self.start, self.open = self.position(), [tag]

    def handle_startendtag(self, tag, attrs):
        pass  # <x/>: opens nothing

    def handle_endtag(self, tag):
        if tag not in self.open:
            return  # a stray end tag
        while self.open and self.open.pop() != tag:
            pass  # implicitly closed elements (e.g. <p> without </p>)
        if not self.open:
            end = self.rawdata.index(">", self.position()) + 1
            self.spans.append((self.start, end))


# Material's indexer drops tags it does not keep without a space: «<dt>Как отправить</dt><dd>Сначала» would index
# «отправитьСначала». A space after the end of a block keeps the words apart (compact() folds the extra ones).
BLOCK_END = re.compile(r"(</(?:dt|dd|li|td|th|tr|div|section|summary|details|figcaption|label|button)>)")


def without_excluded(html: str) -> str:
    """The HTML with every element marked data-search-exclude removed, with all its content."""
    if EXCLUDE not in html:
        return html
    parser = _ExcludedSpans(html)
    parser.feed(html)
    parser.close()
    kept, last = [], 0
    for start, end in parser.spans:
        kept.append(html[last:start])
        last = end
    kept.append(html[last:])
    return "".join(kept)


def compact(index: dict) -> dict:
    """The same index, whitespace runs in titles and texts collapsed to one space (HTML kept as Material made it)."""
    for doc in index.get("docs", []):
        for key in ("title", "text"):
            if isinstance(doc.get(key), str):
                doc[key] = SPACES.sub(" ", doc[key]).strip()
    return index


def on_config(config):
    """Give Material's indexer each page without its excluded elements (see the module docstring, point 1)."""
    search = config.plugins.get("material/search") or config.plugins.get("search")
    index = getattr(search, "search_index", None)
    if index is None or getattr(index.add_entry_from_context, "oz_wrapped", False):
        return config
    add_entry = index.add_entry_from_context

    def add_entry_without_excluded(page):
        rendered = page.content
        page.content = BLOCK_END.sub(r"\1 ", without_excluded(rendered))
        try:
            add_entry(page)
        finally:
            page.content = rendered

    add_entry_without_excluded.oz_wrapped = True
    index.add_entry_from_context = add_entry_without_excluded
    return config


def on_post_build(config) -> None:
    path = Path(config.site_dir) / INDEX
    if not path.exists():  # search plugin disabled
        return
    index = compact(json.loads(path.read_text(encoding="utf-8")))
    path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
