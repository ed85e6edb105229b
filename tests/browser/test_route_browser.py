"""«Как вы платили?» (components/route/): a reader picks how they paid once, on the bank step; the letters' payment
field follows on every letter page, and a pick made in a letter shows on the step (the route's own storage key, one
pick per case; the order fields, components/fields/, show and store it in the forms)."""

from __future__ import annotations

from playwright.sync_api import expect

from support import letter_pages

BANK_STEP = "shagi/osparivanie-platezha/"


def test_a_pick_on_the_bank_step_reaches_the_letters_and_back(page, site_server):
    page.goto(site_server + BANK_STEP)
    page.locator("[data-route-pick][value='balance']").check()
    expect(page.locator("[data-route-panel='balance']")).to_be_visible()
    expect(page.locator("[data-route-panel='card']")).to_be_hidden()
    page.goto(site_server + letter_pages()["bank"])
    expect(page.locator("[data-letter='bank'] [data-field='pay-method'][value='balance']")).to_be_checked()
    # The bank letter says it does not fit a payment from the Ozon balance.
    expect(page.locator("#lt-bank")).to_contain_text("оспорить оплату через банк нельзя")
    page.locator("[data-letter='bank'] [data-field='pay-method'][value='sbp']").check()
    page.goto(site_server + BANK_STEP)
    expect(page.locator("[data-route-pick][value='sbp']")).to_be_checked()
    expect(page.locator("[data-route-panel='sbp']")).to_be_visible()
    assert page.errors == []


def test_a_pick_in_another_tab_reaches_an_open_letter(context, page, site_server):
    """The bank step in one tab, the bank letter in another: the letter's payment method follows the pick at once,
    without a reload; no route script runs on the letter page (the order fields keep the pick there)."""
    page.goto(site_server + letter_pages()["bank"])
    card = page.locator("[data-letter='bank'] [data-field='pay-method'][value='card']")
    expect(card).to_be_checked()
    assert page.evaluate("typeof window.ozRoute") == "undefined"
    other = context.new_page()
    other.goto(site_server + BANK_STEP)
    other.locator("[data-route-pick][value='sbp']").check()
    expect(page.locator("[data-letter='bank'] [data-field='pay-method'][value='sbp']")).to_be_checked()
    expect(page.locator("#lt-bank")).to_contain_text("через Систему быстрых платежей")
    page.locator("[data-letter='bank'] [data-field='pay-method'][value='card']").check()
    expect(other.locator("[data-route-pick][value='card']")).to_be_checked()
    expect(other.locator("[data-route-panel='card']")).to_be_visible()
    assert page.errors == []


def test_show_all_is_offered_only_while_it_would_show_something(page, site_server):
    """No pick yet: every panel shows, so «Показать все способы» is not offered (a button that does nothing). A pick
    hides the other panels and offers it; pressed, every panel shows again and the button goes."""
    page.goto(site_server + BANK_STEP)
    more = page.get_by_role("button", name="Показать все способы")
    expect(page.locator("[data-route-pick]").first).to_be_visible()
    expect(page.locator("[data-route-panel]:visible")).to_have_count(page.locator("[data-route-panel]").count())
    expect(more).to_be_hidden()
    page.locator("[data-route-pick][value='card']").check()
    expect(page.locator("[data-route-panel]:visible")).to_have_count(1)
    more.click()
    expect(page.locator("[data-route-panel]:visible")).to_have_count(page.locator("[data-route-panel]").count())
    expect(more).to_be_hidden()
    assert page.errors == []
