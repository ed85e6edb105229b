"""Performance figures for every page of a fresh build: bytes on a first and a repeat visit, and Lighthouse mobile
scores. Prints a table; asserts nothing (figures, not timed tests — README records them next to the budgets).

Usage: .venv/bin/python scripts/perf.py [--no-lighthouse] [page-path …]     e.g. scripts/perf.py progress/ pisma/

The site is built with site_url = where it is served (http://127.0.0.1:<port>/ozon-propal-zakaz/), then served with
gzip by scripts/serve_gzip.py's handler, with `Cache-Control: no-cache` and ETags: a returning reader whose HTTP cache
has gone stale (GitHub Pages allows 10 minutes), so the browser must ask the network again for everything.

Per page:
- first KB: what the page itself downloaded on a first visit in a fresh profile (gzip bodies + headers, counted by
  the server); "+bg KB": what the browser downloaded besides in the background (a service worker's precache, if any).
- repeat B: bytes the network sent on a second visit in the same profile (about:blank in between). With a service
  worker serving from its cache this is 0 (or a few hundred bytes of its own update check); without one, every file
  is revalidated (304s: headers only, one round trip each).
- Lighthouse 12 mobile (simulated slow 4G, 4× CPU slowdown): performance, accessibility, best practices, SEO, total
  blocking time and cumulative layout shift. On a loaded machine TBT reads high: compare runs on the same machine.

Needs Chromium (CHROME_PATH, default /usr/bin/chromium), Playwright for Python, Node.js/npm for Lighthouse.
"""

from __future__ import annotations

import gzip
import http.server
import os
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))

from lighthouse import (  # sibling script: scripts/ is on sys.path when run as a script
    BASE,
    build_site,
    free_port,
    lighthouse_bin,
    run_lighthouse,
    scores,
)
from serve_gzip import make_handler

BUDGET = {"performance": 97, "accessibility": 100, "best-practices": 100, "seo": 100}
MAX_TBT_MS, MAX_CLS = 100, 0.02
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"]


class Traffic:
    """Every response the server sent: (path, bytes on the wire), in order."""

    def __init__(self):
        self.lock = threading.Lock()
        self.sent: list[tuple[str, int]] = []
        self.last = time.monotonic()

    def add(self, path: str, size: int) -> None:
        with self.lock:
            self.sent.append((path, size))
            self.last = time.monotonic()

    def take(self) -> list[tuple[str, int]]:
        with self.lock:
            sent, self.sent = self.sent, []
            return sent

    def wait_quiet(self, seconds: float = 1.5, limit: float = 30.0) -> None:
        """Until nothing was requested for `seconds` (background downloads have finished)."""
        start = time.monotonic()
        while time.monotonic() - start < limit:
            with self.lock:
                quiet = time.monotonic() - self.last
            if quiet >= seconds:
                return
            time.sleep(0.2)


def serve(site: Path, port: int, traffic: Traffic) -> http.server.ThreadingHTTPServer:
    base_handler = make_handler(site, BASE, cache_control="no-cache", etags=True)

    class Counting(base_handler):
        def setup(self):
            super().setup()
            raw, counter = self.wfile, self

            class Writer:
                def write(self, data):
                    counter.bytes_out += len(data)
                    return raw.write(data)

                def __getattr__(self, name):  # flush, close, closed …
                    return getattr(raw, name)

            self.bytes_out = 0
            self.wfile = Writer()

        def do_GET(self):
            before = self.bytes_out
            super().do_GET()
            self.wfile.flush()
            traffic.add(urlsplit(self.path).path, self.bytes_out - before)

    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), Counting)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def page_paths(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix().removesuffix("index.html") for p in site.rglob("index.html"))


