"""Serve a built site under /<repo>/ with gzip, as GitHub Pages does (for Lighthouse and manual checks).

Usage: python scripts/serve_gzip.py SITE_DIR PORT [/ozon-propal-zakaz/]
scripts/perf.py uses make_handler() with `cache_control="no-cache"` and ETags: GitHub Pages after its 10 minutes,
when a returning reader's browser has to ask again for everything (304 Not Modified if unchanged).
"""

from __future__ import annotations

import gzip
import hashlib
import http.server
import mimetypes
import sys
from pathlib import Path

COMPRESSIBLE = ("text/", "application/javascript", "application/json", "image/svg+xml", "application/xml")


def make_handler(site: Path, base: str, cache_control: str = "max-age=600", etags: bool = False):
    class Handler(http.server.BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_GET(self):
            path = self.path.split("?", 1)[0].split("#", 1)[0]
            target = None
            if path.startswith(base):
                target = site / path[len(base):]
                if target.is_dir():
                    target = target / "index.html"
            status = 200
            if target is None or not target.is_file():
                target, status = site / "404.html", 404
            body = target.read_bytes()
            kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
            etag = f'"{hashlib.sha256(body).hexdigest()[:16]}"'
            if etags and status == 200 and etag in self.headers.get("If-None-Match", ""):
                self.send_response(304)
                self.send_header("ETag", etag)
                self.send_header("Cache-Control", cache_control)
                self.end_headers()
                return
            self.send_response(status)
            textual = kind.startswith("text/") or "javascript" in kind
            self.send_header("Content-Type", kind + ("; charset=utf-8" if textual else ""))
            self.send_header("Cache-Control", cache_control)  # GitHub Pages' default: max-age=600
            if etags:
                self.send_header("ETag", etag)
            if kind.startswith(COMPRESSIBLE) and "gzip" in self.headers.get("Accept-Encoding", ""):
                body = gzip.compress(body, 6)
                self.send_header("Content-Encoding", "gzip")
                self.send_header("Vary", "Accept-Encoding")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    return Handler


def main() -> None:
    site, port = Path(sys.argv[1]), int(sys.argv[2])
    base = sys.argv[3] if len(sys.argv) > 3 else "/ozon-propal-zakaz/"
    http.server.ThreadingHTTPServer(("127.0.0.1", port), make_handler(site, base)).serve_forever()


if __name__ == "__main__":
    main()
