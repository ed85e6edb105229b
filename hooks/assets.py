"""MkDocs hook: our components' JS and CSS, bundled, minified and served under content-hashed names.

Sources are readable files, one per component, in ``components/<name>/*.js`` and ``*.css``. The built site gets one
``assets/guide.<hash>.js`` and one ``assets/guide.<hash>.css``: one request and one gzip stream each, minified by
tdewolff/minify (``tdewolff-minify``: Python bindings of a well-kept Go minifier, a prebuilt wheel, no Node
toolchain). It renames local variables (−14 % gzip on our JS against a whitespace-only minifier); properties and
strings (``window.ozX``, ``data-*`` names) are never renamed, nor are a classic script's top-level names. It adds
no syntax newer than ES2020 (``js-version``: it may write ``??``, ``?.``, ``catch{}``) and keeps what the sources use.
A source it cannot parse stops the build, naming the file and the line. The hash is taken from the minified text, so
a deploy that changes a single byte serves a new name, and a cached page of the previous build keeps loading the
assets of its own build (GitHub Pages caches for 10 minutes).

Order: ``components/storage/`` and ``components/base/`` first (the shared storage module every component uses, and
the base styles), then the other components alphabetically. Each JS file is a self-contained IIFE.

Page-scoped components: a component folder holding a file named ``page-scoped`` is left out of ``guide.*`` and
served as its own ``assets/<component>.<hash>.js`` / ``.css``, linked only from the pages that show its root
(``data-oz-<component>`` in the rendered content, or a text named on an ``also:`` line of the marker file), after
the page-scoped components it names on a ``requires:`` line of the marker file (``checklist.js``: only that
component's JS bundle — its script is needed, its styles are not). The links go inside the page
content (``overrides/main.html``, block ``content``), so Material's instant navigation loads them before it
announces the new page on ``document$``. The build fails on an unknown name in ``requires:``.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

import minify
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

ROOT = Path(__file__).resolve().parent.parent
COMPONENTS = ROOT / "components"
FIRST = ("storage", "base")
PAGE_SCOPED = "page-scoped"  # marker file in a component folder: its own bundle, only on pages that ask for it
MEDIA_TYPES = {".js": "application/javascript", ".css": "text/css"}
MINIFY_OPTIONS = {"js-version": 2020}  # the minifier writes no syntax newer than ES2020


@dataclass(frozen=True)
class Bundle:
    uri: str  # site-relative, e.g. "assets/guide.3f2a9c1b.js"
    text: str
    sources: tuple[Path, ...]


def page_scoped(root: Path = COMPONENTS) -> list[str]:
    """The components served on their own, only on pages that show them (see the module docstring)."""
    return sorted(marker.parent.name for marker in root.glob(f"*/{PAGE_SCOPED}"))


def sources(suffix: str, root: Path = COMPONENTS, component: str | None = None) -> list[Path]:
    """The source files of one kind in bundle order: of the core bundle (every component that is not page-scoped),
    or of one page-scoped component."""
    def order(path: Path) -> tuple[int, str, str]:
        folder = path.parent.name
        return (FIRST.index(folder) if folder in FIRST else len(FIRST), folder, path.name)

    if component is not None:
        return sorted((root / component).glob(f"*{suffix}"))
    scoped = set(page_scoped(root))
    return sorted((p for p in root.glob(f"*/*{suffix}") if p.parent.name not in scoped), key=order)


def minified(path: Path) -> str:
    """One source file, minified; a JS file ends with `;`, so that the next file's `(() => {…})()` is not read as a
    call of this one's result. A source the minifier cannot parse stops the build, naming the file."""
    minify.config(MINIFY_OPTIONS)  # the settings are global to the library: set them for each use
    try:
        text = minify.string(MEDIA_TYPES[path.suffix], path.read_text(encoding="utf-8")).strip()
    except minify.MinifyError as error:
        raise PluginError(f"components/{path.parent.name}/{path.name}: cannot be minified: {error}") from error
    return text + ";" if path.suffix == ".js" and text and not text.endswith(";") else text


def bundle(suffix: str, root: Path = COMPONENTS, component: str | None = None) -> Bundle:
    """One minified bundle of the sources of this kind (the core one, or one page-scoped component's), named by a
    hash of its content."""
    files = sources(suffix, root, component)
    text = "\n".join(minified(p) for p in files) + "\n"
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:10]
    return Bundle(f"assets/{component or 'guide'}.{digest}{suffix}", text, tuple(files))


