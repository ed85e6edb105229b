"""MkDocs hook: our components' JS and CSS, bundled, minified and served under content-hashed names.

Sources are readable files, one per component, in ``components/<name>/*.js`` and ``*.css``. The built site gets one
``assets/guide.<hash>.js`` and one ``assets/guide.<hash>.css``: one request and one gzip stream each, minified by
rjsmin / rcssmin (small, well-kept, pure-Python minifiers with no Node toolchain). The hash is taken from the
minified text, so a deploy that changes a single byte serves a new name, and a cached page of the previous build
keeps loading the assets of its own build (GitHub Pages caches for 10 minutes).

Order: ``components/storage/`` and ``components/base/`` first (the shared storage module every component uses, and
the base styles), then the other components alphabetically. Each JS file is a self-contained IIFE.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import rcssmin
import rjsmin
from mkdocs.structure.files import File, Files

ROOT = Path(__file__).resolve().parent.parent
COMPONENTS = ROOT / "components"
FIRST = ("storage", "base")
MINIFY = {".js": rjsmin.jsmin, ".css": rcssmin.cssmin}


@dataclass(frozen=True)
class Bundle:
    uri: str  # site-relative, e.g. "assets/guide.3f2a9c1b.js"
    text: str
    sources: tuple[Path, ...]


def sources(suffix: str, root: Path = COMPONENTS) -> list[Path]:
    """Every component source file of one kind, in bundle order."""
    def order(path: Path) -> tuple[int, str, str]:
        folder = path.parent.name
        return (FIRST.index(folder) if folder in FIRST else len(FIRST), folder, path.name)

    return sorted(root.glob(f"*/*{suffix}"), key=order)


def bundle(suffix: str, root: Path = COMPONENTS) -> Bundle:
    """One minified bundle of every source of this kind, named by a hash of its content."""
    files = sources(suffix, root)
    minify = MINIFY[suffix]
    text = "\n".join(minify(p.read_text(encoding="utf-8")).strip() for p in files) + "\n"
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:10]
    return Bundle(f"assets/guide.{digest}{suffix}", text, tuple(files))


_bundles: dict[str, Bundle] = {}


def on_config(config):
    """Point the theme at this build's hashed names (MkDocs renders extra_css / extra_javascript in every page)."""
    _bundles.clear()
    for suffix in MINIFY:
        _bundles[suffix] = bundle(suffix)
    config.extra_css = [_bundles[".css"].uri, *[c for c in config.extra_css if not str(c).startswith("assets/guide.")]]
    config.extra_javascript = [_bundles[".js"].uri,
                               *[j for j in config.extra_javascript if not str(j).startswith("assets/guide.")]]
    return config


def on_files(files: Files, config) -> Files:
    for found in _bundles.values():
        files.append(File.generated(config, found.uri, content=found.text))
    return files


def on_serve(server, config, builder):
    """`mkdocs serve` rebuilds when a component changes."""
    server.watch(str(COMPONENTS))
    return server
