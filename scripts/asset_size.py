"""Print the size of the site's own JavaScript and CSS: each readable source, each served bundle, and what each page
loads (the core bundles guide.* + its page bundles page.*, which hold the page-scoped components it shows, named
after the size; see hooks/assets.py). The budget applies per page, gzip: 6 KB, 8 KB with the service worker. A
component's script for first use (later.*, loaded when a reader's action needs it) is shown after the page's
figure, not in it.
Usage: .venv/bin/python scripts/asset_size.py
"""

from __future__ import annotations

import gzip
import importlib.util
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUDGET, BUDGET_WITH_WORKER = 6 * 1024, 8 * 1024
OWN = re.compile(r'(?:src|href)="[^"]*assets/([a-z-]+\.[0-9a-f]{10}\.(?:js|css))"')
LATER = re.compile(r'data-later-[a-z-]+="[^"]*assets/(later\.[0-9a-f]{10}\.js)"')


def assets_hook():
    """hooks/assets.py (MkDocs loads hooks by path: they are not a package)."""
    spec = importlib.util.spec_from_file_location("hooks_assets", ROOT / "hooks" / "assets.py")
    module = sys.modules[spec.name] = importlib.util.module_from_spec(spec)  # dataclasses look their module up
    sys.path.insert(0, str(ROOT / "hooks"))  # as MkDocs does while it loads a hook (hooks/minifying.py)
    spec.loader.exec_module(module)
    return module


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=9, mtime=0))


def main() -> None:
    print(f"{'source':<44} {'bytes':>7} {'gzip':>6}")
    for path in sorted((ROOT / "components").glob("*/*.[jc]s*")):
        if path.suffix in (".js", ".css"):
            raw = path.read_bytes()
            print(f"{path.relative_to(ROOT).as_posix():<44} {len(raw):>7} {gz(raw):>6}")
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp)
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site)], cwd=ROOT, check=True,
                       env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, capture_output=True)
        bundles = {p.name: gz(p.read_bytes()) for p in (site / "assets").glob("*.*.*") if OWN.match(
            f'src="assets/{p.name}"')}
        print(f"\n{'served bundle':<44} {'':>7} {'gzip':>6}")
        for name, size in sorted(bundles.items()):
            print(f"{name:<44} {'':>7} {size:>6}")
        worker = gz((site / "sw.js").read_bytes()) if (site / "sw.js").exists() else 0
        print(f"\nper page (gzip; service worker {worker} B once per deploy):")
        hook = assets_hook()
        for html in sorted(site.rglob("*.html")):
            text = html.read_text(encoding="utf-8")
            size = sum(bundles[n] for n in set(OWN.findall(text)))
            verdict = ("≤ 6 KB" if size <= BUDGET else "≤ 8 KB with sw.js" if size + worker <= BUDGET_WITH_WORKER
                       else "OVER")
            scoped = " ".join(hook.bundled(hook.shown(text))[".js"])
            later = "".join(f"  + {bundles[n]} on first use" for n in sorted(set(LATER.findall(text))))
            print(f"  {html.relative_to(site).as_posix():<42} {size:>6}  ({verdict})  {scoped}{later}")


if __name__ == "__main__":
    main()
