"""MkDocs hook (mkdocs.yml → hooks): serve our per-component JS and CSS as one file each.

Sources stay one small file per component (docs/assets/javascripts/*.js, docs/assets/stylesheets/*.css); the
built site gets assets/javascripts/guide.js and assets/stylesheets/guide.css instead — one request and one gzip
stream each, which keeps the whole of our JS+CSS within its 6 KB gzip budget. No minifier, no build tool: plain
concatenation in a fixed order (site.css first, the rest alphabetically). Each JS file is a self-contained IIFE.
"""

from __future__ import annotations

from mkdocs.structure.files import File, Files

BUNDLES = {
    "assets/javascripts/guide.js": ("assets/javascripts/", ".js"),
    "assets/stylesheets/guide.css": ("assets/stylesheets/", ".css"),
}
FIRST = "assets/stylesheets/site.css"


def ordered(uris: list[str]) -> list[str]:
    return sorted(uris, key=lambda uri: (uri != FIRST, uri))


def join(parts: list[tuple[str, str]]) -> str:
    """The bundle's text from (src_uri, text) pairs, in the order given."""
    return "\n".join(f"/* {uri} */\n" + text.strip() + "\n" for uri, text in parts)


def on_files(files: Files, config) -> Files:
    for bundle, (folder, suffix) in BUNDLES.items():
        mine = {f.src_uri: f for f in files if f.src_dir == config.docs_dir and f.src_uri.startswith(folder)
                and f.src_uri.endswith(suffix) and f.src_uri.count("/") == folder.count("/")}
        if not mine:
            continue
        parts = [mine[uri] for uri in ordered(list(mine))]
        text = join([(f.src_uri, f.content_string) for f in parts])
        for f in parts:
            files.remove(f)
        files.append(File.generated(config, bundle, content=text))
    return files
