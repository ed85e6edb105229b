"""Print the gzip size of the site's own JavaScript and CSS (docs/assets), per file and in total.

Budget: all of it together must stay within 6 KB gzip. Usage: python scripts/asset_size.py
"""

from __future__ import annotations

import gzip
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from macros.bundle import join, ordered  # noqa: E402
DIRS = {"js": ROOT / "docs/assets/javascripts", "css": ROOT / "docs/assets/stylesheets"}
BUDGET = 6 * 1024


def gz(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=9, mtime=0))


def main() -> None:
    rows, totals = [], {}
    for kind, folder in DIRS.items():
        for path in sorted(folder.glob(f"*.{kind}")):
            rows.append((path.relative_to(ROOT).as_posix(), path.stat().st_size, gz(path)))
            totals[kind] = totals.get(kind, 0) + rows[-1][2]
    width = max((len(r[0]) for r in rows), default=10)
    print(f"{'file':<{width}}  {'bytes':>7}  {'gzip':>6}")
    for name, raw, packed in rows:
        print(f"{name:<{width}}  {raw:>7}  {packed:>6}")
    # Each file is served and compressed separately, so the totals add per-file gzip sizes.
    for kind in DIRS:
        print(f"{'total ' + kind + ' (gzip)':<{width}}  {'':>7}  {totals.get(kind, 0):>6}")
    for stem in sorted({Path(r[0]).stem for r in rows}):
        together = sum(r[2] for r in rows if Path(r[0]).stem == stem)
        print(f"{stem + '.js + ' + stem + '.css (gzip)':<{width}}  {'':>7}  {together:>6}")
    # What the reader downloads: macros/bundle.py serves each kind as one file (one gzip stream).
    served = 0
    for kind, folder in DIRS.items():
        uris = ordered([f"{folder.relative_to(ROOT / 'docs').as_posix()}/{p.name}" for p in folder.glob(f"*.{kind}")])
        text = join([(uri, (ROOT / "docs" / uri).read_text(encoding="utf-8")) for uri in uris])
        size = len(gzip.compress(text.encode(), compresslevel=9, mtime=0))
        served += size
        print(f"{'served guide.' + kind + ' (gzip)':<{width}}  {len(text.encode()):>7}  {size:>6}")
    print(f"{'served total (gzip)':<{width}}  {'':>7}  {served:>6}  of {BUDGET} budget ({'OK' if served <= BUDGET else 'OVER'})")


if __name__ == "__main__":
    main()
