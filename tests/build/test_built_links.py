"""Links in the built HTML, as served under the GitHub Pages sub-path: every internal link and anchor resolves
(raw HTML from macros and templates included); external links are https and carry no tracking parameters;
nothing is loaded from another host."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qs, unquote, urljoin, urlsplit

import pytest

from support import BASE_PATH

TRACKING = re.compile(r"^(utm_|yclid$|gclid$|fbclid$|_openstat$|from$|ref$)")
URL_ATTRS = {"href", "src", "action", "poster", "data"}
LOADED = {("script", "src"), ("img", "src"), ("iframe", "src"), ("source", "src"), ("video", "src"),
          ("audio", "src"), ("embed", "src"), ("object", "data"), ("video", "poster")}


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[tuple[str, str, str, dict]] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for key in ("id", "name"):
            if attrs.get(key):
                self.ids.add(attrs[key])
        for key in URL_ATTRS & attrs.keys():
            if attrs[key] is not None:
                self.links.append((tag, key, attrs[key], attrs))


def _parse(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


@pytest.fixture(scope="module")
def pages(built_site):
    site = built_site.site_dir
    return {p: _parse(p) for p in site.rglob("*.html")}


def _page_url(site: Path, origin: str, path: Path) -> str:
    rel = path.relative_to(site).as_posix()
    rel = rel.removesuffix("index.html")
    return origin + BASE_PATH + rel


def _target_file(site: Path, url_path: str) -> Path | None:
    if not url_path.startswith(BASE_PATH):
        return None
    rel = unquote(url_path[len(BASE_PATH):])
    candidate = site / rel
    if rel == "" or rel.endswith("/"):
        candidate = candidate / "index.html"
    return candidate if candidate.is_file() else None


def test_every_internal_link_and_anchor_resolves(built_site, pages, site_url):
    site = built_site.site_dir
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(site_url))
    broken = []
    for path, parsed in pages.items():
        # 404.html is served at any missing URL; its links are absolute from the site root
        is_404 = path.name == "404.html" and path.parent == site
        base = origin + BASE_PATH if is_404 else _page_url(site, origin, path)
        for tag, attr, value, _ in parsed.links:
            if value.startswith(("mailto:", "tel:", "data:", "blob:")):
                continue
            url = urlsplit(urljoin(base, value))
            if url.scheme in ("http", "https") and url.netloc != urlsplit(origin).netloc:
                continue  # external: checked below
            if url.scheme not in ("http", "https"):
                broken.append(f"{path.relative_to(site)}: {tag}[{attr}]={value!r} (scheme {url.scheme!r})")
                continue
            target = _target_file(site, url.path)
            if target is None:
                broken.append(f"{path.relative_to(site)}: {tag}[{attr}]={value!r} → missing {url.path}")
                continue
            if url.fragment and target.suffix == ".html":
                ids = pages[target].ids if target in pages else _parse(target).ids
                if unquote(url.fragment) not in ids:
                    broken.append(f"{path.relative_to(site)}: {value!r} → no #{unquote(url.fragment)} in {url.path}")
    assert broken == []


def test_internal_links_stay_under_the_sub_path(pages, built_site):
    """Absolute links to '/…' would escape /<repo>/ on GitHub Pages."""
    bad = [f"{p.relative_to(built_site.site_dir)}: {v}" for p, parsed in pages.items()
           for _, _, v, _ in parsed.links if v.startswith("/") and not v.startswith(BASE_PATH)]
    assert bad == []


def _external_links(pages) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for path, parsed in pages.items():
        for _, _, value, _ in parsed.links:
            if value.startswith(("http://", "https://")) and not value.startswith(("http://127.0.0.1",)):
                found.setdefault(value, set()).add(path.name)
    return found


def test_external_links_are_https_without_tracking(pages, site_url):
    external = {u for u in _external_links(pages) if not u.startswith(site_url)}
    assert external, "the guide cites its sources"
    bad = []
    for url in sorted(external):
        parts = urlsplit(url)
        if parts.scheme != "https":
            bad.append(f"not https: {url}")
        if any(TRACKING.match(k) for k in parse_qs(parts.query)):
            bad.append(f"tracking parameter: {url}")
    assert bad == []


def test_nothing_is_loaded_from_another_host(pages, built_site):
    site = built_site.site_dir
    bad = []
    for path, parsed in pages.items():
        for tag, attr, value, attrs in parsed.links:
            is_loaded = (tag, attr) in LOADED or (tag == "link" and attr == "href" and not set(
                (attrs.get("rel") or "").split()) & {"canonical", "prev", "next", "alternate"})
            if is_loaded and re.match(r"^(https?:)?//", value):
                bad.append(f"{path.relative_to(site)}: <{tag} {attr}={value}>")
    for css in site.rglob("*.css"):
        for url in re.findall(r"url\(\s*['\"]?([^'\")]+)", css.read_text(encoding="utf-8")):
            if re.match(r"^(https?:)?//", url):
                bad.append(f"{css.relative_to(site)}: url({url})")
    for js in site.rglob("*.js"):
        text = js.read_text(encoding="utf-8", errors="replace")
        third_party = r"https?://(?:fonts\.googleapis|fonts\.gstatic|www\.googletagmanager|cdn\.)[^\s\"']*"
        for url in re.findall(third_party, text):
            bad.append(f"{js.relative_to(site)}: {url}")
    assert bad == []


def test_sitemap_uses_the_real_site_url(built_site, site_url):
    sitemap = (built_site.site_dir / "sitemap.xml").read_text(encoding="utf-8")
    locs = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    assert locs and all(loc.startswith(site_url) for loc in locs)


def list_external_links(site: Path) -> list[str]:
    """Used by scripts/check_links_online.py: every external link of a built site."""
    return sorted(_external_links({p: _parse(p) for p in site.rglob("*.html")}))
