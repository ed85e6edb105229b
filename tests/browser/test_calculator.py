"""The deadline calculator: the computed values of letters.js (window.ozLetters.calc), which count with the
deadline engine (components/deadlines; its own table is tests/deadline_cases.yml), table-driven and run in the
browser in several time zones, plus the calculator page itself.

How days are counted (as docs/kalkulyator.md says):
- the last day of the delivery term is the promised date, moved to the next working day if it is not one (ГК 193);
- delay: the first day of delay is the day after that last day; delay on date A = A − last day, never < 0;
- penalty: 0.5 % of the amount per day of delay, rounded half-up to the kopeck, capped at the amount;
- reply-by: the claim's 10 days start the day after it was received, the last day moved off non-working days;
- dispute-by / storage-end: event + N days, not moved (a payment-system rule, Ozon's storage).
"""

from __future__ import annotations

import datetime as dt
import html
import re
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import pytest

expect = pytest.importorskip("playwright.sync_api").expect

pytestmark = pytest.mark.browser

NB = "\u00a0"
# Moscow (the readers' usual zone, no DST), Berlin (DST changes on 2026-03-29 and 2026-10-25), and the extremes
# UTC−10 and UTC+14, where the local date differs from the UTC date for most of the day.
ZONES = ["Europe/Moscow", "Europe/Berlin", "Pacific/Honolulu", "Pacific/Kiritimati"]


def _context(browser, zone):
    ctx = browser.new_context(locale="ru-RU", timezone_id=zone)
    ctx.route("**/*", lambda r: r.continue_() if urlsplit(r.request.url).hostname == "127.0.0.1" else r.abort())
    return ctx


@pytest.fixture(scope="module", params=ZONES)
def js(request, browser, site_server):
    """Call window.ozLetters.<name>(...args) (window.ozFields.<name> for "ozFields.<name>") on the calculator page in
    one time zone."""
    ctx = _context(browser, request.param)
    page = ctx.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(site_server + "kalkulyator/")
    page.wait_for_function("() => window.ozLetters && window.ozFields")

    def call(path: str, *args):
        return page.evaluate("([path, args]) => path.split('.').reduce((o, k) => o[k], "
                             "path.startsWith('ozFields.') ? window : window.ozLetters)(...args)", [path, list(args)])

    yield call
    assert errors == []
    ctx.close()


@pytest.mark.parametrize("amount, promised, as_of, delay, penalty", [
    ("10000", "2026-11-10", "2026-11-11", f"1{NB}день", f"50{NB}₽"),
    ("10000", "2026-11-10", "2026-11-20", f"10{NB}дней", f"500{NB}₽"),
    ("10000", "2026-11-10", "2026-11-10", f"0{NB}дней", f"0{NB}₽"),            # on the promised day: no delay
    ("10000", "2026-11-10", "2026-11-01", f"0{NB}дней", f"0{NB}₽"),            # before it: no delay either
    ("10000", "2026-02-02", "2026-08-20", f"199{NB}дней", f"9{NB}950{NB}₽"),
    ("10000", "2026-02-02", "2026-08-21", f"200{NB}дней", f"10{NB}000{NB}₽"),  # reaches the amount …
    ("10000", "2026-02-02", "2026-12-31", f"332{NB}дня", f"10{NB}000{NB}₽"),   # … and stops there (the cap)
    ("12 345,67", "2026-11-02", "2026-11-22", f"20{NB}дней", f"1{NB}234,57{NB}₽"),  # 1 234,567 → half-up
    ("1", "2026-11-02", "2026-11-03", f"1{NB}день", f"0,01{NB}₽"),               # 0,005 ₽ → 0,01 ₽
    ("999,99", "2026-11-02", "2026-11-04", f"2{NB}дня", f"10{NB}₽"),
    ("2500000", "2026-11-30", "2026-12-22", f"22{NB}дня", f"275{NB}000{NB}₽"),
    ("5000", "2026-09-30", "2026-10-30", f"30{NB}дней", f"750{NB}₽"),           # month ends
    ("5000", "2028-02-28", "2028-03-01", f"2{NB}дня", f"50{NB}₽"),              # leap year: 29.02 counts
    ("5000", "2026-03-27", "2026-03-30", f"3{NB}дня", f"75{NB}₽"),              # across EU spring DST change
    ("5000", "2026-10-23", "2026-10-26", f"3{NB}дня", f"75{NB}₽"),              # across EU autumn DST change
    ("5000", "2026-11-02", "2026-11-13", f"11{NB}дней", f"275{NB}₽"),
    ("5000", "2026-11-02", "2026-11-23", f"21{NB}день", f"525{NB}₽"),
    # ст. 193: a promised date on a non-working day moves the last day, so the delay starts later.
    ("10000", "2026-12-05", "2026-12-07", f"0{NB}дней", f"0{NB}₽"),            # Saturday → Monday 07.12
    ("10000", "2026-12-05", "2026-12-08", f"1{NB}день", f"50{NB}₽"),
    ("5000", "2027-02-28", "2027-03-01", f"0{NB}дней", f"0{NB}₽"),              # Sunday → Monday 01.03
    ("5000", "2026-12-31", "2027-01-12", f"1{NB}день", f"25{NB}₽"),             # day off → 11.01.2027
    ("5000", "2027-02-20", "2027-02-21", f"1{NB}день", f"25{NB}₽"),             # a working Saturday: no move
])
def test_delay_and_penalty(js, amount, promised, as_of, delay, penalty):
    assert js("calc.delay", promised, as_of) == delay
    assert js("calc.penalty", amount, promised, as_of) == penalty


