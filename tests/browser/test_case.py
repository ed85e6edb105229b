"""«Моё дело» (docs/delo.md, components/case/) in a real browser with a fixed clock: events, deadlines counted by
the engine, the next action, the penalty, several cases, consent, erase, export/import, migration, .ics, print."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
import yaml

from support import ROOT

expect = pytest.importorskip("playwright.sync_api").expect

CASES = "ozon-propal-zakaz:cases"
LETTERS = "ozon-propal-zakaz:letters"
CHECKLISTS = "ozon-propal-zakaz:checklists"
ROUTE = "ozon-propal-zakaz:route"
MSK = dt.timezone(dt.timedelta(hours=3))
# The first item of the first step (shagi/proverka-zakaza/), the first box on that page.
FIRST_ITEM = yaml.safe_load((ROOT / "data" / "steps.yml").read_text(encoding="utf-8"))["steps"][0]["items"][0]["id"]


def at(day: str, hour: int = 12) -> dt.datetime:
    return dt.datetime.fromisoformat(day).replace(hour=hour, tzinfo=MSK)


def open_case(page, site_server, day: str):
    page.clock.set_fixed_time(at(day))
    page.goto(site_server + "delo/")
    page.wait_for_selector("[data-case-js]:not([hidden])")
    return page


def log_event_by_hand(page, event: str, day: str):
    """Log an event through Playwright's own actions on the form (each waits until its control can be used, as a
    reader would), in the tests where the form itself is the subject:
    test_claim_received_counts_to_the_next_working_day_then_overdue,
    test_events_in_odd_orders_are_flagged_and_a_second_date_is_announced, test_reached_by_instant_navigation,
    test_on_a_phone_the_case_controls_are_big_enough_to_tap_and_do_not_touch."""
    page.select_option("[data-case-event]", event)
    page.fill("[data-case-date]", day)
    page.click('[data-case-do="add"]')


def log_event(page, event: str, day: str):
    """Log an event as log_event_by_hand does (pick it, set the date with an input and a change event, press
    «Добавить»), in one call into the page instead of three actions with their waits: a sixth of the browser's work.
    The controls must be shown and enabled and the event one of the list's."""
    page.evaluate("""([event, day]) => {
        const select = document.querySelector("[data-case-event]"), date = document.querySelector("[data-case-date]");
        const add = document.querySelector('[data-case-do="add"]');
        for (const el of [select, date, add])
            if (!el.checkVisibility() || el.disabled) throw new Error(`not usable: ${el.outerHTML.slice(0, 80)}`);
        if (![...select.options].some(option => option.value === event)) throw new Error(`no event «${event}»`);
        select.value = event;
        date.value = day;
        for (const el of [select, date])
            for (const type of ["input", "change"]) el.dispatchEvent(new Event(type, {bubbles: true}));
        add.click();
    }""", [event, day])


def text(locator) -> str:
    return locator.inner_text().replace("\xa0", " ")


def term(page, term_id: str):
    return page.locator(f'[data-case-term="{term_id}"]')


def action(page):
    return page.locator("[data-case-action]:not([hidden])")


def remember(page):
    page.check("[data-fields-remember]")


def demand_delivery(page, site_server, day: str, new_date: str = "", card: bool = False):
    """A case on `day` whose order was promised for 20.11.2026 and whose reader demands delivery by new_date."""
    open_case(page, site_server, day)
    page.fill("#lf-case-promised-on", "2026-11-20")
    if card:
        page.check('[data-field="pay-method"][value="card"]')
    page.check('[data-field="demand"][value="deliver"]')
    if new_date:
        page.fill("#lf-case-new-date", new_date)


def test_claim_received_counts_to_the_next_working_day_then_overdue(page, site_server):
    open_case(page, site_server, "2026-11-28")
    remember(page)
    page.fill("#lf-case-order-number", "12345678-0001")
    log_event_by_hand(page, "claim-received", "2026-11-25")
    seller = term(page, "seller-refund")
    assert seller.is_visible()
    shown = text(seller)
    assert "пн 07.12.2026" in shown and "осталось 9 дней" in shown
    assert "10 дней с 26.11 → 05.12, суббота → переносится на пн 07.12, ст. 193 ГК" in shown
    assert "is-left" in seller.get_attribute("class")
    assert action(page).get_attribute("data-case-action") == "refund-wait"
    assert "Сегодня 3-й день из 10. Если денег не будет и после пн 07.12.2026" in text(action(page))
    # 08.12: the seller's term is over; the next action is the bank, with its letter
    open_case(page, site_server, "2026-12-08")
    seller = term(page, "seller-refund")
    assert "просрочено на 1 день" in text(seller) and "is-over" in seller.get_attribute("class")
    assert action(page).get_attribute("data-case-action") == "bank-now"
    assert "просрочен на 1 день — подайте заявление в банк" in text(action(page))
    assert action(page).locator("a").last.get_attribute("href").endswith("pisma/zayavlenie-v-bank/")
    assert page.input_value("#lf-case-order-number") == "12345678-0001"  # reload: all there
    assert "25.11.2026" in page.locator("[data-case-timeline]").inner_text()
    assert page.errors == []


def test_the_next_action_follows_how_the_reader_paid(page, site_server):
    """A payment from the Ozon balance or with points cannot be disputed through a bank (data/payment.yml): after
    the seller's term such a reader is sent to Роспотребнадзор and the court, a card payer to the bank; the radio
    re-renders the action at once."""
    open_case(page, site_server, "2026-12-08")
    page.fill("#lf-case-paid-on", "2026-11-10")
    log_event(page, "claim-received", "2026-11-25")
    page.check('[data-field="pay-method"][value="balance"]')
    assert action(page).get_attribute("data-case-action") == "no-bank-now"
    assert text(action(page)).startswith("Срок продавца просрочен на 1 день. Оплату с баланса Ozon или баллами через "
                                         "банк не оспорить — подайте жалобу в Роспотребнадзор и иск в суд.")
    assert action(page).locator("a").last.get_attribute("href").endswith("pisma/zhaloba-v-rospotrebnadzor/")
    assert page.locator('[data-case-action="bank-now"]').is_hidden() and term(page, "bank-window").is_hidden()
    page.check('[data-field="pay-method"][value="card"]')
    assert action(page).get_attribute("data-case-action") == "bank-now"
    assert "подайте заявление в банк" in text(action(page)) and term(page, "bank-window").is_visible()
    page.check('[data-field="pay-method"][value="on-receipt"]')  # a card charged at the pick-up point: the bank
    assert action(page).get_attribute("data-case-action") == "bank-now"
    page.check('[data-field="pay-method"][value="balance"]')
    log_event(page, "rpn-filed", "2026-12-08")
    assert action(page).get_attribute("data-case-action") == "court-now"
    assert page.errors == []


def test_a_balance_payer_waiting_for_the_seller_is_not_sent_to_the_bank(page, site_server):
    open_case(page, site_server, "2026-11-28")
    page.check('[data-field="pay-method"][value="balance"]')
    log_event(page, "claim-received", "2026-11-25")
    assert action(page).get_attribute("data-case-action") == "no-bank-wait"
    assert text(action(page)).startswith("Сегодня 3-й день из 10. Если денег не будет и после пн 07.12.2026, подайте "
                                         "жалобу в Роспотребнадзор и иск в суд.")
    assert "банк" not in text(action(page)).replace("через банк не оспорить", "")
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
    assert "осталось 5 дней" in text(window) and "7 дней с 27.11 → чт 03.12, без переноса" in text(window)
    assert action(page).get_attribute("data-case-action") == "chat-now"
    assert window.locator("[data-t=todo]").is_visible()
    log_event(page, "chat-sent", "2026-11-27")
    assert "сделано 27.11.2026 — в срок" in text(window)
    assert window.locator("[data-t=todo]").is_hidden()  # done: «Напишите в чат…» is no longer advice
    assert page.errors == []


