"""Lighthouse mobile scores for the home page, a step page and the letters page, served with gzip under the
GitHub Pages sub-path. Prints figures; asserts nothing. (scripts/perf.py gives every page, with bytes transferred.)

Usage: .venv/bin/python scripts/lighthouse.py
Needs Node.js/npm (installs the pinned `lighthouse` npm package into .cache/lighthouse on first use) and Chromium
(CHROME_PATH, default /usr/bin/chromium). Targets: performance ≥ 95, accessibility 100, best practices 100, SEO ≥ 95.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE_VERSION = "12.8.2"
CACHE = Path(os.environ.get("LIGHTHOUSE_DIR", ROOT / ".cache" / "lighthouse"))
PAGES = {"home": "", "step": "shagi/pretenziya/", "letters": "pisma/", "letter": "pisma/pretenziya/"}
TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 95}
CATEGORIES = tuple(TARGETS)
BASE = "/ozon-propal-zakaz/"
CHROME_FLAGS = ("--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update "
                "--disable-sync --no-first-run")


def lighthouse_bin() -> Path:
    binary = CACHE / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--prefix", str(CACHE),
                        f"lighthouse@{LIGHTHOUSE_VERSION}"], check=True)
    return binary


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def build_site(site: Path, origin: str) -> None:
    """`mkdocs build --strict` into `site` with site_url = origin (instant navigation needs the real URL)."""
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "--strict", "-d", str(site)], cwd=ROOT,
                   check=True, env={**os.environ, "SITE_URL": origin, "NO_MKDOCS_2_WARNING": "1"})


def run_lighthouse(binary: Path, url: str, report: Path) -> dict:
    """One mobile Lighthouse run (simulated slow 4G, 4× CPU slowdown); the parsed JSON report."""
    subprocess.run(
        [str(binary), url, "--quiet", "--output=json", f"--output-path={report}",
         "--only-categories=" + ",".join(CATEGORIES), "--form-factor=mobile", f"--chrome-flags={CHROME_FLAGS}"],
        check=True, env={**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")},
    )
    return json.loads(report.read_text())


def scores(result: dict) -> dict[str, int]:
    return {c: round(result["categories"][c]["score"] * 100) for c in CATEGORIES}


def failing_audits(result: dict, category: str) -> list[str]:
    audits = result["audits"]
    return [r["id"] for r in result["categories"][category]["auditRefs"]
            if r.get("weight") and (audits[r["id"]].get("score") or 0) < 0.9]


def main() -> int:
    binary = lighthouse_bin()
    port = free_port()
    origin = f"http://127.0.0.1:{port}{BASE}"
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        build_site(site, origin)
        server = subprocess.Popen([sys.executable, str(ROOT / "scripts" / "serve_gzip.py"), str(site), str(port), BASE])
        try:
            time.sleep(0.5)
            print(f"{'page':<8} " + " ".join(f"{c:>15}" for c in TARGETS))
            for name, path in PAGES.items():
                result = run_lighthouse(binary, origin + path, Path(tmp) / f"{name}.json")
                got = scores(result)
                print(f"{name:<8} " + " ".join(
                    f"{got[c]:>11} {'ok' if got[c] >= TARGETS[c] else 'LOW':>3}" for c in TARGETS))
                for c in TARGETS:
                    if got[c] < TARGETS[c]:
                        print(f"         {c}: {', '.join(failing_audits(result, c)[:8])}")
        finally:
            server.terminate()
    return 0


if __name__ == "__main__":
    sys.exit(main())
