"""Optional, needs the internet: request every external link of the built site and print its HTTP status.

Usage: bash dev.sh build && .venv/bin/python scripts/check_links_online.py [site]
Not part of the tests (CI has no network). Exits 1 if any link fails.
"""

from __future__ import annotations

import sys
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from test_built_links import list_external_links  # noqa: E402


def status(url: str) -> str:
    request = urllib.request.Request(url, headers={"User-Agent": "Mozilla/5.0 (link check)"})
    try:
        with urllib.request.urlopen(request, timeout=20) as response:
            return str(response.status)
    except urllib.error.HTTPError as exc:
        return str(exc.code)
    except Exception as exc:
        return f"error: {exc.__class__.__name__}: {exc}"


def main() -> int:
    site = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "site"
    if not (site / "index.html").exists():
        print(f"{site} has no built site: run 'bash dev.sh build' first", file=sys.stderr)
        return 2
    links = list_external_links(site)
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(status, links))
    bad = 0
    for url, result in zip(links, results, strict=True):
        ok = result.isdigit() and int(result) < 400
        bad += not ok
        print(f"{'ok ' if ok else 'BAD'} {result:>5}  {url}")
    print(f"{len(links)} external links, {bad} failing")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
