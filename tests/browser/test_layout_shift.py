"""Cumulative layout shift on every page at a phone's size, with our JS arriving late as on a slow network: what the
components reveal is shown from the first paint (html.oz-js, components/base/site.css), so nothing moves when the JS
runs. Budget: CLS ≤ 0.02 (the progress page was at 0.088, the calculator at 0.093)."""

from __future__ import annotations

import time

import pytest

from support import all_pages

pytestmark = pytest.mark.browser

RECORD_SHIFTS = """
window.__shift = 0;
new PerformanceObserver(list => {
    for (const e of list.getEntries()) if (!e.hadRecentInput) window.__shift += e.value;
}).observe({type: 'layout-shift', buffered: true});
"""


def test_no_page_shifts_when_its_javascript_arrives(browser, site_server, built_site):
    context = browser.new_context(viewport={"width": 412, "height": 823}, is_mobile=True, device_scale_factor=2,
                                  locale="ru-RU")
    try:
        context.add_init_script(RECORD_SHIFTS)

        def late(route):  # our bundles arrive after the first paint, as on a slow phone
            time.sleep(0.4)
            route.continue_()

        context.route("**/*", lambda route: route.continue_() if "127.0.0.1" in route.request.url else route.abort())
        context.route("**/assets/*.js", late)  # the last route registered is tried first
        page = context.new_page()
        shifts = {}
        for path in all_pages(built_site)[:-1]:  # not the 404 page
            page.goto(site_server + path)  # "load": our deferred scripts have run
            page.evaluate("new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")  # painted
            page.wait_for_timeout(100)
            shifts[path] = round(page.evaluate("window.__shift"), 4)
        assert {p: s for p, s in shifts.items() if s > 0.02} == {}
    finally:
        context.close()
