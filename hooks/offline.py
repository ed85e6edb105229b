"""MkDocs hook: the guide works without internet (contract: components/offline/README.md).

- ``on_config``: renders the web app manifest (``components/offline/manifest.webmanifest``: name and description from
  mkdocs.yml, start_url and scope ``./`` = the site's folder).
- ``on_env``: ``components/`` joins the theme's template path (``overrides/main.html`` includes
  ``offline/offline.html`` in every page) and the templates get ``oz_offline`` (manifest, theme colour, touch icon).
- ``on_files``: ``manifest.webmanifest`` and the PNG icons, drawn here (no binary file in the repository).
- ``on_post_build``, after every other hook and plugin: the precache manifest ``assets/offline.<build>.json`` — every
  file of the built site (pages as folder URLs) with the first 10 hex digits of its SHA-256 — and ``sw.js`` at the
  site root, from ``components/offline/worker/sw.js``, minified (``hooks/minifying.py``), after ``const BUILD =
  "<build>";``. ``<build>`` is a hash of the manifest and the worker: any changed byte of the site gives a new
  worker, a new cache and a new manifest name.

Left out of the precache, by rule (nothing listed by hand): dot files, source maps (``*.map``, for developer
tools), ``*.gz`` (sitemap.xml.gz, for crawlers), our own ``sw.js`` and manifest, and the theme's search-language
scripts that the search worker does not load for this index's languages.
"""

from __future__ import annotations

import hashlib
import json
import re
import struct
import zlib
from dataclasses import dataclass
from pathlib import Path

import jinja2
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

from minifying import MinifyFailed, minified

ROOT = Path(__file__).resolve().parent.parent
COMPONENTS = ROOT / "components"
COMPONENT = COMPONENTS / "offline"
WORKER = "sw.js"
MANIFEST = re.compile(r"assets/offline\.[0-9a-f]{10}\.json")
WEB_MANIFEST = "manifest.webmanifest"
LUNR = "assets/javascripts/lunr/"


@dataclass(frozen=True)
class Icon:
    uri: str
    size: int
    purpose: str  # "any" or "maskable" in the web manifest; "apple" is the touch icon, linked from every page
    half: float  # half the parcel's width, as a share of the icon (maskable: inside the 40 % safe circle)


ICONS = (
    Icon("assets/icons/icon-192.png", 192, "any", 0.32),
    Icon("assets/icons/icon-512.png", 512, "any", 0.32),
    Icon("assets/icons/maskable-512.png", 512, "maskable", 0.26),
    Icon("assets/icons/apple-touch-icon.png", 180, "apple", 0.3),
)

# The icon: a parcel on the palette's indigo. Rectangles (x0, y0, x1, y1) in units of the parcel's half width,
# centred; the colours are the theme's indigo (--md-primary-fg-color), white, and the darker indigo for the tape.
INDIGO, WHITE, TAPE = bytes((0x40, 0x51, 0xB5)), bytes((0xFF, 0xFF, 0xFF)), bytes((0x30, 0x3F, 0xA1))
PARCEL = (
    ((-1.0, -0.9, 1.0, -0.5), WHITE),  # lid
    ((-0.88, -0.38, 0.88, 0.9), WHITE),  # box
    ((-0.16, -0.9, 0.16, 0.15), TAPE),  # tape over the lid and down the front
)


def file_hash(data: bytes) -> str:
    """What the manifest records for a file, and what sw.js checks every response against."""
    return hashlib.sha256(data).hexdigest()[:10]


def draw_icon(size: int, half: float) -> bytes:
    """A square PNG (RGB, 8 bits) of the parcel icon, drawn row by row: the same bytes on every build."""
    rows = []
    for y in range(size):
        row = bytearray(INDIGO * size)
        v = ((y + 0.5) / size - 0.5) / half
        for (x0, y0, x1, y1), colour in PARCEL:
            if y0 <= v < y1:
                left, right = round((0.5 + x0 * half) * size), round((0.5 + x1 * half) * size)
                row[left * 3:right * 3] = colour * (right - left)
        rows.append(b"\x00" + bytes(row))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"".join(rows), 9))
            + chunk(b"IEND", b""))


