"""Helpers shared by tests (import them from here, never from conftest or from another test)."""

from __future__ import annotations

import http.server
import importlib.util
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urlsplit

import yaml

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "unit" / "fixtures"
BASE_PATH = "/ozon-propal-zakaz/"  # as on GitHub Pages: https://<user>.github.io/<repo>/


@dataclass
class Build:
    returncode: int
    log: str
    site_dir: Path


def run_mkdocs_build(project: Path, site_dir: Path, site_url: str | None = None) -> Build:
    """`mkdocs build --strict` of a project directory; returns exit code and the whole log."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "NO_COLOR": "1"}
    if site_url:
        env["SITE_URL"] = site_url
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=project, env=env, capture_output=True, text=True, timeout=240,
    )
    return Build(proc.returncode, proc.stdout + proc.stderr, site_dir)


def copy_project(dest: Path) -> Path:
    """A scratch copy of the project's sources, for scenario builds that break something on purpose."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in ("mkdocs.yml", "docs", "data", "macros", "overrides", "components", "hooks", "content"):
        src = ROOT / name
        if not src.exists():
            continue
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(src, dest / name)
    return dest


def fixture_project(case: str, dest: Path) -> Path:
    """tests/unit/fixtures/valid/ with the files of one case folder (tests/unit/fixtures/<case>/) laid over it."""
    shutil.copytree(FIXTURES / "valid", dest)
    if case != "valid":
        shutil.copytree(FIXTURES / case, dest, dirs_exist_ok=True)
    return dest


class FakeMacrosEnv:
    """The part of mkdocs-macros' env that macros/ uses, so macros can be called directly on a chosen page."""

    def __init__(self, project_dir: Path, docs_dir: Path | None = None):
        self.project_dir = str(project_dir)
        self.conf = {"docs_dir": str(docs_dir or project_dir / "docs"), "use_directory_urls": True}
        self.variables: dict = {}
        self.macros: dict = {}
        self.page = None

    def macro(self, function):
        self.macros[function.__name__] = function
        return function

    def on(self, src_uri: str) -> FakeMacrosEnv:
        """Make `src_uri` (e.g. 'shagi/sud.md') the page being rendered."""
        self.page = SimpleNamespace(file=SimpleNamespace(src_uri=src_uri))
        return self


def letter_pages() -> dict[str, str]:
    """Letter id -> the path of the letter's own page under the site root, e.g. {"claim": "pisma/pretenziya/"}."""
    letters = yaml.safe_load((ROOT / "data" / "letters.yml").read_text(encoding="utf-8"))["letters"]
    return {letter["id"]: f"pisma/{letter['anchor']}/" for letter in letters}


def all_pages(built_site) -> list[str]:
    """Every built page's path under the site root, plus a missing one (GitHub Pages serves 404.html there)."""
    site = built_site.site_dir
    paths = []
    for html in sorted(site.rglob("index.html")):
        rel = html.relative_to(site).as_posix().removesuffix("index.html")
        paths.append(rel)
    return [*paths, "no-such-page/"]  # GitHub Pages serves 404.html there


def letter_page(built_site, letter_id: str) -> str:
    """The built page (path under the site root, e.g. 'pisma/') that holds the fill-in letter or reply card whose
    root is [data-letter="<letter_id>"]: letters are found by their root, wherever they live."""
    marker = f'data-letter="{letter_id}"'
    for html in sorted(built_site.site_dir.rglob("index.html")):
        if marker in html.read_text(encoding="utf-8"):
            return html.relative_to(built_site.site_dir).as_posix().removesuffix("index.html")
    raise LookupError(f"no built page holds a letter root {marker}")


DEADLINE_CASES = ROOT / "tests" / "deadline_cases.yml"


def deadline_cases() -> dict:
    """tests/deadline_cases.yml: the table both deadline engines (Python and JS) must agree with."""
    import yaml

    return yaml.safe_load(DEADLINE_CASES.read_text(encoding="utf-8"))


def engine_words() -> dict:
    """The explanation words of the deadline engine's root (components/deadlines/deadlines.html), as deadlines.js
    page() reads them — for the Python twin's explain_text()."""
    import html
    import re

    source = (ROOT / "components" / "deadlines" / "deadlines.html").read_text(encoding="utf-8")
    data = {name: html.unescape(value) for name, value in re.findall(r'data-([a-z-]+)="([^"]*)"', source)}

    def attr(name: str) -> str:
        return data[name]

    return {
        "shifted": attr("explain-shifted"), "unshifted": attr("explain-unshifted"), "fixed": attr("explain-fixed"),
        "dateShifted": attr("explain-date-shifted"), "dateUnshifted": attr("explain-date-unshifted"),
        "uncovered": attr("explain-uncovered"),
        "days": {"one": attr("days-one"), "few": attr("days-few"), "many": attr("days-many")},
        "weekdays": attr("weekdays").split(" "),
        "reasons": {"saturday": attr("reason-saturday"), "sunday": attr("reason-sunday"),
                    "holiday": attr("reason-holiday"), "day-off": attr("reason-day-off")},
    }