def visits(browser, origin: str, path: str, traffic: Traffic) -> dict:
    """First visit (fresh profile) and repeat visit (same profile), in bytes from the network."""
    context = browser.new_context(service_workers="allow", viewport={"width": 390, "height": 844},
                                  locale="ru-RU", is_mobile=True, has_touch=True)
    try:
        page = context.new_page()
        asked: list[str] = []
        page.on("request", lambda r: asked.append(urlsplit(r.url).path))
        traffic.take()
        page.goto(origin + path, wait_until="load")
        page.wait_for_load_state("networkidle")
        traffic.wait_quiet()
        first = traffic.take()
        own = 0
        remaining = list(first)
        for wanted in asked:  # each request the page made matches one response, in order
            for i, (sent_path, size) in enumerate(remaining):
                if sent_path == wanted:
                    own += size
                    del remaining[i]
                    break
        background = sum(size for _, size in remaining)
        worker = page.evaluate("navigator.serviceWorker ? navigator.serviceWorker.getRegistrations()"
                               ".then(r => r.length) : 0")
        page.goto("about:blank")
        traffic.take()
        page.goto(origin + path, wait_until="load")
        page.wait_for_load_state("networkidle")
        traffic.wait_quiet(1.0)
        again = traffic.take()
        if os.environ.get("PERF_DEBUG"):
            print(path, "repeat:", again, file=sys.stderr)
        repeat = sum(size for _, size in again)
        return {"first": own, "background": background, "repeat": repeat, "worker": bool(worker)}
    finally:
        context.close()


def lighthouse_figures(binary: Path, url: str, report: Path) -> dict:
    result = run_lighthouse(binary, url, report)
    figures = scores(result)
    figures["tbt"] = result["audits"]["total-blocking-time"]["numericValue"]
    figures["cls"] = result["audits"]["cumulative-layout-shift"]["numericValue"]
    return figures


def row(path: str, v: dict, lh: dict | None) -> str:
    cells = [f"{path or '(home)':<34}", f"{v['first'] / 1024:7.1f}", f"{v['background'] / 1024:7.1f}",
             f"{v['repeat']:7d}", f"{'yes' if v['worker'] else 'no':>3}"]
    if lh:
        for c, target in BUDGET.items():
            cells.append(f"{lh[c]:>4}{'' if lh[c] >= target else '!'}")
        cells.append(f"{lh['tbt']:6.0f}{'' if lh['tbt'] <= MAX_TBT_MS else '!'}")
        cells.append(f"{lh['cls']:6.3f}{'' if lh['cls'] <= MAX_CLS else '!'}")
    return " ".join(cells)


def main(argv: list[str]) -> int:
    from playwright.sync_api import sync_playwright

    with_lighthouse = "--no-lighthouse" not in argv
    only = [a for a in argv if not a.startswith("--")]
    binary = lighthouse_bin() if with_lighthouse else None
    port = free_port()
    origin = f"http://127.0.0.1:{port}{BASE}"
    traffic = Traffic()
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        build_site(site, origin)
        server = serve(site, port, traffic)
        try:
            paths = only or page_paths(site)
            index = site / "search" / "search_index.json"
            if index.exists():
                print(f"search index: {len(gzip.compress(index.read_bytes(), 9)) / 1024:.1f} KB gzip")
            print(f"{'page':<34} {'first':>7} {'+bg':>7} {'repeat':>7} {'sw':>3}"
                  + (" perf a11y   bp  seo  TBTms    CLS" if with_lighthouse else ""))
            print(f"{'':<34} {'KB':>7} {'KB':>7} {'B':>7}" + ("   (! = outside the budget)" if with_lighthouse else ""))
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=os.environ.get("CHROME_PATH", "/usr/bin/chromium"),
                                            args=CHROMIUM_ARGS)
                try:
                    for path in paths:
                        bytes_ = visits(browser, origin, path, traffic)
                        lh = lighthouse_figures(binary, origin + path, Path(tmp) / "report.json") if binary else None
                        traffic.take()
                        print(row(path, bytes_, lh), flush=True)
                finally:
                    browser.close()
        finally:
            server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
