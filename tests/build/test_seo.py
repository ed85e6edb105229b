"""Search and sharing: descriptions, titles, language, Open Graph, and a 404 page that works under the sub-path."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from support import BASE_PATH, ROOT


def _front_matter(md: Path) -> dict:
    text = md.read_text(encoding="utf-8")
    match = re.match(r"^---\n(.*?)\n---\n", text, re.S)
    assert match, f"{md.relative_to(ROOT)} has no front matter"
    return yaml.safe_load(match.group(1))


def test_every_page_has_a_title_and_a_short_description():
    for md in sorted((ROOT / "docs").rglob("*.md")):
        meta = _front_matter(md)
        where = md.relative_to(ROOT)
        assert meta.get("title"), f"{where}: no title"
        description = meta.get("description") or ""
        assert 50 <= len(description) <= 160, f"{where}: description must be 50–160 characters"


def test_built_pages_carry_their_own_meta(built_site):
    titles = {}
    for html_file in sorted(built_site.site_dir.rglob("index.html")):
        html = html_file.read_text(encoding="utf-8")
        where = html_file.relative_to(built_site.site_dir)
        assert html.lstrip().startswith("<!doctype html>") and '<html lang="ru"' in html, where
        title = re.search(r"<title>(.*?)</title>", html, re.S).group(1).strip()
        assert title not in titles, f"{where} has the same title as {titles.get(title)}"
        titles[title] = where
        for prop in ("og:title", "og:description", "og:url", "og:locale"):
            assert f'property="{prop}"' in html, f"{where}: no {prop}"
        description = re.search(r'<meta name="description" content="([^"]+)"', html).group(1)
        og = re.search(r'<meta property="og:description" content="([^"]+)"', html).group(1)
        assert description == og, where
        assert re.search(r'<link rel="canonical" href="http://127\.0\.0\.1:\d+' + BASE_PATH, html), where


def test_404_page_works_under_the_sub_path(page, site_server):
    failed = []
    page.on("response", lambda r: failed.append(r.url) if r.status >= 400 and "no-such" not in r.url else None)
    response = page.goto(site_server + "no-such/deep/page/")
    assert response.status == 404
    assert page.locator("h1").inner_text().strip() == "Страница не найдена"
    # the theme's stylesheet applied (assets resolved against the sub-path, not against the missing URL)
    assert page.evaluate("() => getComputedStyle(document.querySelector('.md-header')).position") in ("sticky", "fixed")
    home = page.get_attribute("a.md-header__button.md-logo", "href")
    assert home.startswith(BASE_PATH) or home == site_server
    page.click("a.md-header__button.md-logo")
    page.wait_for_url(site_server)
    assert failed == []  # every asset loaded; the only 404 is the missing page itself (reported on the console)
    assert [e for e in page.errors if "status of 404" not in e] == []