_bundles: dict[str, Bundle] = {}
_scoped: dict[str, list[Bundle]] = {}  # page-scoped component -> its bundles (JS and/or CSS)
_requires: dict[str, list[str]] = {}  # page-scoped component -> the page-scoped components it needs first


def on_config(config):
    """Point the theme at this build's hashed names (MkDocs renders extra_css / extra_javascript in every page)."""
    _bundles.clear()
    _scoped.clear()
    _requires.clear()
    for suffix in MEDIA_TYPES:
        _bundles[suffix] = bundle(suffix)
    for name in page_scoped():
        _scoped[name] = [bundle(suffix, component=name) for suffix in MEDIA_TYPES if sources(suffix, component=name)]
    for name in _scoped:
        _requires[name] = requirements(name)
        unknown = [needed for needed in _requires[name] if _required(needed)[0] not in _scoped
                   or _required(needed)[1] not in ("", ".js", ".css")]
        if unknown:
            raise PluginError(f"components/{name}/{PAGE_SCOPED}: requires unknown page-scoped component(s) "
                              f"{', '.join(unknown)}")
    config.extra_css = [_bundles[".css"].uri, *[c for c in config.extra_css if not str(c).startswith("assets/guide.")]]
    config.extra_javascript = [_bundles[".js"].uri,
                               *[j for j in config.extra_javascript if not str(j).startswith("assets/guide.")]]
    return config


def on_files(files: Files, config) -> Files:
    for found in [*_bundles.values(), *(b for scoped in _scoped.values() for b in scoped)]:
        files.append(File.generated(config, found.uri, content=found.text))
    return files


def marker_line(name: str, key: str, root: Path = COMPONENTS) -> list[str]:
    """The words of the `<key>:` line of a component's marker file ([] without one)."""
    for line in (root / name / PAGE_SCOPED).read_text(encoding="utf-8").splitlines():
        if line.startswith(key + ":"):
            return line.removeprefix(key + ":").split()
    return []


def requirements(name: str, root: Path = COMPONENTS) -> list[str]:
    """The page-scoped components this one needs loaded before it: the `requires:` line of its marker file."""
    return marker_line(name, "requires", root)


def _required(needed: str) -> tuple[str, str]:
    """'checklist.js' -> ('checklist', '.js'): a component and the one kind of its bundles needed ('' = all)."""
    name, dot, kind = needed.partition(".")
    return name, dot + kind


def shown(content: str, names) -> list[str]:
    """The page-scoped components whose root attribute (``data-oz-<name>``) the rendered page content holds, or one
    of the other attributes its marker names on an `also:` line (e.g. ``data-field="pay-method"``: the route follows
    the letters' payment field wherever it is)."""
    def holds(name: str) -> bool:
        return bool(re.search(rf"\bdata-oz-{re.escape(name)}(?![\w-])", content)) or any(
            attribute in content for attribute in marker_line(name, "also"))

    return [name for name in names if holds(name)]


def page_assets(content: str) -> dict[str, list[str]]:
    """The page-scoped bundles a page links, as {"js": [uri…], "css": [uri…]}: every component the page shows and
    what they require, requirements first."""
    order: list[str] = []  # bundle URIs, requirements first

    def add(name: str, chain: tuple[str, ...] = (), kind: str = "") -> None:  # kind ".js": only the JS bundle
        if name in chain:
            raise PluginError(f"components/{name}/{PAGE_SCOPED}: requirements loop {' -> '.join((*chain, name))}")
        for needed in _requires[name]:
            component, only = _required(needed)
            add(component, (*chain, name), only)
        order.extend(b.uri for b in _scoped[name] if b.uri.endswith(kind) and b.uri not in order)

    for name in shown(content, _scoped):
        add(name)
    return {"js": [uri for uri in order if uri.endswith(".js")], "css": [uri for uri in order if uri.endswith(".css")]}


def on_page_context(context, page, config, nav):
    """`page_assets` for overrides/main.html: the page-scoped bundles this page links (page.content is rendered)."""
    context["page_assets"] = page_assets(page.content or "")
    return context


def on_serve(server, config, builder):
    """`mkdocs serve` rebuilds when a component changes."""
    server.watch(str(COMPONENTS))
    return server
