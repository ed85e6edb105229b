"""Privacy: loading any page asks nothing of any host but the site's own, and the CSP forbids it anyway."""

from __future__ import annotations

from urllib.parse import urlsplit

from support import all_pages


def test_pages_request_nothing_from_other_hosts(context, site_server, built_site):
    requested = []
    page = context.new_page()
    page.on("request", lambda r: requested.append(r.url))
    for path in all_pages(built_site):
        page.goto(site_server + path)
        page.wait_for_load_state("networkidle")
    hosts = {urlsplit(u).hostname for u in requested if not u.startswith(("data:", "blob:"))}
    assert hosts == {"127.0.0.1"}
    assert context.external_requests == []
    assert len(requested) > len(all_pages(built_site))


def test_csp_forbids_third_party_scripts_and_the_site_still_works(page, site_server):
    page.goto(site_server + "shagi/pretenziya/")
    csp = page.get_attribute('meta[http-equiv="Content-Security-Policy"]', "content")
    assert "default-src 'self'" in csp and "script-src 'self'" in csp
    assert "http" not in csp and "*" not in csp
    # an injected third-party script is refused by the policy, not merely unreachable
    violations = page.evaluate("""() => new Promise(resolve => {
        document.addEventListener('securitypolicyviolation', e => resolve(e.blockedURI), {once: true});
        const s = document.createElement('script'); s.src = 'https://example.com/x.js'; document.head.append(s);
        setTimeout(() => resolve(null), 15000); })""")
    assert violations and violations.startswith("https://example.com")
    page.errors.clear()  # the refusal itself is reported on the console, as it should be
    # the theme's own scripts run under the policy: search opens and finds Russian text
    page.keyboard.press("/")
    page.locator(".md-search__input").press_sequentially("претензию")
    page.keyboard.press("End")  # Material reads the query on keyup; Cyrillic is typed without key events
    page.wait_for_selector(".md-search-result__item", timeout=10000)
    assert page.errors == []
