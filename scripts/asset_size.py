"""Print the size of the site's own JavaScript and CSS: each readable source, and the bundles as served.

The served files are what hooks/assets.py builds (minified, one file per kind, content-hashed name); the budget
applies to them: together within 6 KB gzip, and within 8 KB with the service worker (sw.js as hooks/offline.py
writes it; page-scoped bundles come on top on their pages). Usage: .venv/bin/python scripts/asset_size.py
"""

from __future__ import annotations

import gzip
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import rjsmin  # noqa: E402

from hooks.assets import MINIFY, bundle, sources  # noqa: E402

BUDGET = 6 * 1024
BUDGET_WITH_WORKER = 8 * 1024
WORKER = ROOT / "components" / "offline" / "worker" / "sw.js"


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=9, mtime=0))


def main() -> None:
    rows = []
    for suffix in MINIFY:
        for path in sources(suffix):
            raw = path.read_bytes()
            rows.append((f"{path.relative_to(ROOT).as_posix()} (source)", len(raw), gz(raw)))
    served = []
    for suffix in MINIFY:
        built = bundle(suffix)
        data = built.text.encode("utf-8")
        served.append((f"{built.uri} (served)", len(data), gz(data)))
    width = max(len(r[0]) for r in rows + served)
    print(f"{'file':<{width}}  {'bytes':>7}  {'gzip':>6}")
    for name, raw, packed in rows + served:
        print(f"{name:<{width}}  {raw:>7}  {packed:>6}")
    total = sum(r[2] for r in served)
    verdict = "OK" if total <= BUDGET else "OVER"
    print(f"{'served total (gzip)':<{width}}  {'':>7}  {total:>6}  of {BUDGET} budget ({verdict})")
    worker = f'const BUILD="0123456789";\n{rjsmin.jsmin(WORKER.read_text(encoding="utf-8")).strip()}\n'.encode()
    print(f"{'sw.js (served)':<{width}}  {len(worker):>7}  {gz(worker):>6}")
    total += gz(worker)
    verdict = "OK" if total <= BUDGET_WITH_WORKER else "OVER"
    label = "with the service worker (gzip)"
    print(f"{label:<{width}}  {'':>7}  {total:>6}  of {BUDGET_WITH_WORKER} budget ({verdict})")


if __name__ == "__main__":
    main()
