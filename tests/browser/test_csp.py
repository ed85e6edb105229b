"""The strict Content-Security-Policy (overrides/main.html + hooks/csp.py) in a real Chromium: injected scripts do not
run, and the site itself never trips the policy — on any page, across instant navigation, while using search and the
components."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest

from support import all_pages

pytestmark = pytest.mark.browser

# Registered before any page script (Playwright's init scripts are not subject to the page's policy).
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', e => window.__cspViolations.push(
    e.effectiveDirective + ' ' + (e.blockedURI || '') + ' ' + (e.sourceFile || '') + ':' + e.lineNumber));
"""


def violations(page) -> list[str]:
    return page.evaluate("window.__cspViolations")


def test_the_policy_has_no_unsafe_script_sources_and_is_the_same_everywhere(built_site):
    """Read from the built pages (the <meta> is static HTML: the browser sweep below checks it is obeyed)."""
    policies = set()
    for html in built_site.site_dir.rglob("*.html"):
        policies.update(re.findall(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)"',
                                   html.read_text(encoding="utf-8")))
    (policy,) = policies  # one policy: instant navigation never stacks differing ones
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    assert directives["default-src"] == "'self'" and directives["object-src"] == "'none'"
    assert directives["base-uri"] == "'self'"
    assert directives["worker-src"] == "'self'" and directives["manifest-src"] == "'self'"
    script_src = directives["script-src"].split()
    assert script_src[0] == "'self'" and all(s.startswith("'sha256-") for s in script_src[1:]), script_src
    assert "unsafe" not in policy and "http" not in policy and "*" not in policy


def test_an_injected_inline_script_and_handler_are_refused(context, site_server):
    context.add_init_script(RECORD_VIOLATIONS)
    page = context.new_page()
    page.goto(site_server + "shagi/pretenziya/")
    page.evaluate("""() => {
        const s = document.createElement('script');
        s.textContent = 'window.__injected = 1';
        document.body.append(s);
        const b = document.createElement('button');
        b.setAttribute('onclick', 'window.__clicked = 1');
        b.textContent = 'x';
        document.body.append(b);
        b.click();
        const a = document.createElement('a');
        a.href = 'javascript:window.__followed = 1';
        document.body.append(a);
        a.click();
    }""")
    # Three refusals are reported (a few ms later, or more on a loaded machine), or one of the three ran.
    page.wait_for_function("window.__cspViolations.length >= 3 || window.__injected || window.__clicked"
                           " || window.__followed", timeout=15000)
    assert page.evaluate("[window.__injected, window.__clicked, window.__followed]") == [None, None, None]
    seen = violations(page)  # the script element, the handler attribute, the javascript: URL
    assert [v.split()[0] for v in seen] == ["script-src-elem", "script-src-attr", "script-src-elem"], seen


def test_no_page_trips_the_policy_or_asks_another_host_in_normal_use(context, site_server, built_site):
    """Every page loaded directly, then instant navigation, search and the theme switch: no violation, no error, and
    no request to any host but the site's own (one sweep for both: it is the suite's slowest kind of test)."""
    context.add_init_script(RECORD_VIOLATIONS)
    page = context.new_page()
    errors = []
    requested = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: requested.append(r.url))
    for n, path in enumerate(all_pages(built_site)):
        page.goto(site_server + path)  # "load": the page's scripts have run
        # what a page asks for after its load is the same on every page (the search worker and its index): the
        # first page waits for it all, the others for two frames
        if n == 0:
            page.wait_for_load_state("networkidle")
        page.evaluate("new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
        assert violations(page) == [], path
    assert all("404 (Not Found)" in e for e in errors), errors  # only no-such-page/ itself
    hosts = {urlsplit(u).hostname for u in requested if not u.startswith(("data:", "blob:"))}
    assert hosts == {"127.0.0.1"} and context.external_requests == []
    assert len(requested) > len(all_pages(built_site))
    errors.clear()
    # Instant navigation (same document: the first page's policy governs what the next page brings) …
    page.goto(site_server)
    page.locator(".md-content a[href*='/shagi/']").first.click()
    page.wait_for_url("**/shagi/**")
    page.locator(".md-sidebar--primary a[href$='/kalkulyator/']").first.click()
    page.wait_for_url("**/kalkulyator/")
    page.locator("[data-oz-letters] input[type=date]").first.fill("2026-11-01")
    # … search (worker from our origin) and the colour-scheme toggle (palette script, stored choice).
    page.evaluate("document.activeElement.blur()")  # "/" in the date field would type, not open search
    page.keyboard.press("/")
    page.locator(".md-search__input").press_sequentially("претензию")
    page.keyboard.press("End")
    page.wait_for_selector(".md-search-result__item", state="attached", timeout=10000)  # the worker answered
    page.keyboard.press("Escape")
    page.locator("label.md-header__button[for^='__palette']:visible").first.click()
    page.reload()
    page.wait_for_load_state("networkidle")
    assert violations(page) == []
    assert errors == []
    assert {urlsplit(u).hostname for u in requested if not u.startswith(("data:", "blob:"))} == {"127.0.0.1"}
    assert context.external_requests == []