def test_a_refund_ends_the_delivery_term_in_its_own_words(page, site_server):
    """The refund is not the reader «doing» the delivery term: its status says the money came back, not «сделано»."""
    open_case(page, site_server, "2026-12-10")
    page.fill("#lf-case-promised-on", "2026-11-20")
    delivery = term(page, "delivery")
    assert "просрочено на" in text(delivery) and delivery.locator("[data-t=todo]").is_visible()
    log_event(page, "refund-paid", "2026-12-09")
    assert "деньги вернули 09.12.2026" in text(delivery) and "сделано" not in text(delivery)
    assert delivery.locator("[data-t=todo]").is_hidden()
    # The bank's window is ended by the reader applying to the bank or by the refund, each in its own words.
    page.check('[data-field="pay-method"][value="card"]')
    page.fill("#lf-case-paid-on", "2026-11-10")
    bank = term(page, "bank-window")
    assert "деньги вернули 09.12.2026 — оспаривать платёж в банке не нужно" in text(bank)
    assert "сделано" not in text(bank)
    log_event(page, "bank-filed", "2026-12-01")  # before the refund: the earliest stop speaks
    assert "сделано 01.12.2026 — в срок" in text(bank) and "деньги вернули" not in text(bank)
    assert page.errors == []


def test_a_demand_for_delivery_counts_the_readers_new_date_not_the_refund_term(page, site_server):
    """ЗоЗПП ст. 23.1 п. 2: the buyer demands either delivery by a new date or the money. A demand for delivery starts
    no 10 days for a refund and sends nobody to the bank: the page counts the reader's own date, then says to demand
    the money. The penalty still runs from the first promised date, and stops when the order is handed over."""
    demand_delivery(page, site_server, "2026-12-10", "2026-12-15", card=True)
    page.fill("#lf-case-amount", "10000")
    page.fill("#lf-case-paid-on", "2026-11-10")
    log_event(page, "claim-sent", "2026-11-23")
    log_event(page, "claim-received", "2026-11-25")
    assert term(page, "seller-refund").is_hidden()
    new_date = term(page, "new-delivery")
    assert "вт 15.12.2026" in text(new_date) and "осталось 5 дней" in text(new_date)
    assert action(page).get_attribute("data-case-action") == "new-date-wait"
    assert "Ждите заказ до вт 15.12.2026 включительно" in text(action(page))
    penalty = page.locator("[data-case-penalty]")
    assert "с 21.11.2026 по 10.12.2026" in text(penalty)  # from the first promised date, not the new one
    # The new date has passed (a reader who set an earlier one): demand the money.
    page.fill("#lf-case-new-date", "2026-12-04")
    assert "просрочено на 6 дней" in text(new_date)
    assert action(page).get_attribute("data-case-action") == "new-date-over"
    assert "в разделе «Заказ» выберите в «Чего вы требуете» ответ «Вернуть деньги»" in text(action(page))
    # They demand the money: the seller's 10 days from the new claim, the bank after them.
    page.check('[data-field="demand"][value="refund"]')
    log_event(page, "claim-received", "2026-12-07")
    assert new_date.is_hidden() and term(page, "seller-refund").is_visible()
    assert action(page).get_attribute("data-case-action") == "refund-wait"
    replaced = text(page.locator(".oz-case__events [data-case-message]"))
    assert "первую, в которой вы потребовали вернуть деньги" in replaced
    # The order is handed over after all: the delivery term and the penalty stop that day.
    log_event(page, "handed", "2026-12-08")
    assert "заказ вручили 08.12.2026" in text(term(page, "delivery"))
    assert "с 21.11.2026 по 08.12.2026" in text(penalty)
    assert page.errors == []


def test_writing_to_the_chat_for_delivery_also_closes_ozons_window(page, site_server):
    open_case(page, site_server, "2026-11-28")
    log_event(page, "status-received", "2026-11-26")
    log_event(page, "chat-deliver", "2026-11-27")
    assert "сделано 27.11.2026 — в срок" in text(term(page, "ozon-window"))
    assert action(page).get_attribute("data-case-action") != "chat-now"
    assert page.errors == []


def test_without_consent_nothing_is_stored_and_the_page_forgets(page, site_server):
    open_case(page, site_server, "2026-11-28")
    log_event(page, "claim-sent", "2026-11-20")
    assert page.evaluate(f"localStorage.getItem('{CASES}')") is None
    assert page.locator("[data-case-many]").is_hidden()
    remember(page)
    assert "claim-sent" in page.evaluate(f"localStorage.getItem('{CASES}')")
    page.click("[data-fields-erase]")
    assert page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('ozon-propal-zakaz:'))") == []
    assert page.locator("[data-case-timeline] li").count() == 0
    assert page.errors == []


def two_cases(page, site_server, first_event: tuple[str, str], second_event: tuple[str, str] | None = None):
    """Kept on the device: case «111-1» with first_event (event id, day), then a new case «222-2», left active."""
    open_case(page, site_server, "2026-11-28")
    remember(page)
    page.fill("#lf-case-order-number", "111-1")
    log_event(page, *first_event)
    page.click('[data-case-do="new"]')
    page.fill("#lf-case-order-number", "222-2")
    if second_event:
        log_event(page, *second_event)


def stored(page, key: str):
    raw = page.evaluate("k => localStorage.getItem(k)", key)
    return None if raw is None else json.loads(raw)


def ticks(page) -> int:
    return page.locator(".oz-case__ticks .is-done").count()


def test_two_cases_switch_and_ticks_letters_follow_the_active_case(page, site_server):
    open_case(page, site_server, "2026-11-28")
    remember(page)
    page.fill("#lf-case-order-number", "111-1")
    log_event(page, "claim-sent", "2026-11-20")
    # a tick on a step page belongs to the first case
    page.goto(site_server + "shagi/proverka-zakaza/")
    first_item = page.locator("input[data-item]").first
    first_item.check()
    item_id = first_item.get_attribute("data-item")
    open_case(page, site_server, "2026-11-28")
    assert ticks(page) == 1
    page.click('[data-case-do="new"]')
    assert page.input_value("#lf-case-order-number") == ""  # a new, empty case
    assert page.locator("[data-case-timeline] li").count() == 0 and ticks(page) == 0
    page.fill("#lf-case-order-number", "222-2")
    log_event(page, "status-received", "2026-11-27")
    options = page.locator("[data-case-select] option").all_inner_texts()
    assert options == ["Заказ № 111-1", "Заказ № 222-2"]
    # the letters page and the step page show the active (second) case
    page.goto(site_server + "pisma/pretenziya/")
    assert page.input_value('[data-letter="claim"] [data-field="order-number"]') == "222-2"
    page.goto(site_server + "shagi/proverka-zakaza/")
    assert not page.locator(f'input[data-item="{item_id}"]').is_checked()
    # switch back to the first case: its data, ticks and events come back
    open_case(page, site_server, "2026-11-28")
    page.select_option("[data-case-select]", label="Заказ № 111-1")
    assert page.input_value("#lf-case-order-number") == "111-1"
    assert "Отправил(а) претензию" in page.locator("[data-case-timeline]").inner_text() and ticks(page) == 1
    page.goto(site_server + "shagi/proverka-zakaza/")
    assert page.locator(f'input[data-item="{item_id}"]').is_checked()
    assert len(stored(page, CASES)["items"]) == 2
    assert page.errors == []


def test_old_saved_progress_and_letters_become_the_first_case(page, site_server):
    page.goto(site_server)
    steps_item = "check-order.right-account"
    page.evaluate("""([c, l]) => {
        localStorage.setItem(c, JSON.stringify({version: 1, items: {"check-order.right-account":
            {checked: true, at: "2026-11-20T11:05:00.000Z"}}}));
        localStorage.setItem(l, JSON.stringify({version: 1, items: {"order-number": {value: "555-5", at: null},
            "amount": {value: "1000", at: null}}}));
    }""", [CHECKLISTS, LETTERS])
    open_case(page, site_server, "2026-11-28")
    assert page.input_value("#lf-case-order-number") == "555-5"
    assert page.is_checked("[data-fields-remember]")  # stored letters = the reader agreed before
    entry = page.locator(f'.oz-case__ticks [data-checklist-entry="{steps_item}"]')
    assert "is-done" in entry.get_attribute("class")
    # written back in the new version on the next change, nothing lost
    page.fill("#lf-case-goods", "Наушники")
    letters = stored(page, LETTERS)
    assert letters["version"] == 2
    assert {k: v["value"] for k, v in letters["items"].items()} == {
        "delo-1/order-number": "555-5", "delo-1/amount": "1000", "delo-1/goods": "Наушники"}
    assert page.errors == []


