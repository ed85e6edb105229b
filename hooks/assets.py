"""MkDocs hook: our components' JS and CSS, bundled, minified and served under content-hashed names.

Sources are readable files, one per component, in ``components/<name>/*.js`` and ``*.css``. The built site gets:

- the core bundles ``assets/guide.<hash>.js`` / ``.css``: every component without a ``page-scoped`` marker file,
  linked from every page (``extra_javascript`` / ``extra_css``), so the browser caches them once for the whole site;
- one page bundle of each kind, ``assets/page.<hash>.js`` / ``.css``, on each page that shows page-scoped components:
  exactly those components, requirements first, in one file — one request and one gzip stream instead of one per
  component (on «Моё дело», five scripts: 2 KB less gzip). Pages that need the same components share the file.

Minified by tdewolff/minify with local names shortened (``hooks/minifying.py``: the settings, and the build-time
check for the minifier's known bug). A source the minifier cannot parse stops the build, naming the file and the
line. Each file is minified on its own and stays a self-contained IIFE in the bundle (ended by ``;``): a component's
init-once guard (``if (window.ozX) return;``) returns from its own function only, so a page bundle reached by instant
navigation from a page that ran some of its components already starts the others. The hash is taken from the
minified text, so a deploy that changes a single byte serves a new name, and a cached page of the previous build
keeps loading the assets of its own build (GitHub Pages caches for 10 minutes).

Order in the core bundles: ``components/storage/`` and ``components/base/`` first (the shared storage module every
component uses, and the base styles), then the other components alphabetically.

Page-scoped components: a component folder holding a file named ``page-scoped`` is left out of ``guide.*``; a page
shows it when its rendered content holds the root attribute ``data-oz-<component>`` (or a text named on an ``also:``
line of the marker file). The marker's ``requires:`` line names the page-scoped components that go before it in the
page bundles (``fields.css``: only that component's styles — its script is not needed). The build fails on an
unknown name in ``requires:`` and on a requirements loop. The page bundles are made in ``on_env``, once every page's
content is rendered. Their links go inside the page content (``overrides/main.html``, block ``content``: the
stylesheet before it, the deferred script after it), so Material's instant navigation re-creates and runs them. It
does not wait for them before it announces the new page on ``document$`` (Material 9.8.2 moves on to its own inline
script that follows in the container): a component whose code came with an earlier page starts at once, one whose
script arrives later starts when it subscribes (``document$`` replays the current page); each component announces
itself with the ``oz-ready`` event (``components/base/README.md``). A page bundle that fails to load makes the page
read as without JavaScript (``components/base/base.js``).

Scripts for first use: a page-scoped component may keep one ``<any>.later.js`` — code that only a reader's action
needs (on «Моё дело»: the calendar file, export, import, delete). It is never bundled; it is served on its own as
``assets/later.<hash>.js``, named on the page's script tag (``data-later-<component>``, overrides/main.html); the
component loads it once when it is needed (case.js, ``loadTools``). A first visit does not download
it; the service worker precaches it with every other file, so it works offline. The build fails on such a file in a
core component, or on two in one component."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from minifying import MEDIA_TYPES, MinifyFailed
from minifying import minified as minified_text

ROOT = Path(__file__).resolve().parent.parent
COMPONENTS = ROOT / "components"
FIRST = ("storage", "base")
PAGE_SCOPED = "page-scoped"  # marker file in a component folder: served only on pages that show it
LATER = ".later.js"  # a page-scoped component's script for first use: its own file, loaded when needed


@dataclass(frozen=True)
class Bundle:
    uri: str  # site-relative, e.g. "assets/guide.3f2a9c1b.js"
    text: str
    sources: tuple[Path, ...]


def page_scoped(root: Path = COMPONENTS) -> list[str]:
    """The components served only on pages that show them (see the module docstring)."""
    return sorted(marker.parent.name for marker in root.glob(f"*/{PAGE_SCOPED}"))


def sources(suffix: str, root: Path = COMPONENTS, components: tuple[str, ...] | None = None) -> list[Path]:
    """The source files of one kind in bundle order: of the core bundle (every component that is not page-scoped),
    or of these page-scoped components, in the order given."""
    def order(path: Path) -> tuple[int, str, str]:
        folder = path.parent.name
        return (FIRST.index(folder) if folder in FIRST else len(FIRST), folder, path.name)

    if components is not None:
        return [path for name in components for path in sorted((root / name).glob(f"*{suffix}"))
                if not path.name.endswith(LATER)]
    scoped = set(page_scoped(root))
    core = sorted((p for p in root.glob(f"*/*{suffix}") if p.parent.name not in scoped), key=order)
    for path in core:
        if path.name.endswith(LATER):
            raise PluginError(f"components/{path.parent.name}/{path.name}: only a page-scoped component loads a "
                              f"script on first use")
    return core


def later(root: Path = COMPONENTS) -> dict[str, Bundle]:
    """{component: its script for first use}, minified and named by its hash (``assets/later.<hash>.js``): the part of
    a page-scoped component that only a reader's action needs (``<component>/<any>.later.js``, at most one)."""
    found = {}
    for path in sorted(root.glob(f"*/*{LATER}")):
        name = path.parent.name
        if name in found:
            raise PluginError(f"components/{name}/{path.name}: a component has at most one {LATER} script")
        text = minified(path) + "\n"
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:10]
        found[name] = Bundle(f"assets/later.{digest}.js", text, (path,))
    return found