@pytest.mark.parametrize("amount, daily", [
    ("10000", f"50{NB}₽"), ("12345,67", f"61,73{NB}₽"), ("199", f"1{NB}₽"), ("1", f"0,01{NB}₽"),
])
def test_penalty_per_day(js, amount, daily):
    assert js("calc.daily", amount) == daily


@pytest.mark.parametrize("start, days, last", [
    ("2026-12-01", 10, "11.12.2026"),   # claim → last day for the answer
    ("2026-01-31", 10, "10.02.2026"),   # month end
    ("2026-12-25", 10, "04.01.2027"),   # year end
    ("2028-02-20", 10, "01.03.2028"),   # leap year: 29.02 is one of the ten days
    ("2027-02-20", 10, "02.03.2027"),
    ("2026-03-25", 10, "04.04.2026"),   # across EU spring DST change
    ("2026-10-25", 180, "23.04.2027"),  # payment → last day for a Mir / СБП dispute
    ("2026-11-25", 180, "24.05.2027"),
    ("2027-09-01", 180, "28.02.2028"),
    ("2028-02-29", 180, "27.08.2028"),  # paid on 29 February
    ("2026-03-28", 7, "04.04.2026"),    # arrival → storage end
    ("2026-10-24", 7, "31.10.2026"),
    ("2026-12-28", 7, "04.01.2027"),
    ("2028-02-25", 7, "03.03.2028"),
])
def test_deadlines_not_moved(js, start, days, last):
    assert js("calc.plus", start, str(days)) == last


@pytest.mark.parametrize("start, days, last, how", [
    ("2026-12-01", 10, "11.12.2026", f"10{NB}дней с 02.12 → пт\u00a011.12, рабочий день"),
    ("2026-11-25", 10, "07.12.2026", f"10{NB}дней с 26.11 → 05.12, суббота → переносится на пн\u00a007.12, ст. 193 ГК"),
    ("2026-12-28", 10, "11.01.2027",
     f"10{NB}дней с 29.12 → 07.01, нерабочий праздничный день → переносится на пн\u00a011.01, ст. 193 ГК"),
    ("2026-12-05", 0, "07.12.2026", "05.12 — суббота → переносится на пн\u00a007.12, ст. 193 ГК"),
    ("2027-12-29", 10, "10.01.2028", f"10{NB}дней с 30.12 → 08.01, суббота → переносится на пн\u00a010.01, ст. 193 ГК; "
                                     f"праздники 2028{NB}года не учтены — только выходные"),
])
def test_legal_deadlines_say_how_they_were_counted(js, start, days, last, how):
    assert js("calc.term", start, str(days)) == last
    assert js("calc.termhow", start, str(days)) == how


def test_unmoved_deadlines_say_so(js):
    assert js("calc.plushow", "2028-02-29", "180") == f"180{NB}дней с 01.03 → вс\u00a027.08, без переноса"


@pytest.mark.parametrize("typed, kopecks, shown", [
    ("12345,67", 1234567, f"12{NB}345,67{NB}₽"),
    ("12 345.67", 1234567, f"12{NB}345,67{NB}₽"),
    (f"12{NB}345,6 ₽", 1234560, f"12{NB}345,60{NB}₽"),
    ("990", 99000, f"990{NB}₽"),
    ("1000000", 100000000, f"1{NB}000{NB}000{NB}₽"),
    ("0,05", 5, f"0,05{NB}₽"),
    ("25000000", 2500000000, f"25{NB}000{NB}000{NB}₽"),
])
def test_money(js, typed, kopecks, shown):
    assert js("ozFields.kopecks", typed) == kopecks
    assert js("ozFields.roubles", kopecks) == shown


