"""Checklists and «Мой прогресс» as built: the HTML a reader receives before (or without) any JavaScript."""

from __future__ import annotations

import posixpath
from html.parser import HTMLParser
from itertools import pairwise
from pathlib import Path

import yaml

from support import ROOT

STEPS = yaml.safe_load((ROOT / "data" / "steps.yml").read_text(encoding="utf-8"))["steps"]


class Tags(HTMLParser):
    """Every start tag of a page as (tag, attrs) plus the text, in document order."""

    def __init__(self, html: str):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def having(self, attr: str, value: str | None = None) -> list[tuple[str, dict]]:
        return [(t, a) for t, a in self.tags if attr in a and (value is None or a[attr] == value)]


def page_html(site: Path, src: str) -> str:
    out = "index.html" if src == "index.md" else src.removesuffix(".md") + "/index.html"
    return (site / out).read_text(encoding="utf-8")


def test_every_step_page_has_its_checklist(built_site):
    for step in STEPS:
        html = page_html(built_site.site_dir, step["page"])
        tags = Tags(html)
        assert len(tags.having("data-checklist", step["id"])) == 1, step["page"]
        boxes = [a for t, a in tags.having("data-item") if t == "input"]
        assert [a["data-item"] for a in boxes] == [i["id"] for i in step["items"]], step["page"]
        for a in boxes:
            assert a["type"] == "checkbox" and a["id"] == "cl-" + a["data-item"]
            assert tags.having("for", a["id"]), f"{a['id']} has no label"
        # What only makes sense with JavaScript is hidden in the HTML; checklist.js reveals it.
        for t, a in tags.having("data-checklist-js") + tags.having("data-checklist-status"):
            assert "hidden" in a, (step["page"], t, a)
        (bar,) = [a for t, a in tags.having("role", "progressbar") if a.get("class") == "oz-progress__bar"]
        assert bar["aria-valuemax"] == str(len(step["items"])) and bar["aria-label"]
        assert [a for t, a in tags.having("data-checklist-action", "reset") if t == "button"]
        assert "<script>" not in html.split('data-md-component="content"')[-1].split("</article>")[0]


def test_progress_page_lists_every_step_and_item_with_working_links(built_site):
    site = built_site.site_dir
    html = page_html(site, "progress.md")
    tags = Tags(html)
    entries = [a["data-checklist-entry"] for t, a in tags.having("data-checklist-entry")]
    assert entries == [i["id"] for s in STEPS for i in s["items"]]
    assert [a["data-checklist-progress-step"] for t, a in tags.having("data-checklist-progress-step")] == \
        [s["id"] for s in STEPS]
    step_links = [a["href"] for (pt, pa), (t, a) in pairwise(tags.tags)
                  if t == "a" and pa.get("class") == "oz-progress-step__title"]
    assert step_links == ["../" + s["page"].removesuffix(".md") + "/" for s in STEPS]
    for href in step_links:  # relative to progress/index.html
        assert (site / posixpath.normpath(posixpath.join("progress", href)) / "index.html").is_file(), href
    actions = {a["data-checklist-action"] for t, a in tags.having("data-checklist-action") if t == "button"}
    assert actions == {"export", "import", "print", "reset-all"}
    (file_input,) = tags.having("data-checklist-import")
    assert file_input[1]["type"] == "file" and "application/json" in file_input[1]["accept"]
    assert "hidden" in file_input[1]
    assert "Мой прогресс" in html and "только в этом браузере" in html