def minified(path: Path) -> str:
    """One source file, minified (hooks/minifying.py) once per build, however many page bundles hold it; what the
    minifier refuses, or would break, stops the build, naming the file."""
    if path not in _minified:
        try:
            _minified[path] = minified_text(path.read_text(encoding="utf-8"), path.suffix)
        except MinifyFailed as error:
            raise PluginError(f"components/{path.parent.name}/{path.name}: cannot be minified: {error}") from error
    return _minified[path]


def bundle(suffix: str, root: Path = COMPONENTS, components: tuple[str, ...] | None = None) -> Bundle:
    """One minified bundle of the sources of this kind — the core one, or the page bundle of these page-scoped
    components — named by a hash of its content."""
    files = sources(suffix, root, components)
    text = "\n".join(minified(p) for p in files) + "\n"
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:10]
    return Bundle(f"assets/{'guide' if components is None else 'page'}.{digest}{suffix}", text, tuple(files))


def marker_line(name: str, key: str, root: Path = COMPONENTS) -> list[str]:
    """The words of the `<key>:` line of a component's marker file ([] without one)."""
    for line in (root / name / PAGE_SCOPED).read_text(encoding="utf-8").splitlines():
        if line.startswith(key + ":"):
            return line.removeprefix(key + ":").split()
    return []


def requirements(name: str, root: Path = COMPONENTS) -> list[tuple[str, tuple[str, ...]]]:
    """The page-scoped components this one needs before it, each with the kinds of its sources needed: the
    `requires:` line of its marker file ('checklist.js' -> ('checklist', ('.js',)); a bare name: both kinds)."""
    needed = []
    for word in marker_line(name, "requires", root):
        component, dot, kind = word.partition(".")
        if not (root / component / PAGE_SCOPED).is_file() or (dot and dot + kind not in MEDIA_TYPES):
            raise PluginError(f"components/{name}/{PAGE_SCOPED}: requires unknown page-scoped component {word}")
        needed.append((component, (dot + kind,) if dot else tuple(MEDIA_TYPES)))
    return needed


def shown(content: str, root: Path = COMPONENTS) -> list[str]:
    """The page-scoped components whose root attribute (``data-oz-<name>``) the rendered page content holds, or one
    of the other attributes its marker names on an `also:` line (e.g. ``data-checklist-entry``: the ticks' list goes
    wherever ticked items are listed)."""
    def holds(name: str) -> bool:
        return bool(re.search(rf"\bdata-oz-{re.escape(name)}(?![\w-])", content)) or any(
            attribute in content for attribute in marker_line(name, "also", root))

    return [name for name in page_scoped(root) if holds(name)]