@pytest.mark.parametrize("typed", ["", "abc", "1,234", "-5", "12,3,4", "1e5"])
def test_money_rejects_what_is_not_an_amount(js, typed):
    assert js("calc.daily", typed) == ""
    assert js("calc.penalty", typed, "2026-11-01", "2026-11-05") == ""


@pytest.mark.parametrize("promised, as_of", [("", "2026-11-05"), ("2026-11-01", ""), ("01.11.2026", "2026-11-05")])
def test_incomplete_dates_give_nothing(js, promised, as_of):
    assert js("calc.delay", promised, as_of) == ""
    assert js("calc.penalty", "1000", promised, as_of) == ""
    assert js("calc.plus", "", "10") == "" and js("calc.plus", "01.11.2026", "10") == ""
    assert js("calc.term", "", "10") == "" and js("calc.termhow", "2026-02-29", "10") == ""


def test_plural_days(js):
    got = [js("dayCount", n) for n in (1, 2, 4, 5, 11, 12, 14, 21, 22, 25, 101, 111, 112, 122)]
    assert [g.split(NB)[1] for g in got] == ["день", "дня", "дня", "дней", "дней", "дней", "дней", "день", "дня",
                                              "дней", "день", "дней", "дней", "дня"]


@pytest.mark.parametrize("zone", ZONES)
def test_today_is_the_readers_local_date(browser, site_server, subtests, zone):
    """Half an hour after and before local midnight the default date is the local calendar date (each time a fresh
    load of the page in the zone's profile; a failure names the time)."""
    ctx = _context(browser, zone)
    page = ctx.new_page()
    for local_time in (dt.time(0, 30), dt.time(23, 30)):
        with subtests.test(local_time=str(local_time)):
            now = dt.datetime.combine(dt.date(2026, 3, 29), local_time, tzinfo=ZoneInfo(zone))
            page.clock.set_fixed_time(now)
            page.goto(site_server + "kalkulyator/")
            page.wait_for_selector("[data-fields-privacy]:not([hidden])")
            assert page.locator("#lf-calc-as-of").input_value() == "2026-03-29"
            page.locator("#lf-calc-promised-on").fill("2026-03-27")
            page.locator("#lf-calc-amount").fill("1000")
            assert page.locator("#calc-delay-now").inner_text() == f"2{NB}дня"
            assert page.locator("#calc-penalty-now").inner_text() == f"10{NB}₽"
    ctx.close()


def test_calculator_page(page, site_server):
    page.goto(site_server + "kalkulyator/")
    page.wait_for_selector("[data-fields-privacy]:not([hidden])")
    results = ["delivery-end", "delay-now", "penalty-now", "penalty-day", "reply-by", "dispute-by", "storage-end"]
    hows = ["delivery-end-how", "reply-by-how", "dispute-by-how", "storage-end-how"]
    # Nothing entered yet: each result says which fields it needs (not a bare «—»); «На какую дату считать» is filled
    # in (today), so it is not asked for.
    assert [page.locator(f"#calc-{r}").inner_text() for r in results] == [
        "Заполните поле «Обещанная дата доставки»", "Заполните поле «Обещанная дата доставки»",
        "Заполните поля «Обещанная дата доставки» и «Сколько заплатили, ₽»", "Заполните поле «Сколько заплатили, ₽»",
        "Заполните поле «Когда предъявили претензию»", "Заполните поле «Дата оплаты»",
        "Заполните поле «Когда заказ пришёл в пункт выдачи»"]
    assert [page.locator(f"#calc-{r}").inner_text() for r in hows] == [""] * 4
    page.locator("#lf-calc-amount").fill("12 345,67")
    page.locator("#lf-calc-promised-on").fill("2026-11-01")  # a Sunday: the term ends on Monday 02.11
    page.locator("#lf-calc-as-of").fill("2026-11-21")
    page.locator("#lf-calc-claim-on").fill("2026-11-25")
    page.locator("#lf-calc-paid-on").fill("2028-02-29")
    page.locator("#lf-calc-arrived-on").fill("2026-12-28")
    assert [page.locator(f"#calc-{r}").inner_text() for r in results] == [
        "02.11.2026", f"19{NB}дней", f"1{NB}172,84{NB}₽", f"61,73{NB}₽", "07.12.2026", "27.08.2028", "04.01.2027"]
    assert [page.locator(f"#calc-{r}").inner_text() for r in hows] == [
        "01.11 — воскресенье → переносится на пн\u00a002.11, ст. 193 ГК",
        f"10{NB}дней с 26.11 → 05.12, суббота → переносится на пн\u00a007.12, ст. 193 ГК",
        f"180{NB}дней с 01.03 → вс\u00a027.08, без переноса",
        f"7{NB}дней с 29.12 → пн\u00a004.01, без переноса"]
    out = page.locator(".oz-calc__out").inner_text()
    assert "это правило платёжной системы" in out and "165.1" in out
    assert "пока не" not in page.locator(".md-content").inner_text()  # no "weekends not counted yet" warnings
    expect(page.get_by_text("То, что вы ввели здесь, уже подставлено")).to_be_visible()
    expect(page.locator("[data-deadlines-covered]")).to_be_visible()
    expect(page.locator("[data-deadlines-covered]")).to_contain_text(f"на 2025–2027{NB}годы")
    expect(page.locator("[data-deadlines-broken]")).to_be_hidden()
    page.locator("#lf-calc-amount").fill("12x")
    assert page.locator("#lf-calc-amount").get_attribute("aria-invalid") == "true"
    assert page.locator("#calc-penalty-now").inner_text() == (
        "Заполните поля «Обещанная дата доставки» и «Сколько заплатили, ₽»")
    assert page.errors == []



