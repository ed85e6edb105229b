"""Page bundles (hooks/assets.py: one script and one stylesheet per page, holding the page-scoped components it
shows) work whether a page is loaded in full or reached by instant navigation."""

from __future__ import annotations

import datetime as dt
import re

from playwright.sync_api import expect

from support import HeldPageBundles


def test_a_component_first_reached_by_instant_navigation_starts(page, site_server):
    """Home links no page bundle; an instant navigation to a step page and on to a letter page that also needs the
    deadline engine loads each page's bundle and starts its components, and going back to a page seen before starts
    them again."""
    page.goto(site_server)
    assert page.locator('script[src*="assets/page."]').count() == 0
    page.evaluate("window.__marker = 1")
    page.locator('article a[href$="shagi/proverka-zakaza/"]').first.click()
    expect(page.locator("[data-checklist-progress]").first).to_be_visible()
    page.locator("input[data-item]").first.check()
    # The nav is a drawer on a phone: click the link as Material's instant navigation sees a click.
    page.evaluate("document.querySelector('.md-nav a[href$=\"pisma/pretenziya/\"]').click()")
    expect(page.locator("[data-letters-js]").first).to_be_visible()
    page.locator("[data-field='promised-on']").first.fill("2026-12-05")  # a Saturday: the engine moves the term
    expect(page.locator("#lt-claim")).to_contain_text("07.12.2026")
    page.go_back()
    expect(page.locator("input[data-item]").first).to_be_checked()
    expect(page.locator("[data-checklist-progress]").first).to_be_visible()
    assert page.evaluate("window.__marker") == 1, "navigation was not instant"


def test_what_the_reader_types_before_the_script_starts_is_kept(context, page, site_server):
    """The form shows from the first paint (html.oz-js): a date typed while fields.js and letters.js are still on
    their way stays, and the letter counts with it once the scripts and the engine are there."""
    held = HeldPageBundles(context)  # answered only once the reader has acted (however slow the machine)
    page.goto(site_server + "pisma/pretenziya/", wait_until="commit")
    field = page.locator("[data-letter='claim'] [data-field='promised-on']")
    field.fill("2026-12-05")  # a Saturday: the engine moves the term to Monday 07.12
    assert page.evaluate("typeof window.ozFields") == "undefined", "typed before the script started"
    held.release(page)
    expect(page.locator("#lt-claim")).to_contain_text("07.12.2026")
    assert field.input_value() == "2026-12-05"
    assert page.errors == []


def test_remember_ticked_before_the_script_starts_stays_on(context, page, site_server):
    """The remember / erase block shows from the first paint too: «Запомнить» ticked while fields.js is on its way is
    the reader's consent — the script keeps the box ticked and stores what was typed (it used to untick it
    silently, and the values were lost on the next reload)."""
    held = HeldPageBundles(context)  # answered only once the reader has acted (however slow the machine)
    page.goto(site_server + "pisma/pretenziya/", wait_until="commit")
    page.locator("[data-fields-remember]").check()
    page.locator("[data-letter='claim'] [data-field='order-number']").fill("55555555-0005")
    assert page.evaluate("typeof window.ozFields") == "undefined", "ticked before the script started"
    held.release(page)
    expect(page.locator("#lt-claim")).to_contain_text("55555555-0005")
    expect(page.locator("[data-fields-remember]")).to_be_checked()
    assert page.evaluate("ozFields.remembering()") is True
    context.unroute("**/assets/page.*.js")
    page.reload()
    expect(page.locator("[data-letter='claim'] [data-field='order-number']")).to_have_value("55555555-0005")
    assert page.errors == []


def test_a_bundle_reached_from_a_page_that_ran_some_of_its_components_starts_the_others(page, site_server):
    """The claim letter's bundle (engine, letters, route) runs first; «Моё дело»'s bundle holds those again with the
    checklists' and the case's scripts: each guard that finds its component already there stops that component only,
    and the case starts and counts with the engine."""
    page.clock.set_fixed_time(dt.datetime(2026, 11, 28, 12, tzinfo=dt.timezone(dt.timedelta(hours=3))))
    page.goto(site_server + "pisma/pretenziya/")
    page.locator("[data-field='promised-on']").first.fill("2026-12-05")
    expect(page.locator("#lt-claim")).to_contain_text("07.12.2026")
    assert page.evaluate("!!window.ozLetters && !window.ozCase")
    page.evaluate("window.__marker = 1")
    page.evaluate("document.querySelector('.md-nav a[href$=\"delo/\"]').click()")
    page.wait_for_url(site_server + "delo/")
    page.select_option("[data-case-event]", "claim-received")
    page.fill("[data-case-date]", "2026-11-25")  # typed before the case's script starts, or after: it stays
    expect(page.locator("[data-case-date]")).to_have_attribute("max", "2026-11-28")  # the case has started
    page.click('[data-case-do="add"]')
    expect(page.locator('[data-case-term="seller-refund"]')).to_contain_text(re.compile(r"осталось\s9\sдней"))
    assert page.evaluate("window.__marker") == 1, "navigation was not instant"
    assert page.evaluate("!!window.ozCase && !!window.ozTicks")
    assert page.errors == []


def test_a_page_bundle_that_never_arrives_leaves_no_dead_form(context, page, site_server):
    """A phone loses signal while a page bundle loads: the form it would run is not left shown and dead (html.oz-js
    shows it from the first paint); the page reads as without JavaScript, on an instant navigation and on a full load,
    and the next page whose bundle arrives works."""
    page.goto(site_server)
    page.evaluate("window.__marker = 1")
    context.route("**/assets/page.*.js", lambda route: route.abort("internetdisconnected"))
    page.evaluate("document.querySelector('.md-nav a[href$=\"pisma/pretenziya/\"]').click()")
    page.wait_for_url("**/pisma/pretenziya/")
    expect(page.locator("[data-letters-nojs]")).to_be_visible()
    expect(page.locator("[data-letter='claim'] [data-field='amount']")).to_be_hidden()
    expect(page.locator("[data-fields-privacy]")).to_be_hidden()

    context.unroute("**/assets/page.*.js")
    page.evaluate("document.querySelector('.md-nav a[href$=\"pisma/soobshchenie-v-chat/\"]').click()")
    page.wait_for_url("**/pisma/soobshchenie-v-chat/")
    page.locator("[data-letter='chat'] [data-field='order-number']").fill("77777777-0007")
    expect(page.locator("[data-letter='chat'] [data-letter-text]")).to_contain_text("77777777-0007")
    expect(page.locator("[data-letters-nojs]")).to_be_hidden()
    assert page.evaluate("window.__marker") == 1, "navigation was not instant"

    context.route("**/assets/page.*.js", lambda route: route.abort("internetdisconnected"))
    page.goto(site_server + "delo/")  # a full load
    expect(page.locator("[data-case-nojs]")).to_be_visible()
    expect(page.locator("[data-fields-privacy]")).to_be_hidden()
