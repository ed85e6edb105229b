"""Lighthouse mobile scores for the home page, a step page and the letters page, served with gzip under the
GitHub Pages sub-path. Prints figures; asserts nothing.

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
BASE = "/ozon-propal-zakaz/"


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


def main() -> int:
    binary = lighthouse_bin()
    chrome = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
    port = free_port()
    origin = f"http://127.0.0.1:{port}{BASE}"
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "--strict", "-d", str(site)], cwd=ROOT,
                       check=True, env={**os.environ, "SITE_URL": origin, "NO_MKDOCS_2_WARNING": "1"})
        server = subprocess.Popen([sys.executable, str(ROOT / "scripts" / "serve_gzip.py"), str(site), str(port), BASE])
        try:
            time.sleep(0.5)
            print(f"{'page':<8} " + " ".join(f"{c:>15}" for c in TARGETS))
            for name, path in PAGES.items():
                report = Path(tmp) / f"{name}.json"
                subprocess.run(
                    [str(binary), origin + path, "--quiet", "--output=json", f"--output-path={report}",
                     "--only-categories=" + ",".join(TARGETS), "--form-factor=mobile",
                     "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-background-networking "
                     "--disable-component-update --disable-sync --no-first-run"],
                    check=True, env={**os.environ, "CHROME_PATH": chrome},
                )
                categories = json.loads(report.read_text())["categories"]
                scores = {c: round(categories[c]["score"] * 100) for c in TARGETS}
                print(f"{name:<8} " + " ".join(
                    f"{scores[c]:>11} {'ok' if scores[c] >= TARGETS[c] else 'LOW':>3}" for c in TARGETS))
                for c in TARGETS:
                    if scores[c] < TARGETS[c]:
                        audits = json.loads(report.read_text())["audits"]
                        refs = json.loads(report.read_text())["categories"][c]["auditRefs"]
                        failing = [r["id"] for r in refs
                                   if r.get("weight") and (audits[r["id"]].get("score") or 0) < 0.9]
                        print(f"         {c}: {', '.join(failing[:8])}")
        finally:
            server.terminate()
    return 0


if __name__ == "__main__":
    sys.exit(main())