def web_manifest(site_name: str, site_description: str) -> str:
    """The web app manifest's text (checked to be JSON: a broken template fails the build)."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(COMPONENT)), autoescape=False,
                             undefined=jinja2.StrictUndefined, keep_trailing_newline=True)
    env.policies["json.dumps_kwargs"] = {"ensure_ascii": False}  # readable Russian in the file
    text = env.get_template(WEB_MANIFEST).render(
        site_name=site_name, site_description=site_description or site_name,
        icons=[icon for icon in ICONS if icon.purpose != "apple"])
    try:
        json.loads(text)
    except ValueError as error:
        raise PluginError(f"components/offline/{WEB_MANIFEST}: not JSON once rendered: {error}") from error
    return text


def lunr_scripts(site_dir: Path) -> set[str] | None:
    """The theme's search-language scripts the search worker loads for this index's languages (as Material 9's
    worker does: stemmer support, lunr.<lang> for each language but English, lunr.multi for several, tinyseg for
    Japanese, wordcut for Hindi and Thai). None when the index does not say: then every one is kept."""
    try:
        langs = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))["config"]["lang"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if isinstance(langs, str):
        langs = [langs]
    needed = set()
    for lang in langs:
        if lang == "ja":
            needed.add(f"{LUNR}tinyseg.js")
        if lang in ("hi", "th"):
            needed.add(f"{LUNR}wordcut.js")
        if lang != "en":
            needed.add(f"{LUNR}min/lunr.{lang}.min.js")
    if len(langs) > 1:
        needed.add(f"{LUNR}min/lunr.multi.min.js")
    if needed:
        needed.add(f"{LUNR}min/lunr.stemmer.support.min.js")
    return needed


def precached(path: str, lunr: set[str] | None) -> bool:
    """Whether a built file (path relative to the site root) goes into the precache."""
    if any(part.startswith(".") for part in path.split("/")):
        return False
    if path == WORKER or MANIFEST.fullmatch(path) or path.endswith((".map", ".gz")):
        return False
    return not path.startswith(LUNR) or lunr is None or path in lunr


def url_of(path: str) -> str:
    """The URL (relative to the site root) a file is asked for by: a page by its folder, "" for the home page."""
    return path.removesuffix("index.html") if path == "index.html" or path.endswith("/index.html") else path


def precache_manifest(site_dir: Path) -> dict[str, str]:
    """{url relative to the site root: file_hash} for every file of the built site that goes into the precache."""
    lunr = lunr_scripts(site_dir)
    files = {}
    for file in sorted(site_dir.rglob("*")):
        path = file.relative_to(site_dir).as_posix()
        if file.is_file() and precached(path, lunr):
            files[url_of(path)] = file_hash(file.read_bytes())
    return files


def write_worker(site_dir: Path, source: Path = COMPONENT / "worker" / WORKER) -> str:
    """Write the precache manifest and sw.js into a built site; returns the build id."""
    manifest = json.dumps(precache_manifest(site_dir), separators=(",", ":"), sort_keys=True)
    try:
        worker = minified(source.read_text(encoding="utf-8"), ".js") + "\n"
    except MinifyFailed as error:
        raise PluginError(f"components/offline/worker/{source.name}: cannot be minified: {error}") from error
    build = file_hash((manifest + worker).encode("utf-8"))
    (site_dir / "assets").mkdir(exist_ok=True)
    (site_dir / f"assets/offline.{build}.json").write_text(manifest, encoding="utf-8")
    (site_dir / WORKER).write_text(f'const BUILD="{build}";\n{worker}', encoding="utf-8")
    return build


_web_manifest: dict[str, str] = {}


def on_config(config):
    _web_manifest["text"] = web_manifest(config.site_name, config.site_description)
    return config


def on_env(env, config, files):
    env.loader = jinja2.ChoiceLoader([env.loader, jinja2.FileSystemLoader(str(COMPONENTS))])
    env.globals["oz_offline"] = {
        "manifest": WEB_MANIFEST,
        "theme_color": json.loads(_web_manifest["text"])["theme_color"],
        "touch_icon": next(icon.uri for icon in ICONS if icon.purpose == "apple"),
    }
    return env


def on_files(files: Files, config) -> Files:
    files.append(File.generated(config, WEB_MANIFEST, content=_web_manifest["text"]))
    for icon in ICONS:
        files.append(File.generated(config, icon.uri, content=draw_icon(icon.size, icon.half)))
    return files


@event_priority(-100)  # last: the pages, the search index and every other hook's output are final by now
def on_post_build(config):
    write_worker(Path(config.site_dir))
