"""The deadline engine in the built site: every page that computes a date or an amount loads the engine and shows
its root with the site's production calendar; no other page downloads it."""

from __future__ import annotations

import gzip
import html
import json
import re

from content.calendar import production_calendar
from support import ROOT, bundled_components, load_hook, page_bundle

CALENDAR = re.compile(r"data-calendar='([^']*)'")
# The engine as served (minified by hooks/minifying.py, gzip): it is on every tool page (the calculator, the letters,
# «Моё дело»), all of them over the 6 KB budget. Measured 1766 bytes (2455 before it was made smaller).
ENGINE_GZIP = 1800


def _pages(built_site):
    site = built_site.site_dir
    return {p.relative_to(site).as_posix(): p.read_text(encoding="utf-8") for p in site.rglob("index.html")}


def test_pages_that_count_load_the_engine_and_others_do_not(built_site):
    counting = []
    for page, text in _pages(built_site).items():
        computes = 'data-fn="' in text
        roots = text.count("data-oz-deadlines")
        if computes:
            counting.append(page)
            assert roots == 1, f"{page}: computed values need exactly one deadline engine root, found {roots}"
        engine = "deadlines" in bundled_components(page_bundle(built_site.site_dir, text, ".js"), ".js")
        assert engine == bool(roots), f"{page}: engine script and root must go together"
    assert {"kalkulyator/index.html", "pisma/pretenziya/index.html", "pisma/isk/index.html"} <= set(counting)


def test_the_root_carries_the_sites_production_calendar(built_site):
    text = (built_site.site_dir / "kalkulyator" / "index.html").read_text(encoding="utf-8")
    found = CALENDAR.findall(text)
    assert len(found) == 1
    assert json.loads(html.unescape(found[0])) == production_calendar().compact()


def test_the_engine_stays_small_as_served():
    source = (ROOT / "components" / "deadlines" / "deadlines.js").read_text(encoding="utf-8")
    size = len(gzip.compress(load_hook("minifying").minified(source, ".js").encode(), compresslevel=9, mtime=0))
    assert size <= ENGINE_GZIP, f"deadlines.js is {size} bytes minified and gzipped"