def test_export_erase_import_restores_every_case(page, site_server, tmp_path):
    two_cases(page, site_server, ("claim-received", "2026-11-25"))
    with page.expect_download() as download:
        page.click('[data-case-do="export"]')
    file = tmp_path / download.value.suggested_filename
    download.value.save_as(file)
    assert download.value.suggested_filename == "ozon-moe-delo-2026-11-28.json"
    before = {k: stored(page, k) for k in (CASES, LETTERS)}
    page.click("[data-fields-erase]")
    assert stored(page, CASES) is None and stored(page, LETTERS) is None
    assert page.input_value("#lf-case-order-number") == ""
    page.on("dialog", lambda d: d.accept())
    with page.expect_file_chooser() as chooser:
        page.click('[data-case-do="import"]')
    chooser.value.set_files(file)
    expect(page.locator(".oz-case__tools [data-case-message]")).to_contain_text("Готово")
    assert {k: stored(page, k) for k in (CASES, LETTERS)} == before
    assert page.input_value("#lf-case-order-number") == "222-2"
    page.select_option("[data-case-select]", label="Заказ № 111-1")
    assert "пн 07.12.2026" in text(term(page, "seller-refund"))
    assert page.errors == []


def good_file() -> dict:
    return {"version": 1,
            "cases": {"version": 1, "items": {"delo-1": {"opened": "2026-11-20T10:00:00.000Z",
                                                          "events": {"claim-sent": "2026-11-20"}, "at": None}}},
            "letters": {"version": 2, "items": {"delo-1/order-number": {"value": "9-9", "at": None}}},
            "checklists": {"version": 2, "items": {}}}


def hostile(change) -> bytes:
    data = good_file()
    change(data)
    return json.dumps(data).encode()


def events_of(data: dict) -> dict:
    return data["cases"]["items"]["delo-1"]["events"]


HOSTILE = {
    "not-json": b"{nope",
    "array": b"[]",
    "bad-version": hostile(lambda d: d.update(version=2)),
    "old-letters-version": hostile(lambda d: d["letters"].update(version=1)),
    "unknown-part": hostile(lambda d: d.update(extra={})),
    "events-not-a-map": hostile(lambda d: d["cases"]["items"]["delo-1"].update(events=["claim-sent"])),
    "bad-date": hostile(lambda d: events_of(d).update({"claim-sent": "2026-02-30"})),
    "year-out-of-range": hostile(lambda d: events_of(d).update({"claim-sent": "1999-01-01"})),
    "unknown-event": hostile(lambda d: events_of(d).update({"alien-landed": "2026-11-20"})),
    "bad-opened": hostile(lambda d: d["cases"]["items"]["delo-1"].update(opened="вчера")),
    "bad-case-id": hostile(lambda d: d["cases"]["items"].update({"<b>x</b>": d["cases"]["items"]["delo-1"]})),
    "huge-string": hostile(lambda d: d["letters"]["items"]["delo-1/order-number"].update(value="9" * 5000)),
    "html-in-string": hostile(lambda d: d["letters"]["items"]["delo-1/order-number"].update(
        value="<img src=x onerror=alert(1)>")),
    "value-not-text": hostile(lambda d: d["letters"]["items"]["delo-1/order-number"].update(value=42)),
    "prototype-key": hostile(lambda d: d.update({"__proto__": {"version": 1}})),
    "inherited-name": hostile(lambda d: d.update(toString={})),
    "deep-nesting": b'{"version": 1, "cases": ' + b"[" * 100000 + b"]" * 100000 + b"}",
    "huge-version": hostile(lambda d: d.update(version=1e300)),
    "case-in-the-future-format": hostile(lambda d: d["cases"].update(version=2)),
    "too-many-cases": hostile(lambda d: d["cases"].update(items={f"d-{i}": d["cases"]["items"]["delo-1"]
                                                                  for i in range(51)})),
}


def test_hostile_import_is_rejected_and_changes_nothing(page, site_server):
    open_case(page, site_server, "2026-11-28")
    remember(page)
    page.fill("#lf-case-order-number", "111-1")
    log_event(page, "claim-sent", "2026-11-20")
    before = {k: stored(page, k) for k in (CASES, LETTERS, CHECKLISTS)}
    page.on("dialog", lambda d: d.accept())
    message = page.locator(".oz-case__tools [data-case-message]")
    for name, content in HOSTILE.items():
        page.evaluate("document.querySelector('.oz-case__tools [data-case-message]').textContent = ''")
        with page.expect_file_chooser() as chooser:
            page.click('[data-case-do="import"]')
        chooser.value.set_files({"name": f"{name}.json", "mimeType": "application/json", "buffer": content})
        expect(message, name).to_contain_text("Ничего не изменено")  # after «Загрузка…» while the tools load
        assert {k: stored(page, k) for k in (CASES, LETTERS, CHECKLISTS)} == before, name
    assert page.input_value("#lf-case-order-number") == "111-1"
    assert page.errors == []


def test_storage_blocked_works_in_memory_with_the_notice(context, page, site_server):
    context.add_init_script("""for (const m of ['getItem', 'setItem', 'removeItem'])
        Storage.prototype[m] = function () { throw new DOMException('denied', 'SecurityError'); };""")
    open_case(page, site_server, "2026-11-28")
    log_event(page, "claim-received", "2026-11-25")
    assert "осталось 9 дней" in text(term(page, "seller-refund"))
    assert page.locator(".oz-case [data-oz-storage-notice]").is_visible()
    assert page.errors == []


def test_calendar_file_holds_every_running_deadline(page, site_server, tmp_path):
    icalendar = pytest.importorskip("icalendar")
    open_case(page, site_server, "2026-11-28")
    expect(page.locator('[data-case-do="ics"]')).to_be_hidden()  # no deadline yet: nothing to add to a calendar
    page.check('[data-field="pay-method"][value="card"]')
    page.fill("#lf-case-paid-on", "2026-11-10")
    page.fill("#lf-case-promised-on", "2026-11-20")  # already passed: not a running deadline
    log_event(page, "claim-received", "2026-11-25")
    with page.expect_download() as download:
        page.click('[data-case-do="ics"]')
    raw = Path(download.value.path()).read_bytes()
    assert download.value.suggested_filename == "ozon-moe-delo.ics"
    assert b"\r\n" in raw and b"\n" not in raw.replace(b"\r\n", b"")
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))
    calendar = icalendar.Calendar.from_ical(raw)
    events = {str(e["SUMMARY"]): e for e in calendar.walk("VEVENT")}
    seller = next(e for s, e in events.items() if s.startswith("Продавец должен вернуть"))
    bank = next(e for s, e in events.items() if s.startswith("Окно банка"))
    assert len(events) == 2
    assert seller.decoded("DTSTART") == dt.date(2026, 12, 7)  # 05.12 is a Saturday: ст. 193
    assert bank.decoded("DTSTART") == dt.date(2027, 5, 9)  # 180 days, not shifted (a payment-system rule)
    for event in events.values():
        assert event["UID"] and event["DTSTAMP"]
        assert event["DTSTART"].params.get("VALUE") == "DATE"
        assert "/ozon-propal-zakaz/delo/" in str(event["DESCRIPTION"])
    # data/case.yml remind: the seller's term a day before; the bank's window also three weeks ahead
    def alarms(event):
        return [(-alarm.decoded("TRIGGER").days, str(alarm["DESCRIPTION"]).replace("\xa0", " "))
                for alarm in event.walk("VALARM")]

    before = "Последний день — через {}: {}".format
    assert alarms(seller) == [(1, before("1 день", seller["SUMMARY"]))]
    assert alarms(bank) == [(21, before("21 день", bank["SUMMARY"])), (1, before("1 день", bank["SUMMARY"]))]
    assert "заявление в банк" in str(seller["DESCRIPTION"]) and "\n" in str(seller["DESCRIPTION"])
    assert page.errors == []


def test_print_shows_the_case_file_without_chrome(page, site_server):
    open_case(page, site_server, "2026-11-28")
    page.fill("#lf-case-order-number", "12345678-0001")
    log_event(page, "claim-sent", "2026-11-20")
    log_event(page, "claim-received", "2026-11-25")
    page.emulate_media(media="print")
    for hidden in (".md-header", ".md-footer", ".md-sidebar--primary", '[data-case-do="add"]', ".oz-case__order",
                   ".oz-privacy"):
        assert page.locator(hidden).first.is_hidden(), hidden
    assert page.locator("[data-case-timeline]").is_visible()
    assert "25.11.2026" in page.locator("[data-case-timeline]").inner_text()
    record = page.locator(".oz-case__file")
    assert record.is_visible() and "12345678-0001" in record.inner_text()
    sent = page.locator("[data-case-letters]").inner_text()
    assert "Отправил(а) претензию" in sent
    assert "Претензию получили" not in sent  # the seller receiving it is no letter of the reader's
    assert "Составлено 28.11.2026" in record.inner_text()
    assert term(page, "seller-refund").is_visible()
    assert page.errors == []


