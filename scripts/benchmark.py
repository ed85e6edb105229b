"""Performance figures (printed, never asserted): build time against a stock mkdocs-material build of the same
pages, and the gzip bytes a typical step page transfers, split into the theme and our own JS/CSS.

Usage: .venv/bin/python scripts/benchmark.py [--runs 3]
Budgets: build ≤ 1.3 × stock; our own JS+CSS ≤ 6 KB gzip.
"""

from __future__ import annotations

import argparse
import gzip
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STEP_PAGE = "shagi/pretenziya/index.html"
MACRO = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)


def timed_build(project: Path, runs: int) -> float:
    times = []
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as out:
            start = time.perf_counter()
            subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", out], cwd=project, env=env,
                           check=True, capture_output=True)
            times.append(time.perf_counter() - start)
    return statistics.median(times)


def stock_project(dest: Path) -> Path:
    """The same pages and nav with plain mkdocs-material: no macros, overrides or extra assets."""
    shutil.copytree(ROOT / "docs", dest / "docs")
    for md in (dest / "docs").rglob("*.md"):
        md.write_text(MACRO.sub("", md.read_text(encoding="utf-8")), encoding="utf-8")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = re.sub(r"\n  - macros:\n(?:      .*\n)+", "\n", config)
    config = re.sub(r"\n  custom_dir: overrides", "", config)
    config = re.sub(r"\n(extra_css|extra_javascript|hooks):\n(?:  - .*\n)+", "\n", config)
    (dest / "mkdocs.yml").write_text(config, encoding="utf-8")
    return dest


def page_weight(site: Path) -> dict[str, int]:
    html_path = site / STEP_PAGE
    html = html_path.read_text(encoding="utf-8")
    weights = {"html": len(gzip.compress(html.encode(), 6))}
    for ref in re.findall(r'(?:src|href)="([^"]+\.(?:js|css))"', html):
        asset = (html_path.parent / ref).resolve()
        kind = "own" if re.search(r"assets/[a-z-]+\.[0-9a-f]{10}\.", ref) else "theme"  # hooks/assets.py
        key = f"{kind} {asset.suffix[1:]}"
        weights[key] = weights.get(key, 0) + len(gzip.compress(asset.read_bytes(), 6))
    return weights


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        ours = timed_build(ROOT, args.runs)
        stock = timed_build(stock_project(Path(tmp) / "stock"), args.runs)
        print(f"build time (median of {args.runs}): ours {ours:.2f} s, stock mkdocs-material {stock:.2f} s, "
              f"ratio {ours / stock:.2f} (budget ≤ 1.30: {'OK' if ours / stock <= 1.3 else 'OVER'})")
        site = Path(tmp) / "site"
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site)], cwd=ROOT, check=True,
                       env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, capture_output=True)
        weights = page_weight(site)
    print(f"typical step page ({STEP_PAGE}), gzip bytes:")
    for key in sorted(weights):
        print(f"  {key:<10} {weights[key]:>7}")
    own = sum(v for k, v in weights.items() if k.startswith("own"))
    theme = sum(v for k, v in weights.items() if k.startswith("theme"))
    print(f"  {'theme':<10} {theme:>7}  (JS+CSS)")
    print(f"  {'own':<10} {own:>7}  (JS+CSS; budget ≤ 6144: {'OK' if own <= 6144 else 'OVER'})")
    print(f"  {'total':<10} {sum(weights.values()):>7}")


if __name__ == "__main__":
    main()