def bundled(shown_names: list[str], root: Path = COMPONENTS) -> dict[str, tuple[str, ...]]:
    """{".js": (component…), ".css": (component…)}: the page-scoped components whose sources of each kind go into the
    page bundles of a page that shows these — them and what they require, requirements first; only components that
    have sources of that kind."""
    order: dict[str, list[str]] = {suffix: [] for suffix in MEDIA_TYPES}

    def add(name: str, kinds: tuple[str, ...], chain: tuple[str, ...] = ()) -> None:
        if name in chain:
            raise PluginError(f"components/{name}/{PAGE_SCOPED}: requirements loop {' -> '.join((*chain, name))}")
        for component, needed in requirements(name, root):
            add(component, needed, (*chain, name))
        for suffix in kinds:
            if name not in order[suffix] and sources(suffix, root, (name,)):
                order[suffix].append(name)

    for name in shown_names:
        add(name, tuple(MEDIA_TYPES))
    return {suffix: tuple(names) for suffix, names in order.items()}


_core: dict[str, Bundle] = {}  # ".js" / ".css" -> the core bundle
_page_bundles: dict[tuple[str, tuple[str, ...]], Bundle] = {}  # (kind, components) -> their page bundle
_minified: dict[Path, str] = {}  # source -> its minified text, for this build
_later: dict[str, Bundle] = {}  # page-scoped component -> its script for first use
_page_assets: dict[str, dict] = {}  # page source path -> {"js": uri, "css": uri, "later": {component: uri}}


def on_config(config):
    """Point the theme at this build's hashed core bundles (MkDocs renders extra_css / extra_javascript in every
    page), and check every marker's `requires:` line."""
    _minified.clear()
    _core.clear()
    _page_bundles.clear()
    _page_assets.clear()
    for suffix in MEDIA_TYPES:
        _core[suffix] = bundle(suffix)
    _later.clear()
    _later.update(later())
    for name in page_scoped():
        bundled([name])  # fails on an unknown name in a `requires:` line, or a loop
    config.extra_css = [_core[".css"].uri, *[c for c in config.extra_css if not str(c).startswith("assets/guide.")]]
    config.extra_javascript = [_core[".js"].uri,
                               *[j for j in config.extra_javascript if not str(j).startswith("assets/guide.")]]
    return config


def on_files(files: Files, config) -> Files:
    for found in (*_core.values(), *_later.values()):
        files.append(File.generated(config, found.uri, content=found.text))
    return files


def on_env(env, config, files: Files):
    """Every page's content is rendered by now (and the static files not yet written): make the page bundles, one of
    each kind per set of page-scoped components some page shows, and remember which ones each page links."""
    for file in files.documentation_pages():
        if file.page is None:
            continue
        links = {}
        for suffix, names in bundled(shown(file.page.content or "")).items():
            if not names:
                continue
            if (suffix, names) not in _page_bundles:
                made = _page_bundles[suffix, names] = bundle(suffix, components=names)
                files.append(File.generated(config, made.uri, content=made.text))
            links[suffix.lstrip(".")] = _page_bundles[suffix, names].uri
            if suffix == ".js":
                links["later"] = {name: _later[name].uri for name in names if name in _later}
        _page_assets[file.src_uri] = links
    return env


def on_page_context(context, page, config, nav):
    """`page_assets` for overrides/main.html: {"js": uri, "css": uri} of this page's page bundles (either may be
    missing), and "later": {component: uri} of the scripts for first use of the components in its page script."""
    context["page_assets"] = _page_assets.get(page.file.src_uri, {})
    return context


def on_serve(server, config, builder):
    """`mkdocs serve` rebuilds when a component changes."""
    server.watch(str(COMPONENTS))
    return server
