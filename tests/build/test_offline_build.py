"""The offline parts of the real built site (components/offline/README.md): sw.js and its precache manifest, the web
app manifest and icons, the markup in every page, and the size budget with the worker included."""

from __future__ import annotations

import hashlib
import json
import re
import struct
from fnmatch import fnmatch

import yaml

from support import ROOT


def build_id(site) -> str:
    first = (site / "sw.js").read_text(encoding="utf-8").split("\n", 1)[0]
    return re.fullmatch(r'const BUILD="([0-9a-f]{10})";', first).group(1)


def precache(site) -> dict[str, str]:
    return json.loads((site / "assets" / f"offline.{build_id(site)}.json").read_text(encoding="utf-8"))


def file_of(url: str) -> str:
    return url + "index.html" if url == "" or url.endswith("/") else url


def html_pages(site) -> list:
    return sorted(site.rglob("*.html"))


def test_every_built_file_is_precached_with_its_hash_but_the_ones_left_out_by_rule(built_site):
    site = built_site.site_dir
    files = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
    listed = {file_of(url): digest for url, digest in precache(site).items()}
    assert set(listed) <= files
    for path, digest in listed.items():
        assert digest == hashlib.sha256((site / path).read_bytes()).hexdigest()[:10], path
    left_out = files - set(listed)
    rules = ["*.map", "*.gz", "sw.js", f"assets/offline.{build_id(site)}.json", "assets/javascripts/lunr/*"]
    assert all(any(fnmatch(path, rule) for rule in rules) for path in left_out), sorted(left_out)
    # What the reader needs offline is all there: every page, the search index and the Russian stemmer, the 404 page,
    # the sitemap instant navigation reads, the web manifest and its icons, our bundles and the theme's.
    pages = {p.relative_to(site).as_posix() for p in site.rglob("index.html")}
    needed = {"404.html", "search/search_index.json", "sitemap.xml", "manifest.webmanifest",
              "assets/javascripts/lunr/min/lunr.ru.min.js", "assets/javascripts/lunr/min/lunr.stemmer.support.min.js"}
    assert pages | needed <= set(listed)
    assert {p.relative_to(site).as_posix() for p in (site / "assets").glob("*.*.*")} - left_out <= set(listed)
    assert any(fnmatch(path, "assets/javascripts/bundle.*.js") for path in listed)


def test_precache_and_worker_name_no_other_host_and_no_fixed_site_folder(built_site):
    site = built_site.site_dir
    assert not any("://" in url or url.startswith(("/", "..")) for url in precache(site))
    worker = (site / "sw.js").read_text(encoding="utf-8")
    assert "http" not in worker and "ozon-propal-zakaz" not in worker and "/*" not in worker
    web = (site / "manifest.webmanifest").read_text(encoding="utf-8")
    assert "://" not in web


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


def test_web_manifest_makes_the_site_installable(built_site):
    site = built_site.site_dir
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    data = json.loads((site / "manifest.webmanifest").read_text(encoding="utf-8"))
    assert data["name"] == config["site_name"] == "Пропал заказ на Ozon"
    assert data["short_name"] and data["start_url"] == data["scope"] == "./" and data["display"] == "standalone"
    for icon in data["icons"]:
        width, height = png_size((site / icon["src"]).read_bytes())
        assert f"{width}x{height}" == icon["sizes"]
    assert {i["purpose"] for i in data["icons"]} == {"any", "maskable"}
    assert {i["sizes"] for i in data["icons"]} >= {"192x192", "512x512"}


def test_every_page_links_the_manifest_and_carries_the_offline_messages_hidden(built_site):
    site = built_site.site_dir
    theme = json.loads((site / "manifest.webmanifest").read_text(encoding="utf-8"))["theme_color"]
    for page in html_pages(site):
        html = page.read_text(encoding="utf-8")
        where = page.relative_to(site).as_posix()
        manifest = re.search(r'<link rel="manifest" href="([^"]+)">', html)
        assert manifest and manifest.group(1).endswith("manifest.webmanifest"), where
        assert f'<meta name="theme-color" content="{theme}">' in html, where
        touch = re.search(r'<link rel="apple-touch-icon" href="([^"]+)">', html).group(1)
        assert png_size((site / re.sub(r"^(\.\./)*|^/ozon-propal-zakaz/", "", touch)).read_bytes()) == (180, 180)
        block = re.search(r'<div class="oz-offline" role="status" aria-live="polite" data-oz-offline>(.*?)</div>',
                          html).group(1)
        assert re.search(r"<p data-oz-offline-update hidden>[^<]+<button type=\"button\" data-oz-offline-reload>",
                         block), where
        # the status, in the header's title (overrides/partials/header.html): a live region that is always there
        title = re.search(r'<div class="md-header__ellipsis">(.*?)</header>', html, re.S).group(1)
        assert ('<div role="status" aria-live="polite"><div class="md-ellipsis" data-oz-offline-ready hidden><small>'
                "Работает&nbsp;без&nbsp;сети</small></div></div>") in title, where
        assert "<script" not in block
