"""«Моё дело» (docs/delo.md, components/case/) in a real browser with a fixed clock: events, deadlines counted by
the engine, the next action, the penalty, several cases, consent, erase, export/import, migration, .ics, print."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

CASES = "ozon-propal-zakaz:cases"
LETTERS = "ozon-propal-zakaz:letters"
CHECKLISTS = "ozon-propal-zakaz:checklists"
MSK = dt.timezone(dt.timedelta(hours=3))


def at(day: str, hour: int = 12) -> dt.datetime:
    return dt.datetime.fromisoformat(day).replace(hour=hour, tzinfo=MSK)


def open_case(page, site_server, day: str):
    page.clock.set_fixed_time(at(day))
    page.goto(site_server + "delo/")
    page.wait_for_selector("[data-case-js]:not([hidden])")
    return page


def log_event(page, event: str, day: str):
    page.select_option("[data-case-event]", event)
    page.fill("[data-case-date]", day)
    page.click('[data-case-do="add"]')


def text(locator) -> str:
    return locator.inner_text().replace("\xa0", " ")


def term(page, term_id: str):
    return page.locator(f'[data-case-term="{term_id}"]')


def action(page):
    return page.locator("[data-case-action]:not([hidden])")


def remember(page):
    page.check("[data-letters-remember]")


def test_claim_received_counts_to_the_next_working_day_then_overdue(page, site_server):
    open_case(page, site_server, "2026-11-28")
    remember(page)
    page.fill("#lf-case-order-number", "12345678-0001")
    log_event(page, "claim-received", "2026-11-25")
    seller = term(page, "seller-refund")
    assert seller.is_visible()
    shown = text(seller)
    assert "пн 07.12.2026" in shown and "осталось 9 дней" in shown
    assert "10 дней с 26.11 → 05.12, суббота → переносится на пн 07.12, ст. 193 ГК" in shown
    assert "is-left" in seller.get_attribute("class")
    assert action(page).get_attribute("data-case-action") == "refund-wait"
    assert "Сегодня 3-й день из 10. Если до пн 07.12.2026 денег нет" in text(action(page))
    # 08.12: the seller's term is over; the next action is the bank, with its letter
    open_case(page, site_server, "2026-12-08")
    seller = term(page, "seller-refund")
    assert "просрочено на 1 день" in text(seller) and "is-over" in seller.get_attribute("class")
    assert action(page).get_attribute("data-case-action") == "bank-now"
    assert "просрочен на 1 день — подайте заявление в банк" in text(action(page))
    assert action(page).locator("a").last.get_attribute("href").endswith("pisma/#zayavlenie-v-bank")
    assert page.input_value("#lf-case-order-number") == "12345678-0001"  # reload: all there
    assert "25.11.2026" in page.locator("[data-case-timeline]").inner_text()
    assert page.errors == []


def test_last_day_and_penalty(page, site_server):
    open_case(page, site_server, "2026-12-07")
    page.fill("#lf-case-amount", "10 000")
    page.fill("#lf-case-promised-on", "2026-11-20")  # a Friday
    log_event(page, "claim-received", "2026-11-25")
    assert "сегодня последний день" in text(term(page, "seller-refund"))
    penalty = page.locator("[data-case-penalty]")
    # 0.5 % of 10 000 ₽ a day from 21.11 to 07.12: 17 days = 850 ₽
    assert "850 ₽" in text(penalty) and "с 21.11.2026 по 07.12.2026" in text(penalty)
    assert page.errors == []


def test_ozon_window_after_received_status(page, site_server):
    open_case(page, site_server, "2026-11-28")
    log_event(page, "status-received", "2026-11-26")
    window = term(page, "ozon-window")
    assert "осталось 5 дней" in text(window) and "7 дней с 27.11 → 03.12" in text(window)
    assert action(page).get_attribute("data-case-action") == "chat-now"
    log_event(page, "chat-sent", "2026-11-27")
    assert "сделано 27.11.2026 — в срок" in text(window)
    assert page.errors == []


def test_without_consent_nothing_is_stored_and_the_page_forgets(page, site_server):
    open_case(page, site_server, "2026-11-28")
    log_event(page, "claim-sent", "2026-11-20")
    assert page.evaluate(f"localStorage.getItem('{CASES}')") is None
    assert page.locator("[data-case-many]").is_hidden()
    remember(page)
    assert "claim-sent" in page.evaluate(f"localStorage.getItem('{CASES}')")
    page.click("[data-letters-erase]")
    assert page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('ozon-propal-zakaz:'))") == []
    assert page.locator("[data-case-timeline] li").count() == 0
    assert page.errors == []
