"""hooks/offline.py by direct call: the precache manifest generator, the worker it writes, the icons and the web app
manifest (components/offline/README.md)."""

from __future__ import annotations

import hashlib
import json
import re
import struct
import zlib
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError

from support import load_hook

offline = load_hook("offline")

LUNR = "assets/javascripts/lunr/"


def sha10(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:10]


def make_site(root: Path, langs=("ru",)) -> Path:
    """A small built site with one file of every kind the generator must keep or leave out."""
    files = {
        "index.html": "<h1>Главная</h1>", "404.html": "<h1>Страница не найдена</h1>",
        "shagi/index.html": "шаги", "shagi/sud/index.html": "суд", "shagi/sud/plan.html": "не index.html",
        "assets/guide.0123456789.js": "js", "assets/bundle.js.map": "{}", "assets/images/favicon.png": "png",
        "sitemap.xml": "<urlset/>", "sitemap.xml.gz": "gz", ".nojekyll": "", "assets/.hidden/x.js": "x",
        "manifest.webmanifest": "{}",
        f"{LUNR}min/lunr.ru.min.js": "ru", f"{LUNR}min/lunr.de.min.js": "de", f"{LUNR}min/lunr.multi.min.js": "m",
        f"{LUNR}min/lunr.stemmer.support.min.js": "s", f"{LUNR}wordcut.js": "w", f"{LUNR}tinyseg.js": "t",
        "sw.js": "an older worker", "assets/offline.0123456789.json": "{}",
    }
    if langs is not None:
        files["search/search_index.json"] = json.dumps({"config": {"lang": list(langs)}, "docs": []})
    for path, text in files.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text, encoding="utf-8")
    return root


def test_manifest_lists_every_file_but_the_excluded_ones_with_their_hashes(tmp_path):
    site = make_site(tmp_path)
    manifest = offline.precache_manifest(site)
    assert set(manifest) == {
        "", "404.html", "shagi/", "shagi/sud/", "shagi/sud/plan.html", "assets/guide.0123456789.js",
        "assets/images/favicon.png", "sitemap.xml", "manifest.webmanifest", "search/search_index.json",
        f"{LUNR}min/lunr.ru.min.js", f"{LUNR}min/lunr.stemmer.support.min.js",
    }
    file_of = {"": "index.html", "shagi/": "shagi/index.html", "shagi/sud/": "shagi/sud/index.html"}
    for url, digest in manifest.items():
        assert digest == sha10((site / file_of.get(url, url)).read_bytes()), url
    assert not any("://" in url or url.startswith("/") for url in manifest)


@pytest.mark.parametrize(("langs", "scripts"), [
    (["en"], set()),
    (["ru"], {"min/lunr.ru.min.js", "min/lunr.stemmer.support.min.js"}),
    (["ru", "en"], {"min/lunr.ru.min.js", "min/lunr.multi.min.js", "min/lunr.stemmer.support.min.js"}),
    (["ja"], {"tinyseg.js", "min/lunr.ja.min.js", "min/lunr.stemmer.support.min.js"}),
    (["th"], {"wordcut.js", "min/lunr.th.min.js", "min/lunr.stemmer.support.min.js"}),
])
def test_search_language_scripts_are_those_the_search_worker_loads(tmp_path, langs, scripts):
    make_site(tmp_path, langs)
    assert offline.lunr_scripts(tmp_path) == {LUNR + s for s in scripts}


def test_without_a_readable_search_index_every_search_script_is_kept(tmp_path):
    site = make_site(tmp_path, langs=None)
    assert offline.lunr_scripts(site) is None
    assert sum(url.startswith(LUNR) for url in offline.precache_manifest(site)) == 6


def test_worker_and_manifest_are_named_by_a_hash_of_both(tmp_path):
    site = make_site(tmp_path)
    build = offline.write_worker(site)
    worker = (site / "sw.js").read_text(encoding="utf-8")
    first, code = worker.split("\n", 1)
    assert first == f'const BUILD="{build}";'
    manifest = (site / f"assets/offline.{build}.json").read_text(encoding="utf-8")
    assert build == sha10((manifest + code).encode("utf-8"))
    assert json.loads(manifest) == offline.precache_manifest(site)
    assert "/*" not in code and "ozon-propal-zakaz" not in code and "http" not in code
    # Same site, same bytes; one changed byte anywhere, a new build id.
    assert offline.write_worker(site) == build
    (site / "shagi/sud/index.html").write_text("суд, исправлено", encoding="utf-8")
    assert offline.write_worker(site) != build


def read_png(data: bytes) -> tuple[int, int, list[bytes]]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    chunks, at = {}, 8
    while at < len(data):
        (length,) = struct.unpack(">I", data[at:at + 4])
        kind, body = data[at + 4:at + 8], data[at + 8:at + 8 + length]
        assert struct.unpack(">I", data[at + 8 + length:at + 12 + length])[0] == zlib.crc32(kind + body)
        chunks[kind] = body
        at += 12 + length
    width, height, depth, colour = struct.unpack(">IIBB", chunks[b"IHDR"][:10])
    assert (depth, colour) == (8, 2)
    raw = zlib.decompress(chunks[b"IDAT"])
    stride = width * 3 + 1
    rows = [raw[y * stride + 1:(y + 1) * stride] for y in range(height)]
    return width, height, rows


@pytest.mark.parametrize("icon", offline.ICONS, ids=lambda icon: icon.uri)
def test_icons_are_pngs_of_their_size_and_maskable_ones_keep_to_the_safe_zone(icon):
    data = offline.draw_icon(icon.size, icon.half)
    assert data == offline.draw_icon(icon.size, icon.half)
    width, height, rows = read_png(data)
    assert (width, height) == (icon.size, icon.size)
    drawn = [(x, y) for y, row in enumerate(rows) for x in range(width) if row[x * 3:x * 3 + 3] != offline.INDIGO]
    assert len(drawn) > icon.size ** 2 // 10
    # A maskable icon may be cut to a circle of 40 % of its size around the centre: the drawing stays inside it.
    limit = 0.4 if icon.purpose == "maskable" else 0.5 * 2 ** 0.5
    centre = icon.size / 2
    assert max(((x + 0.5 - centre) ** 2 + (y + 0.5 - centre) ** 2) ** 0.5 for x, y in drawn) <= limit * icon.size


def test_web_manifest_names_the_site_and_its_folder():
    data = json.loads(offline.web_manifest("Пропал заказ на Ozon", "Описание"))
    assert data["name"] == "Пропал заказ на Ozon" and data["description"] == "Описание"
    assert len(data["short_name"]) <= 12
    assert (data["start_url"], data["scope"], data["display"], data["lang"]) == ("./", "./", "standalone", "ru")
    assert re.fullmatch(r"#[0-9a-f]{6}", data["theme_color"])
    icons = {(i["sizes"], i["purpose"]): i["src"] for i in data["icons"]}
    assert set(icons) == {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")}
    assert set(icons.values()) == {i.uri for i in offline.ICONS if i.purpose != "apple"}


def test_a_worker_source_the_minifier_cannot_parse_stops_the_build(tmp_path):
    source = tmp_path / "sw.js"
    source.write_text("self.addEventListener('fetch', (event) => {\n", encoding="utf-8")
    with pytest.raises(PluginError, match=r"components/offline/worker/sw\.js: cannot be minified"):
        offline.write_worker(make_site(tmp_path / "site"), source)