def load_hook(name: str):
    """A module of hooks/ (MkDocs loads them by path, so they are not importable as a package)."""
    module_name = f"hooks_{name}"
    if module_name not in sys.modules:
        spec = importlib.util.spec_from_file_location(module_name, ROOT / "hooks" / f"{name}.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[module_name] = module  # dataclasses look their module up while the class is made
        sys.path.insert(0, str(ROOT / "hooks"))  # as MkDocs does while it loads a hook (hooks/minifying.py)
        try:
            spec.loader.exec_module(module)
        finally:
            sys.path.remove(str(ROOT / "hooks"))
    return sys.modules[module_name]


def page_bundle(site: Path, html: str, suffix: str) -> str:
    """The text of the page bundle of this kind (".js" / ".css", hooks/assets.py) that a built page links; "" when it
    links none."""
    found = re.findall(rf'(?:src|href)="[^"]*assets/(page\.[0-9a-f]{{10}}\{suffix})"', html)
    assert len(found) <= 1, f"more than one page bundle {suffix}: {found}"
    return (site / "assets" / found[0]).read_text(encoding="utf-8") if found else ""


_minified: dict[Path, str] = {}


def bundled_components(bundle: str, suffix: str) -> list[str]:
    """The components whose source of this kind a served bundle holds (minified as the hook does), in their order."""
    at = {}
    for source in sorted((ROOT / "components").glob(f"*/*{suffix}")):
        if source not in _minified:
            _minified[source] = load_hook("assets").minified(source)
        where = bundle.find(_minified[source])
        if where >= 0:
            at.setdefault(source.parent.name, where)
    return sorted(at, key=at.get)


class SubPathHandler(http.server.SimpleHTTPRequestHandler):
    """Serves `self.directory` only under BASE_PATH, with GitHub Pages' 404.html for anything missing."""

    def log_message(self, *args):  # keep test output quiet
        pass

    def translate_path(self, path: str) -> str:
        path = urlsplit(path).path
        if not path.startswith(BASE_PATH):
            return os.path.join(self.directory, "__outside_base_path__")
        return super().translate_path("/" + path[len(BASE_PATH):])

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory, "404.html")
        if code != 404 or not page.exists():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


class _DeployHandler(SubPathHandler):
    """GitHub Pages as the reader meets it: the site under BASE_PATH, 404.html for anything missing, and
    `Cache-Control: max-age=600` on everything (a deploy is not seen through the HTTP cache for 10 minutes)."""

    def __init__(self, request, client_address, server):
        super().__init__(request, client_address, server, directory=str(server.site_dir))

    def do_GET(self):
        self.server.requests.append(self.path)
        if self.server.down:  # no signal: the connection closes without an answer
            self.close_connection = True
            return
        super().do_GET()

    def end_headers(self):
        self.send_header("Cache-Control", "max-age=600")
        super().end_headers()


class DeployServer(http.server.ThreadingHTTPServer):
    """Serves a built site on 127.0.0.1 from `site_dir`, which a test may point at another build (a deploy to the
    same URL). `requests` logs every path asked for; `down = True` answers nothing (the network is gone)."""

    daemon_threads = True

    def __init__(self, port: int, site_dir: Path):
        self.site_dir = site_dir
        self.requests: list[str] = []
        self.down = False
        super().__init__(("127.0.0.1", port), _DeployHandler)
        threading.Thread(target=self.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.shutdown()
        self.server_close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main_thread_ms(page, action) -> float:
    """Milliseconds of CPU the page's main thread spends while action() runs: its scripts, style, layout and paint
    (Chromium's own task accounting in thread time, DevTools `Performance` with timeDomain=threadTicks). Unlike wall
    time it does not grow when other processes load the machine, so a test can bound what our code costs."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("Performance.enable", {"timeDomain": "threadTicks"})

    def spent() -> float:
        return next(m["value"] for m in cdp.send("Performance.getMetrics")["metrics"] if m["name"] == "TaskDuration")

    try:
        before = spent()
        action()
        return (spent() - before) * 1000
    finally:
        cdp.detach()


class HeldPageBundles:
    """Page bundles (assets/page.*.js) held back, as on a phone whose signal drops: what the reader does before the
    page's scripts arrive. hold(context) before the page opens; release(page) lets them go."""

    def __init__(self, context):
        self.routes = []
        context.route("**/assets/page.*.js", lambda route: self.routes.append(route))

    def release(self, page) -> None:
        """Answer the held requests (Playwright hears of a request only while it listens: wait for it first)."""
        for _ in range(500):
            if self.routes:
                break
            page.wait_for_timeout(20)
        assert self.routes, "the page bundle was not requested"
        for route in self.routes:
            route.continue_()