def test_without_javascript_the_page_explains_and_has_no_controls(browser, site_server):
    context = browser.new_context(java_script_enabled=False, locale="ru-RU")
    try:
        page = context.new_page()
        page.goto(site_server + "delo/")
        assert "работает только с включённым JavaScript" in page.locator("[data-case-nojs]").inner_text()
        assert page.locator(".oz-case button:visible, .oz-case input:visible, .oz-case select:visible").count() == 0
    finally:
        context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_filled_case_has_no_axe_violations(browser, site_server, scheme):
    axe = pytest.importorskip("axe_playwright_python.sync_playwright").Axe()
    context = browser.new_context(color_scheme=scheme, viewport={"width": 390, "height": 844}, locale="ru-RU")
    try:
        page = open_case(context.new_page(), site_server, "2026-12-08")
        page.fill("#lf-case-amount", "4990")
        page.fill("#lf-case-promised-on", "2026-11-20")
        log_event(page, "status-received", "2026-11-21")
        log_event(page, "chat-sent", "2026-11-21")
        log_event(page, "claim-received", "2026-11-25")
        page.evaluate("document.activeElement.blur()")  # the theme's focused/hovered button is out of scope here
        page.mouse.move(0, 0)
        # the theme's button colour transition (.25 s) ends: no half-faded contrast
        page.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running')")
        violations = axe.run(page, options={"resultTypes": ["violations"]}).response["violations"]
        assert [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in violations] == []
    finally:
        context.close()


def tick_in_the_active_case(page) -> None:
    """Store a tick of the first step's first item in the active case, as checklist.js stores a tick on the step page
    (into `inCase(item)`): for tests about what happens to ticks, not about ticking. Ticking on the step page itself
    is covered by test_two_cases_switch_and_ticks_letters_follow_the_active_case (in its case) and by
    tests/browser/test_checklist_browser.py."""
    page.evaluate("""([key, item]) => {
        const value = JSON.parse(localStorage.getItem(key) || '{"version": 2, "items": {}}');
        value.items[ozStorage.inCase(item)] = {checked: true, at: new Date().toISOString()};
        localStorage.setItem(key, JSON.stringify(value)); }""", [CHECKLISTS, FIRST_ITEM])


def test_erase_reaches_other_open_tabs(context, page, site_server):
    open_case(page, site_server, "2026-11-28")
    remember(page)
    log_event(page, "claim-sent", "2026-11-20")
    tick_in_the_active_case(page)
    open_case(page, site_server, "2026-11-28")
    assert ticks(page) == 1
    other = open_case(context.new_page(), site_server, "2026-11-28")
    assert other.locator("[data-case-timeline] li").count() == 1
    page.click("[data-fields-erase]")
    expect(other.locator("[data-case-timeline] li")).to_have_count(0)
    expect(other.locator("[data-fields-remember]")).not_to_be_checked()
    assert page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('ozon-propal-zakaz:'))") == []
    assert page.errors == []


def test_reached_by_instant_navigation(page, site_server):
    page.clock.set_fixed_time(at("2026-11-28"))
    page.goto(site_server)
    page.evaluate("window.__marker = 1")
    page.locator(".md-nav__link", has_text="Моё дело").first.click()
    page.wait_for_url(site_server + "delo/")
    page.wait_for_selector("[data-case-js]:not([hidden])")
    assert page.evaluate("window.__marker") == 1, "navigation was not instant"
    log_event_by_hand(page, "claim-received", "2026-11-25")
    assert "осталось 9 дней" in text(term(page, "seller-refund"))
    assert page.errors == []


def test_a_reload_shows_the_terms_from_stored_order_fields_at_once(page, site_server):
    """The case script runs after the engine and the order fields (fields.js; page-scoped requires:): the first
    render already has the promised date, and nothing throws. Neither the letters' script (text assembly, copy,
    download, print) nor the checklists' is loaded on this page: the case file's ticks come from ticks.js."""
    open_case(page, site_server, "2026-11-28")
    remember(page)
    page.fill("#lf-case-amount", "1000")
    page.fill("#lf-case-promised-on", "2026-11-20")
    open_case(page, site_server, "2026-11-28")
    assert "просрочено на 8 дней" in text(term(page, "delivery"))
    assert "40 ₽" in text(page.locator("[data-case-penalty]"))
    assert page.evaluate("typeof window.ozTicks") == "function"
    assert page.evaluate("typeof window.ozChecklist + typeof window.ozLetters") == "undefinedundefined"
    assert page.errors == []


def set_date(page, value: str):
    """Any text in the date input, as a script or an odd browser could leave it."""
    page.evaluate("v => { document.querySelector('[data-case-date]').value = v; }", value)


def test_odd_event_dates_are_refused_with_the_reason(page, site_server):
    open_case(page, site_server, "2026-11-28")
    remember(page)
    error = page.locator("[data-case-error]")
    for value in ("", "2026-02-29", "1999-12-31", "2101-01-01", "0099-01-01", "9999-12-31", "2026-11-29"):
        page.select_option("[data-case-event]", "claim-sent")
        set_date(page, value)
        page.click('[data-case-do="add"]')
        assert "по сегодняшний день" in error.inner_text(), value
        assert page.get_attribute("[data-case-date]", "aria-invalid") == "true", value
        assert stored(page, CASES) is None, value
    assert page.get_attribute("[data-case-date]", "max") == "2026-11-28"  # the picker stops at today
    log_event(page, "claim-sent", "2024-02-29")  # a real leap day, in the past: taken
    assert error.inner_text() == "" and "29.02.2024" in page.locator("[data-case-timeline]").inner_text()
    assert page.errors == []


def test_events_in_odd_orders_are_flagged_and_a_second_date_is_announced(page, site_server):
    open_case(page, site_server, "2026-11-28")
    log_event_by_hand(page, "claim-sent", "2026-11-25")
    log_event_by_hand(page, "claim-received", "2026-11-22")  # received before it was sent
    warnings = page.locator("[data-case-warnings] li")
    assert warnings.count() == 1 and "раньше, чем «Отправил(а) претензию»" in warnings.inner_text()
    log_event_by_hand(page, "claim-received", "2026-11-26")  # the same event again: one date, the reader is told
    assert warnings.count() == 0
    assert "изменена: было 22.11.2026" in page.locator(".oz-case__events [data-case-message]").inner_text()
    assert page.locator("[data-case-timeline] li").count() == 2
    log_event_by_hand(page, "refund-paid", "2026-11-21")  # money back before the claim: possible, no warning
    assert warnings.count() == 0
    page.click('[data-case-timeline] button[value="refund-paid"]')
    assert page.locator("[data-case-timeline] li").count() == 2
    assert page.errors == []


def test_a_refund_demand_in_the_chat_starts_the_sellers_ten_days(page, site_server):
    """ПП 2463: a claim in any form counts — the earliest demand starts the term, and the page says so."""
    open_case(page, site_server, "2026-11-28")
    log_event(page, "claim-received", "2026-11-25")
    assert "пн 07.12.2026" in text(term(page, "seller-refund"))
    log_event(page, "chat-sent", "2026-11-18")
    seller = text(term(page, "seller-refund"))
    assert "10 дней с 19.11 → 28.11, суббота → переносится на пн 30.11" in seller and "в любой форме" in seller
    assert page.errors == []


def test_one_case_is_deleted_with_its_letters_and_ticks_after_a_confirmation(page, site_server):
    two_cases(page, site_server, ("claim-sent", "2026-11-20"), ("status-received", "2026-11-27"))
    tick_in_the_active_case(page)  # the second case's
    open_case(page, site_server, "2026-11-28")
    assert ticks(page) == 1
    # The tools come on first use (tools.later.js): then it asks. The dialog is answered by a handler set before the
    # click: a click whose dialog opens before it returns waits for the answer.
    asked = []
    page.once("dialog", lambda d: (asked.append(d.message), d.dismiss()))
    page.click('[data-case-do="delete"]')
    for _ in range(200):
        if asked:
            break
        page.wait_for_timeout(50)  # Playwright hears the dialog while it waits
    assert len(asked) == 1 and "Заказ № 222-2" in asked[0]
    assert len(stored(page, CASES)["items"]) == 2  # dismissed: kept
    page.once("dialog", lambda d: d.accept())
    page.click('[data-case-do="delete"]')
    expect(page.locator("[data-case-select] option")).to_have_count(1)
    assert page.locator("[data-case-select] option").all_inner_texts() == ["Заказ № 111-1"]
    assert page.input_value("#lf-case-order-number") == "111-1"
    assert "Отправил(а) претензию" in page.locator("[data-case-timeline]").inner_text()
    assert "Дело удалено" in page.locator(".oz-case__picker [data-case-message]").inner_text()
    kept = [stored(page, CASES)["items"], stored(page, LETTERS)["items"], stored(page, CHECKLISTS)["items"]]
    assert list(kept[0]) == ["delo-1"]
    assert all(item.startswith("delo-1/") for item in [*kept[1], *kept[2]])
    assert not any(item["checked"] for item in kept[2].values())  # the tick was the deleted case's
    assert page.errors == []


