"""Shared fixtures: the real site built once under a GitHub-Pages-like sub-path, served on 127.0.0.1, and a
real Chromium (Debian's /usr/bin/chromium, or CHROMIUM_PATH) driven by Playwright."""

from __future__ import annotations

import functools
import http.server
import os
import socket
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from support import BASE_PATH, ROOT, Build, SubPathHandler, run_mkdocs_build

CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
    # No host but the test servers' resolves: nothing a page asks for can leave the machine. The contexts record
    # such requests (external_requests) instead of routing every request through Playwright, which would turn the
    # HTTP cache off and make each one wait for this process (a third of the suite's time).
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost",
]
LOCAL_HOSTS = ("127.0.0.1", "localhost")


def record_requests(ctx) -> None:
    """ctx.requests: every URL the context's pages and service workers ask for; ctx.external_requests: those for any
    host but the test servers' (the pages' CSP refuses them, and no other host resolves)."""
    ctx.requests = []
    ctx.external_requests = []

    def record(request):
        ctx.requests.append(request.url)
        if urlsplit(request.url).hostname not in LOCAL_HOSTS and not request.url.startswith(("data:", "blob:")):
            ctx.external_requests.append(request.url)

    ctx.on("request", record)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class _SubPathHandler(SubPathHandler):
    """The built site under BASE_PATH (support.SubPathHandler), from the directory given to the server."""

    def __init__(self, *args, site_dir: str, **kwargs):
        super().__init__(*args, directory=site_dir, **kwargs)


# The tests that visit every page take 20–45 s each, a tenth of the suite. Started first, they run beside the short
# ones on the other workers; started last (pytest-randomly shuffles), one of them kept a worker busy while the others
# had finished (up to half a minute of the 5-minute budget).
SWEEPS = ("test_every_page_has_no_axe_violations", "test_no_page_shifts_when_its_javascript_arrives",
          "test_no_page_trips_the_policy_or_asks_another_host_in_normal_use",
          "test_after_one_visit_every_page_search_and_checklists_work_offline")


def pytest_collection_modifyitems(items):
    """Every test that drives Chromium is marked `browser`, so `-m "not browser"` is the fast suite."""
    for item in items:
        if {"page", "context", "browser"} & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.browser)


class SweepsFirst:
    """A plugin (a module holds one hook of a name): after pytest-randomly's shuffle, the sweeps go first."""

    @pytest.hookimpl(trylast=True)
    def pytest_collection_modifyitems(self, items):
        items.sort(key=lambda item: getattr(item, "originalname", item.name) not in SWEEPS)  # stable sort


def pytest_configure(config):
    config.pluginmanager.register(SweepsFirst(), "sweeps-first")


@pytest.fixture(scope="session")
def site_port() -> int:
    return _free_port()


@pytest.fixture(scope="session")
def site_url(site_port) -> str:
    return f"http://127.0.0.1:{site_port}{BASE_PATH}"


@pytest.fixture(scope="session")
def built_site(tmp_path_factory, site_url) -> Build:
    """The real site, built once per session with site_url = where the tests serve it (instant navigation on)."""
    build = run_mkdocs_build(ROOT, tmp_path_factory.mktemp("site") / "site", site_url)
    if build.returncode != 0:
        pytest.fail(f"mkdocs build --strict failed:\n{build.log[-4000:]}")
    return build


@pytest.fixture(scope="session")
def site_server(built_site, site_port, site_url):
    handler = functools.partial(_SubPathHandler, site_dir=str(built_site.site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", site_port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield site_url
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    # expect() waits 5 s by default: short on a loaded machine (2 cores, 3 workers, other jobs). A passing assertion
    # returns as soon as it holds, so only a failing one waits longer.
    sync_api.expect.set_options(timeout=15_000)
    debian = "/usr/bin/chromium"
    executable = os.environ.get("CHROMIUM_PATH") or (debian if Path(debian).exists() else None)
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


class PageErrors(list):
    """Uncaught page errors and console errors seen during a test."""


@pytest.fixture
def context(browser, site_server):
    """A fresh browser profile (empty localStorage) that may talk only to the test server. Service workers are
    blocked: every request reaches the server, as on a first visit (the offline worker is tested with sw_context)."""
    ctx = browser.new_context(
        locale="ru-RU", timezone_id="Europe/Moscow", accept_downloads=True,
        permissions=["clipboard-read", "clipboard-write"], service_workers="block",
    )
    record_requests(ctx)
    yield ctx
    ctx.close()


@pytest.fixture
def sw_context(browser):
    """A fresh profile where the site's service worker may register (components/offline/); tests bring their own
    server (support.DeployServer) and may call ctx.set_offline(True). Requests to other hosts are recorded in
    ctx.external_requests (the page's CSP refuses them) but not routed: Playwright's routing turns the HTTP cache
    off, and the worker must be tested with it on, as readers have it."""
    ctx = browser.new_context(locale="ru-RU", timezone_id="Europe/Moscow", service_workers="allow")
    record_requests(ctx)
    yield ctx
    ctx.close()


@pytest.fixture
def page(context):
    """A page that records uncaught errors and console errors in page.errors (tests assert it stays empty)."""
    pg = context.new_page()
    pg.errors = PageErrors()
    pg.on("pageerror", lambda exc: pg.errors.append(f"pageerror: {exc}"))
    pg.on("console", lambda msg: pg.errors.append(f"console.{msg.type}: {msg.text}") if msg.type == "error" else None)
    return pg
