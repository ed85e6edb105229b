"""Privacy: the CSP forbids asking any host but the site's own. That no page asks one is checked by the every-page
sweep of test_csp.py (test_no_page_trips_the_policy_or_asks_another_host_in_normal_use), which loads every page once
for both; every browser test's context also records any request to another host (conftest.py, external_requests)."""

from __future__ import annotations


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


def test_the_test_browser_records_a_request_to_another_host_and_it_goes_nowhere(context, page, site_server):
    """The guard every other test relies on (conftest.py): a request for another host is recorded in
    external_requests, and that host does not resolve (nothing leaves the machine)."""
    page.goto(site_server)
    assert context.external_requests == []
    try:
        page.goto("http://example.com/guard-check")
    except Exception as error:
        assert "ERR_NAME_NOT_RESOLVED" in str(error)
    else:
        raise AssertionError("another host answered")
    assert context.external_requests == ["http://example.com/guard-check"]