def test_no_new_case_beyond_the_limit_and_the_page_says_why(page, site_server):
    page.goto(site_server)
    many = {f"d-{i}": {"opened": f"2026-11-{1 + i % 28:02d}T10:{i:02d}:00.000Z", "events": {}, "at": None}
            for i in range(50)}
    page.evaluate("([k, v]) => localStorage.setItem(k, JSON.stringify(v))", [CASES, {"version": 1, "items": many}])
    page.evaluate("k => localStorage.setItem(k, JSON.stringify({version: 2, items: {}}))", LETTERS)
    open_case(page, site_server, "2026-11-28")
    page.click('[data-case-do="new"]')
    assert "не больше 50 дел" in page.locator(".oz-case__picker [data-case-message]").inner_text()
    assert len(stored(page, CASES)["items"]) == 50
    assert page.errors == []


def test_progress_page_names_the_case_its_ticks_belong_to(page, site_server):
    open_case(page, site_server, "2026-11-28")
    remember(page)
    log_event(page, "claim-sent", "2026-11-20")
    page.goto(site_server + "progress/")
    assert page.locator("[data-checklist-case]").is_hidden()  # one case: nothing to say
    open_case(page, site_server, "2026-11-28")
    page.click('[data-case-do="new"]')
    page.fill("#lf-case-order-number", "222-2")
    page.goto(site_server + "progress/")
    note = page.locator("[data-checklist-case]")
    assert note.is_visible() and "«Заказ № 222-2»" in note.inner_text()
    assert note.locator("a").get_attribute("href").endswith("/delo/")
    assert page.errors == []


def test_calendar_file_folds_long_cyrillic_lines_and_escapes_the_order_number(page, site_server):
    icalendar = pytest.importorskip("icalendar")
    open_case(page, site_server, "2026-11-28")
    number = "Заказ;№1,2\\3 " + "ж" * 40 + " 😀"
    page.fill("#lf-case-order-number", number)
    log_event(page, "claim-received", "2026-11-25")
    raw = page.evaluate("ozCase.loadTools().then(() => window.ozCase.calendarFile())").encode()
    lines = raw.split(b"\r\n")
    assert all(len(line) <= 75 for line in lines)
    for line in lines:
        line.decode("utf-8")  # a fold never splits a character's bytes
    (event,) = icalendar.Calendar.from_ical(raw).walk("VEVENT")
    assert str(event["SUMMARY"]).endswith("— Заказ № " + number)
    assert page.errors == []


def test_two_tabs_follow_each_others_cases_events_and_order_numbers(context, page, site_server):
    open_case(page, site_server, "2026-11-28")
    remember(page)
    page.fill("#lf-case-order-number", "111-1")
    log_event(page, "claim-sent", "2026-11-20")
    other = open_case(context.new_page(), site_server, "2026-11-28")
    log_event(other, "claim-received", "2026-11-25")  # the same case, edited in both tabs: nothing lost
    expect(page.locator("[data-case-timeline] li")).to_have_count(2)
    log_event(page, "status-received", "2026-11-21")
    expect(other.locator("[data-case-timeline] li")).to_have_count(3)
    other.click('[data-case-do="new"]')  # a new case in the other tab becomes the active one here too
    other.fill("#lf-case-order-number", "222-2")
    expect(page.locator("#lf-case-order-number")).to_have_value("222-2")
    expect(page.locator("[data-case-select] option")).to_have_text(["Заказ № 111-1", "Заказ № 222-2"])
    page.select_option("[data-case-select]", label="Заказ № 111-1")  # switching here reaches the other tab
    expect(other.locator("#lf-case-order-number")).to_have_value("111-1")
    expect(other.locator("[data-case-timeline] li")).to_have_count(3)
    assert stored(page, CASES)["items"]["delo-1"]["events"] == {
        "claim-sent": "2026-11-20", "claim-received": "2026-11-25", "status-received": "2026-11-21"}
    assert page.errors == []


def test_withdrawing_consent_keeps_the_case_on_screen_whole(page, site_server):
    """«Запомнить» off with the second case active: the page keeps that case's events with its order fields (not
    the first case's events under the second case's number)."""
    two_cases(page, site_server, ("claim-sent", "2026-11-20"), ("status-received", "2026-11-27"))
    page.uncheck("[data-fields-remember]")
    assert page.input_value("#lf-case-order-number") == "222-2"
    timeline = page.locator("[data-case-timeline]")
    assert "27.11.2026" in timeline.inner_text() and "20.11.2026" not in timeline.inner_text()
    log_event(page, "chat-sent", "2026-11-27")
    assert timeline.locator("li").count() == 2 and stored(page, CASES) is None
    assert page.errors == []


def test_instant_navigation_to_a_letter_and_a_step_and_back_keeps_values_and_the_active_case(page, site_server):
    two_cases(page, site_server, ("claim-received", "2026-11-25"))
    page.evaluate("window.__samePage = true")
    page.locator("[data-case-action]:not([hidden]) a").last.click()  # the chat letter, instantly
    page.wait_for_url("**/pisma/soobshchenie-v-chat/")
    letter_number = page.locator('[data-letter="chat"] [data-field="order-number"]')
    expect(letter_number).to_have_value("222-2")
    letter_number.fill("222-X")
    page.go_back()
    page.wait_for_selector("[data-case-js]:not([hidden])")
    expect(page.locator("#lf-case-order-number")).to_have_value("222-X")
    expect(page.locator("[data-case-select] option")).to_have_text(["Заказ № 111-1", "Заказ № 222-X"])
    page.select_option("[data-case-select]", label="Заказ № 111-1")
    page.locator('[data-case-term="seller-refund"] a').first.click()  # its step page, instantly
    page.wait_for_selector("input[data-item]")
    page.locator("input[data-item]").first.check()
    page.go_back()
    page.wait_for_selector("[data-case-js]:not([hidden])")
    expect(page.locator("#lf-case-order-number")).to_have_value("111-1")
    expect(page.locator(".oz-case__ticks .is-done")).to_have_count(1)
    assert "пн 07.12.2026" in text(term(page, "seller-refund"))
    assert page.evaluate("window.__samePage") is True, "navigation was not instant"
    assert page.errors == []


def test_a_corrupted_value_under_any_key_leaves_the_page_working_and_is_not_overwritten(page, site_server, subtests):
    """One key at a time, each in a fresh visit with nothing else stored (one test, not one browser profile each: a
    profile's first page costs the browser twice what a later one does)."""
    corrupted = '{"version": 1, "items": {"__proto__": {}}}'
    for key in (CASES, LETTERS, CHECKLISTS):
        with subtests.test(key=key):
            page.goto(site_server)
            page.evaluate("([k, v]) => { localStorage.clear(); localStorage.setItem(k, v); }", [key, corrupted])
            open_case(page, site_server, "2026-11-28")
            assert page.locator(".oz-case [data-oz-storage-notice]").is_visible()
            remember(page)  # switching it on is the reader's wish to store anew: it may replace what it keeps (letters)
            log_event(page, "claim-received", "2026-11-25")
            page.fill("#lf-case-order-number", "111-1")
            page.click('[data-case-do="new"]')
            page.select_option("[data-case-select]", label="Заказ № 111-1")
            assert "осталось 9 дней" in text(term(page, "seller-refund")), "kept for the visit"
            if key != LETTERS:  # an unreadable value is never overwritten by ordinary changes
                assert page.evaluate("k => localStorage.getItem(k)", key) == corrupted
            assert page.errors == []


def test_a_full_storage_keeps_the_case_for_the_visit_with_the_notice(page, site_server):
    open_case(page, site_server, "2026-11-28")
    remember(page)
    page.fill("#lf-case-order-number", "111-1")
    page.evaluate("""() => { Storage.prototype.setItem = () => {
        throw new DOMException('full', 'QuotaExceededError'); }; }""")
    log_event(page, "claim-received", "2026-11-25")
    page.click('[data-case-do="new"]')
    assert page.locator(".oz-case [data-oz-storage-notice]").is_visible()
    assert page.locator("[data-case-select] option").count() == 2
    page.select_option("[data-case-select]", label="Заказ № 111-1")
    assert "осталось 9 дней" in text(term(page, "seller-refund"))
    assert page.errors == []