def test_without_javascript_the_calculator_does_not_claim_to_have_filled_the_letters(browser, site_server):
    """No JavaScript: nothing was typed or counted, so the line «То, что вы ввели здесь, уже подставлено…» must not
    show (it shows, with the form, once the script runs — test_calculator_page's page has it)."""
    context = browser.new_context(java_script_enabled=False, locale="ru-RU", viewport={"width": 390, "height": 844})
    try:
        page = context.new_page()
        page.goto(site_server + "kalkulyator/")
        shown = page.locator(".md-content").inner_text()
        assert "работает только с включённым JavaScript" in shown
        assert "уже подставлено" not in shown
    finally:
        context.close()


BROKEN_CALENDARS = ["{not json", '{"first": 2025, "last": 2027, "years": {"2025": {"h": "01-01"}}}',
                    '{"first": 2025, "last": 2027, "years": {"2026": {"h": ["13-45"], "o": [], "w": []}}}', "null"]


def test_a_corrupted_calendar_counts_weekends_only_and_says_so(page, site_server, subtests):
    """The calendar rides in the page's HTML; if it is unreadable the engine counts Saturdays and Sundays only, shows
    the note that says so, and every explanation adds that holidays were not counted. Each broken calendar in a fresh
    load of the page (one profile for all; a failure names the calendar)."""
    served = {}  # the calendar the next load of the page gets

    def corrupt(route):
        body = route.fetch().text()
        body, n = re.subn(r"data-calendar='[^']*'", lambda _: "data-calendar='" + html.escape(served["calendar"]) + "'",
                          body)
        assert n == 1
        route.fulfill(body=body, headers={"content-type": "text/html; charset=utf-8"})

    page.route("**/kalkulyator/", corrupt)
    for broken in BROKEN_CALENDARS:
        served["calendar"] = broken
        with subtests.test(broken=broken):
            page.goto(site_server + "kalkulyator/")
            page.wait_for_selector("[data-fields-privacy]:not([hidden])")
            page.locator("#lf-calc-claim-on").fill("2027-02-10")  # ends on the working Saturday 20.02.2027
            expect(page.locator("#calc-reply-by")).to_have_text("22.02.2027")  # weekends only: moved to Monday
            how = page.locator("#calc-reply-by-how").inner_text()
            assert how.endswith(f"праздники 2027{NB}года не учтены — только выходные")
            expect(page.locator("[data-deadlines-broken]")).to_be_visible()
            expect(page.locator("[data-deadlines-covered]")).to_be_hidden()
            assert page.evaluate("() => ozDeadlines.page().calendar") is None
            assert page.errors == []


def test_the_engine_arrives_with_an_instant_navigation(page, site_server):
    """The engine is page-scoped: coming from a page without it (instant navigation, no reload), the calculator
    still counts with it."""
    page.goto(site_server + "shagi/pretenziya/")
    page.wait_for_selector(".md-content")
    assert page.evaluate("() => window.ozDeadlines") is None
    page.evaluate("() => { window.__samePage = true }")
    page.locator(".md-content a[href*='kalkulyator/']").first.click()
    page.wait_for_url("**/kalkulyator/**")
    page.wait_for_selector("#lf-calc-claim-on")
    assert page.evaluate("() => window.__samePage") is True
    page.locator("#lf-calc-claim-on").fill("2026-11-25")
    expect(page.locator("#calc-reply-by")).to_have_text("07.12.2026")
    assert page.errors == []