def test_the_tools_come_on_first_use_and_say_so_when_there_is_no_signal(page, site_server):
    """The calendar file, export, import and delete (tools.later.js) are not part of a first visit: the page asks
    for them when the reader first uses one. With no connection (and nothing cached yet) the reader is told, in the
    section of the button, and the next tap tries again."""
    requested = []
    page.on("request", lambda r: requested.append(r.url))
    open_case(page, site_server, "2026-11-28")
    log_event(page, "claim-received", "2026-11-25")
    assert not [u for u in requested if "/assets/later." in u]
    page.route("**/assets/later.*", lambda route: route.abort())
    page.click('[data-case-do="ics"]')
    message = page.locator(".oz-case__terms [data-case-message]")
    expect(message).to_have_text(
        "Не загрузилось. Если нет связи с интернетом, попробуйте ещё раз, когда она появится. Если связь есть, сайт "
        "мог обновиться — обновите страницу. Но если «Запомнить на этом устройстве» не включено, всё отмеченное при "
        "этом пропадёт: сначала включите его.")
    expect(page.locator(".oz-case__tools [data-case-message]")).to_have_text("")
    page.unroute("**/assets/later.*")
    with page.expect_download() as download:
        page.click('[data-case-do="ics"]')
    assert download.value.suggested_filename == "ozon-moe-delo.ics"
    assert len([u for u in requested if "/assets/later." in u]) == 2  # failed once, then loaded, once
    with page.expect_download():
        page.click('[data-case-do="export"]')
    assert len([u for u in requested if "/assets/later." in u]) == 2
    assert [e for e in page.errors if "net::ERR_FAILED" not in e] == []  # only the refused request


def test_each_case_keeps_its_own_payment_method(page, site_server):
    """Two orders paid differently: each case keeps its own pick (the route's key is per case, like the fields), on a
    switch, after a reload and on the bank letter; a pick kept before cases (version 1, one for the whole site) is the
    first case's. Before, the last pick anywhere was written into every case on its next page view."""
    page.goto(site_server)
    page.evaluate("""k => localStorage.setItem(k, JSON.stringify({version: 1, items: {"pay-method":
        {value: "card", at: "2026-11-20T10:00:00.000Z"}}}))""", ROUTE)
    two_cases(page, site_server, ("claim-sent", "2026-11-20"))
    card = page.locator("[data-case-order] [data-field='pay-method'][value='card']")
    sbp = page.locator("[data-case-order] [data-field='pay-method'][value='sbp']")
    sbp.check()  # the second order was paid through SBP
    items = stored(page, ROUTE)["items"]
    assert items["delo-1/pay-method"] == {"value": "card", "at": "2026-11-20T10:00:00.000Z"}
    assert items[stored_active(page) + "/pay-method"]["value"] == "sbp" and len(items) == 2
    page.select_option("[data-case-select]", label="Заказ № 111-1")
    expect(card).to_be_checked()
    page.reload()
    page.wait_for_selector("[data-case-js]:not([hidden])")
    expect(card).to_be_checked()
    assert page.input_value("#lf-case-order-number") == "111-1"
    page.goto(site_server + "pisma/zayavlenie-v-bank/")
    expect(page.locator("#lt-bank")).to_contain_text("с моей карты")
    open_case(page, site_server, "2026-11-28")
    page.select_option("[data-case-select]", label="Заказ № 222-2")
    expect(sbp).to_be_checked()
    page.reload()
    page.wait_for_selector("[data-case-js]:not([hidden])")
    expect(sbp).to_be_checked()
    page.goto(site_server + "pisma/zayavlenie-v-bank/")
    expect(page.locator("#lt-bank")).to_contain_text("через Систему быстрых платежей")
    assert stored(page, ROUTE)["items"]["delo-1/pay-method"]["value"] == "card"
    assert page.errors == []


def stored_active(page) -> str:
    items = stored(page, CASES)["items"]
    return max(items, key=lambda case: items[case]["opened"])


def import_first(page, site_server, file: dict) -> list[str]:
    """Open the case, type an amount (not stored: no consent), then load file as the first use of the tools; the
    messages of the dialogs the reader was asked."""
    open_case(page, site_server, "2026-11-28")
    page.fill("#lf-case-amount", "777")
    asked = []
    page.on("dialog", lambda d: (asked.append(d.message), d.accept()))
    with page.expect_file_chooser() as chooser:
        page.click('[data-case-do="import"]')
    chooser.value.set_files({"name": "delo.json", "mimeType": "application/json", "buffer": json.dumps(file).encode()})
    expect(page.locator(".oz-case__tools [data-case-message]")).to_contain_text("Готово")
    return asked


def test_the_import_asks_in_words_before_replacing_every_case(page, site_server):
    """The confirmation says that every case will be replaced (it was an empty dialog: the text was looked up on the
    first message element of the page, which does not hold it)."""
    asked = import_first(page, site_server, good_file())
    assert asked == ["Загрузить дела из файла? Все дела на этом устройстве заменятся делами из файла."]
    assert page.errors == []


def test_an_imported_case_is_shown_wholly_without_what_this_visit_typed(page, site_server):
    """After a file replaced every case, the case shown is wholly the file's: an amount typed in this visit, never
    stored, does not stay on screen beside the file's case, counted as if it were kept, and gone on a reload."""
    import_first(page, site_server, good_file())
    assert page.input_value("#lf-case-order-number") == "9-9"
    assert page.is_checked("[data-fields-remember]")
    assert page.input_value("#lf-case-amount") == ""
    assert page.errors == []


def test_a_file_chosen_while_the_tools_could_not_load_can_be_chosen_again(page, site_server):
    """No signal: loading a file says the tools did not load. The file input is emptied, so that choosing the same
    file again, once the signal is back, is a change the page hears (a browser fires no "change" for the file the
    input already holds, and nothing at all would happen)."""
    open_case(page, site_server, "2026-11-28")
    page.on("dialog", lambda d: d.accept())
    page.route("**/assets/later.*", lambda route: route.abort())
    with page.expect_file_chooser() as chooser:
        page.click('[data-case-do="import"]')
    chooser.value.set_files({"name": "delo.json", "mimeType": "application/json",
                             "buffer": json.dumps(good_file()).encode()})
    expect(page.locator(".oz-case__tools [data-case-message]")).to_contain_text("Не загрузилось")
    assert page.evaluate("document.querySelector('[data-case-file-input]').value") == ""
    assert [e for e in page.errors if "net::ERR_FAILED" not in e] == []


def test_remember_switched_on_in_another_tab_keeps_the_events_logged_here(context, page, site_server):
    """Events logged here before consent, then «Запомнить» ticked on a letter in another tab: this tab's case is
    stored too (as its order fields are), not wiped from the screen and lost."""
    open_case(page, site_server, "2026-11-28")
    page.fill("#lf-case-order-number", "333-3")
    log_event(page, "claim-sent", "2026-11-20")
    letter = context.new_page()
    letter.goto(site_server + "pisma/pretenziya/")
    letter.locator("[data-fields-remember]").check()
    expect(page.locator("[data-fields-remember]")).to_be_checked()
    expect(page.locator("[data-case-timeline] li")).to_have_count(1)
    assert page.input_value("#lf-case-order-number") == "333-3"
    page.wait_for_function("k => (localStorage.getItem(k) || '').includes('claim-sent')", arg=CASES)
    open_case(page, site_server, "2026-11-28")
    expect(page.locator("[data-case-timeline] li")).to_have_count(1)
    assert page.errors == []


def test_a_second_tap_while_the_tools_load_does_not_delete_a_second_case(page, site_server):
    """On a slow phone the tools arrive a while after the first tap on «Удалить это дело»; an impatient second tap
    in that while must not ask again, about the case that becomes active once the first is deleted, and delete it
    too (before the tools came on first use, the first question stopped the page)."""
    two_cases(page, site_server, ("claim-sent", "2026-11-20"), ("status-received", "2026-11-27"))
    held = []
    page.route("**/assets/later.*", lambda route: held.append(route))
    asked = []
    page.on("dialog", lambda d: (asked.append(d.message), d.accept()))
    page.click('[data-case-do="delete"]')
    page.click('[data-case-do="delete"]')
    for _ in range(500):
        if held:
            break
        page.wait_for_timeout(20)
    assert len(held) == 1, "the tools were asked for once"
    held[0].continue_()
    expect(page.locator(".oz-case__picker [data-case-message]")).to_have_text("Дело удалено.")
    page.wait_for_timeout(300)  # a second question would come now
    assert len(asked) == 1 and "Заказ № 222-2" in asked[0]
    assert page.locator("[data-case-select] option").all_inner_texts() == ["Заказ № 111-1"]
    assert len(stored(page, CASES)["items"]) == 1
    assert page.errors == []


def test_storage_filling_up_while_typing_keeps_the_case_on_screen(page, site_server):
    """The browser refuses a write of the order fields (storage full): remembering stops, as the page says — but the
    case shown stays, with its events and deadlines, for the rest of the visit (it vanished at the first keystroke)."""
    open_case(page, site_server, "2026-11-28")
    remember(page)
    page.fill("#lf-case-order-number", "111-1")
    log_event(page, "claim-received", "2026-11-25")
    page.evaluate("""() => { Storage.prototype.setItem = () => {
        throw new DOMException('full', 'QuotaExceededError'); }; }""")
    page.fill("#lf-case-amount", "1000")
    expect(page.locator("[data-fields-remember]")).not_to_be_checked()
    assert "не даёт сохранять" in page.locator(".oz-case [data-fields-note]").inner_text()
    expect(page.locator("[data-case-timeline] li")).to_have_count(1)
    assert "осталось 9 дней" in text(term(page, "seller-refund"))
    log_event(page, "claim-sent", "2026-11-20")  # kept for the visit, with the case's other events
    expect(page.locator("[data-case-timeline] li")).to_have_count(2)
    assert page.errors == []


def test_a_slow_signal_shows_the_tools_are_loading(page, site_server):
    """A weak signal at the pick-up point: the calendar file's code is on its way, and the page says so where the
    reader tapped (a status line), until it arrives and the file is offered."""
    open_case(page, site_server, "2026-11-28")
    log_event(page, "claim-received", "2026-11-25")
    held = []
    page.route("**/assets/later.*", lambda route: held.append(route))  # the request hangs until released
    page.click('[data-case-do="ics"]')
    message = page.locator(".oz-case__terms [data-case-message]")
    expect(message).to_have_text("Загрузка…")
    assert len(held) == 1
    with page.expect_download() as download:
        held[0].continue_()  # the signal comes back
    assert download.value.suggested_filename == "ozon-moe-delo.ics"
    expect(message).to_have_text("")
    assert page.errors == []


def test_logged_events_fill_the_letters_dates_but_never_one_the_reader_typed(page, site_server):
    """«Претензию получили» or «…вернули за истечением срока хранения» give the letters' «Когда предъявили претензию»
    (the earliest of them; the chat demand does not: the letters call that date the claim's), «Статус… «Получен»» gives
    «Когда появился этот статус»; the bank letter then has the date without asking again."""
    open_case(page, site_server, "2026-11-28")
    log_event(page, "claim-received", "2026-11-25")  # not kept yet: nothing goes into the letters
    assert stored(page, LETTERS) is None
    remember(page)
    log_event(page, "status-received", "2026-11-16")
    log_event(page, "claim-returned", "2026-11-20")
    items = stored(page, LETTERS)["items"]
    assert items["delo-1/claim-on"]["value"] == "2026-11-20" and items["delo-1/status-on"]["value"] == "2026-11-16"
    log_event(page, "chat-sent", "2026-11-18")  # no claim in the letters' sense
    assert stored(page, LETTERS)["items"]["delo-1/claim-on"]["value"] == "2026-11-20"
    log_event(page, "claim-received", "2026-11-19")  # logged again, earlier: the earliest counts
    assert stored(page, LETTERS)["items"]["delo-1/claim-on"]["value"] == "2026-11-19"
    page.locator('[data-case-timeline] li', has_text="Претензию получили").get_by_role("button").click()
    assert stored(page, LETTERS)["items"]["delo-1/claim-on"]["value"] == "2026-11-20"  # back to the return's date

    page.goto(site_server + "pisma/zayavlenie-v-bank/")
    expect(page.locator("#lf-bank-claim-on")).to_have_value("2026-11-20")
    expect(page.locator("[data-letter='bank']")).to_contain_text("20.11.2026")
    page.fill("#lf-bank-claim-on", "2026-11-21")  # the reader's own date stays
    open_case(page, site_server, "2026-11-28")
    log_event(page, "claim-returned", "2026-11-18")
    log_event(page, "status-received", "2026-11-15")
    items = stored(page, LETTERS)["items"]
    assert items["delo-1/claim-on"]["value"] == "2026-11-21" and items["delo-1/status-on"]["value"] == "2026-11-15"
    assert page.errors == []


def test_a_logged_date_is_in_the_letter_reached_by_instant_navigation(page, site_server):
    """The letter opened from «Что делать сейчас» without a reload shows the date the event gave its field (this tab
    wrote it: no storage event tells the fields' script)."""
    open_case(page, site_server, "2026-12-08")
    remember(page)
    log_event(page, "claim-received", "2026-11-25")
    page.evaluate("window.__samePage = true")
    action(page).locator("a").last.click()  # «Заявление в банк», instantly
    page.wait_for_url("**/pisma/zayavlenie-v-bank/")
    expect(page.locator("#lf-bank-claim-on")).to_have_value("2026-11-25")
    expect(page.locator("[data-letter='bank']")).to_contain_text("25.11.2026")
    assert page.evaluate("window.__samePage") is True, "navigation was not instant"
    assert page.errors == []


def test_an_event_removed_takes_its_date_out_of_the_letters_so_the_next_one_gives_its_own(page, site_server):
    """Removed (logged by mistake), the event's date does not stay in the letters as if the reader had typed it."""
    open_case(page, site_server, "2026-11-28")
    remember(page)
    log_event(page, "claim-received", "2026-11-25")
    page.locator('[data-case-timeline] li', has_text="Претензию получили").get_by_role("button").click()
    assert stored(page, LETTERS)["items"]["delo-1/claim-on"]["value"] == ""
    log_event(page, "claim-received", "2026-11-23")
    assert stored(page, LETTERS)["items"]["delo-1/claim-on"]["value"] == "2026-11-23"
    assert page.errors == []


def test_events_logged_before_consent_fill_the_letters_once_it_is_given(page, site_server):
    open_case(page, site_server, "2026-11-28")
    log_event(page, "claim-received", "2026-11-20")
    remember(page)
    assert stored(page, LETTERS)["items"]["delo-1/claim-on"]["value"] == "2026-11-20"


def test_on_a_phone_the_case_controls_are_big_enough_to_tap_and_do_not_touch(browser, site_server):
    """390 px, touch: the event list, the case list and each event's «убрать» are at least 44 px tall (a stressed
    thumb must not remove the wrong event; the theme's buttons are 43), and buttons that wrap onto their own lines
    keep a gap — a tap meant for «Новое дело» must not land on «Удалить это дело»."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True,
                                  locale="ru-RU", timezone_id="Europe/Moscow")
    try:
        page = open_case(context.new_page(), site_server, "2026-11-28")
        remember(page)
        log_event_by_hand(page, "claim-sent", "2026-11-20")
        log_event_by_hand(page, "claim-received", "2026-11-23")
        page.click('[data-case-do="new"]')
        page.select_option("[data-case-select]", index=0)
        boxes = {name: page.locator(selector).first.bounding_box() for name, selector in {
            "event": "[data-case-event]", "case": "[data-case-select]", "new": '[data-case-do="new"]',
            "delete": '[data-case-do="delete"]', "remove": '[data-case-do="remove"]'}.items()}
        least = {"event": 44, "case": 44, "remove": 44, "new": 42, "delete": 42}  # the theme's buttons: 43
        assert {name: box["height"] for name, box in boxes.items() if box["height"] < least[name]} == {}
        assert boxes["delete"]["y"] >= boxes["new"]["y"] + boxes["new"]["height"] + 4  # stacked, with a gap
        assert boxes["new"]["y"] >= boxes["case"]["y"] + boxes["case"]["height"] + 4
        rows = page.locator("[data-case-timeline] li")
        assert rows.count() == 2
        first, second = (rows.nth(i).bounding_box() for i in range(2))
        assert second["y"] >= first["y"] + first["height"]  # rows do not overlap
    finally:
        context.close()


def test_how_a_term_was_counted_ends_with_a_full_stop(page, site_server):
    open_case(page, site_server, "2026-11-28")
    page.fill("#lf-case-promised-on", "2026-11-10")
    log_event(page, "status-received", "2026-11-12")
    log_event(page, "claim-received", "2026-11-18")
    for term_id in ("ozon-window", "delivery", "seller-refund"):
        how = text(term(page, term_id).locator(".oz-f__hint").first).strip()
        assert how.startswith("Как посчитано:") and how.endswith("."), how
        assert ".." not in how
    assert page.errors == []


def test_until_the_reader_agrees_the_top_of_the_page_says_the_case_is_not_kept(page, site_server):
    """A reload on a weak signal must not wipe a case by surprise: the first thing on the page says so and leads to
    the switch, which is at the very bottom."""
    page.set_viewport_size({"width": 390, "height": 844})
    open_case(page, site_server, "2026-11-28")
    notice = page.locator("[data-case-single]")
    expect(notice).to_be_in_viewport()
    assert "Дело пока не сохраняется" in text(notice)
    notice.get_by_role("link").click()
    expect(page.locator("[data-fields-remember]")).to_be_in_viewport()
    remember(page)
    expect(notice).to_be_hidden()
    assert page.errors == []


def test_an_order_handed_over_sends_nobody_to_the_bank(page, site_server):
    """A reader who demanded the money and then got the order: the seller's 10 days and the bank's window end that
    day in their own words, and the calendar file has nothing telling them to dispute the payment."""
    open_case(page, site_server, "2026-12-10")
    page.check('[data-field="pay-method"][value="card"]')
    page.fill("#lf-case-paid-on", "2026-11-10")
    page.fill("#lf-case-promised-on", "2026-11-20")
    log_event(page, "claim-received", "2026-11-25")
    log_event(page, "handed", "2026-12-05")
    assert action(page).get_attribute("data-case-action") == "handed"
    for term_id in ("seller-refund", "bank-window"):
        shown = text(term(page, term_id))
        assert "заказ вручили 05.12.2026" in shown and "просрочено" not in shown, shown
        assert term(page, term_id).locator("[data-t=todo]").is_hidden()
    assert "оспаривать платёж в банке не нужно" in text(term(page, "bank-window"))
    expect(page.locator('[data-case-do="ics"]')).to_be_hidden()  # no running deadline left
    assert page.errors == []


def test_a_demand_for_delivery_without_a_new_date_asks_for_it(page, site_server):
    """«Доставить заказ к новому сроку» with the date left empty (or not a real date): the next action asks for the
    date, not the first-day advice «Отметьте здесь, что происходит с заказом»."""
    demand_delivery(page, site_server, "2026-12-10")
    log_event(page, "claim-sent", "2026-11-23")
    log_event(page, "claim-received", "2026-11-25")
    assert action(page).get_attribute("data-case-action") == "new-date-missing"
    assert "ниже, в разделе «Заказ», в поле «Новый срок доставки»" in text(action(page))
    # «ниже»: the order form is under «Что делать сейчас»
    assert page.locator(".oz-case__order").bounding_box()["y"] > action(page).bounding_box()["y"]
    page.fill("#lf-case-new-date", "2026-12-15")
    assert action(page).get_attribute("data-case-action") == "new-date-wait"
    assert page.errors == []


def test_no_delay_no_penalty_sum_and_the_page_says_why(page, site_server):
    """Before the day after the delivery term, or with the order handed over in time, there is no delay: the page
    says so instead of «0 ₽ … с 21.11.2026 по 18.11.2026 — 0 дней»; once late, the sum is back."""
    open_case(page, site_server, "2026-11-19")
    remember(page)
    page.fill("#lf-case-amount", "10000")
    page.fill("#lf-case-promised-on", "2026-11-20")
    penalty, none = page.locator("[data-case-penalty]"), page.locator("[data-case-penalty-none]")
    assert penalty.is_hidden() and none.is_visible()
    assert page.locator("[data-case-penalty-missing]").is_hidden()
    assert "Неустойки нет: срок доставки не нарушен" in text(none)
    log_event(page, "handed", "2026-11-18")
    assert penalty.is_hidden() and none.is_visible()
    assert "Если позже срока доставки, неустойку" in text(action(page))
    open_case(page, site_server, "2026-12-01")
    assert penalty.is_hidden()  # handed in time: still none
    page.click('[data-case-timeline] [data-case-do="remove"]')
    assert penalty.is_visible() and none.is_hidden() and "с 21.11.2026 по 01.12.2026" in text(penalty)
    page.fill("#lf-case-amount", "")
    assert page.locator("[data-case-penalty-missing]").is_visible() and none.is_hidden()
    assert page.errors == []


def test_the_readers_own_new_date_is_not_called_promised(page, site_server):
    """The new delivery date is the reader's (ЗоЗПП ст. 23.1 п. 2), not a promise of the seller: how it was counted
    says «последний день», on the page and in the calendar file."""
    icalendar = pytest.importorskip("icalendar")
    demand_delivery(page, site_server, "2026-12-10", "2026-12-12")  # a Saturday
    log_event(page, "claim-received", "2026-11-25")
    how = text(term(page, "new-delivery").locator("[data-v=how]"))
    assert how == "последний день — 12.12, суббота → переносится на пн 14.12, ст. 193 ГК"
    # the action does not say the reader demanded the 14th: they set the 12th, the law moved it
    assert "Ждите заказ до пн 14.12.2026 включительно" in text(action(page)) and "потребовали" not in text(action(page))
    assert text(term(page, "delivery").locator("[data-v=how]")) == "последний день — 20.11"
    with page.expect_download() as download:
        page.click('[data-case-do="ics"]')
    event = icalendar.Calendar.from_ical(Path(download.value.path()).read_bytes()).walk("VEVENT")[0]
    assert "обещано" not in str(event["DESCRIPTION"]) and "последний день — 12.12" in str(event["DESCRIPTION"])
    assert page.errors == []


def test_after_a_missed_new_date_the_money_demanded_in_the_chat_starts_the_sellers_days(page, site_server):
    """The claim for delivery starts no 10 days for a refund. The page says to take its «Претензию получили» off when
    switching to the money; done so, with the money demanded in the chat, the seller's days run from the chat, and
    the reader is not sent to the bank at once."""
    demand_delivery(page, site_server, "2026-12-10", "2026-12-04", card=True)
    log_event(page, "claim-received", "2026-11-25")
    assert action(page).get_attribute("data-case-action") == "new-date-over"
    assert "уберите отметки прежней претензии о доставке" in text(action(page))
    page.check('[data-field="demand"][value="refund"]')
    log_event(page, "chat-sent", "2026-12-05")
    page.click('[data-case-timeline] li:has-text("Претензию получили") [data-case-do="remove"]')
    assert "до вт 15.12.2026 — осталось 5 дней" in text(term(page, "seller-refund"))
    assert action(page).get_attribute("data-case-action") == "claim-now"  # the money by a claim too, not the bank
    assert page.errors == []


def test_a_missed_new_date_done_as_the_page_says_in_its_order_asks_for_the_new_claim(page, site_server):
    """A reader who sent and got delivered a claim for delivery, whose new date has passed, follows the page's text
    in its order: marks the money demanded in the chat, takes the old claim's two marks off, then switches to the
    money. No step on the way sends them to the bank or says their (old) claim is on its way (claim-wait, which
    came first): the page keeps its instruction until the switch, then asks for the new claim, with the seller's
    days counted from the chat."""
    demand_delivery(page, site_server, "2026-12-08", "2026-12-05", card=True)
    log_event(page, "chat-deliver", "2026-11-21")
    log_event(page, "claim-sent", "2026-11-23")
    log_event(page, "claim-received", "2026-11-25")
    assert action(page).get_attribute("data-case-action") == "new-date-over"
    steps = text(action(page))
    assert steps.index("отметьте требование в чате") < steps.index("уберите отметки") < steps.index("Вернуть деньги»")
    log_event(page, "chat-sent", "2026-12-08")
    for mark in ("Претензию получили", "Отправил(а) претензию"):
        page.click(f'[data-case-timeline] li:has-text("{mark}") [data-case-do="remove"]')
        assert action(page).get_attribute("data-case-action") == "new-date-over"
    page.check('[data-field="demand"][value="refund"]')
    assert action(page).get_attribute("data-case-action") == "claim-now"
    assert "до пт 18.12.2026 — осталось 10 дней" in text(term(page, "seller-refund"))
    assert page.errors == []
