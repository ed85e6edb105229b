"""The deadline calculator: the JS date and penalty functions (window.ozLetters in letters.js), table-driven and
run in the browser in several time zones, plus the calculator page itself.

How days are counted (as docs/kalkulyator.md says):
- delay: the first day of delay is the day after the promised date; delay on date A = A − promised, never < 0;
- penalty: 0.5 % of the amount per day of delay, rounded half-up to the kopeck, capped at the amount;
- reply-by / dispute-by / storage-end: the period starts the day after the event; last day = event + N days.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import pytest

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
    """Call window.ozLetters.<name>(...args) on the calculator page in one time zone."""
    ctx = _context(browser, request.param)
    page = ctx.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(site_server + "kalkulyator/")
    page.wait_for_function("() => window.ozLetters")

    def call(path: str, *args):
        return page.evaluate("([path, args]) => path.split('.').reduce((o, k) => o[k], window.ozLetters)(...args)",
                             [path, list(args)])

    yield call
    assert errors == []
    ctx.close()


@pytest.mark.parametrize("amount, promised, as_of, delay, penalty", [
    ("10000", "2026-11-10", "2026-11-11", f"1{NB}день", f"50{NB}₽"),
    ("10000", "2026-11-10", "2026-11-20", f"10{NB}дней", f"500{NB}₽"),
    ("10000", "2026-11-10", "2026-11-10", f"0{NB}дней", f"0{NB}₽"),            # on the promised day: no delay
    ("10000", "2026-11-10", "2026-11-01", f"0{NB}дней", f"0{NB}₽"),            # before it: no delay either
    ("10000", "2026-01-01", "2026-07-19", f"199{NB}дней", f"9{NB}950{NB}₽"),
    ("10000", "2026-01-01", "2026-07-20", f"200{NB}дней", f"10{NB}000{NB}₽"),  # reaches the amount …
    ("10000", "2026-01-01", "2026-12-31", f"364{NB}дня", f"10{NB}000{NB}₽"),   # … and stops there (the cap)
    ("12 345,67", "2026-11-01", "2026-11-21", f"20{NB}дней", f"1{NB}234,57{NB}₽"),  # 1 234,567 → half-up
    ("1", "2026-11-01", "2026-11-02", f"1{NB}день", f"0,01{NB}₽"),               # 0,005 ₽ → 0,01 ₽
    ("999,99", "2026-11-01", "2026-11-03", f"2{NB}дня", f"10{NB}₽"),
    ("2500000", "2026-11-30", "2026-12-22", f"22{NB}дня", f"275{NB}000{NB}₽"),
    ("5000", "2026-10-31", "2026-11-30", f"30{NB}дней", f"750{NB}₽"),           # month ends
    ("5000", "2028-02-28", "2028-03-01", f"2{NB}дня", f"50{NB}₽"),              # leap year: 29.02 counts
    ("5000", "2027-02-28", "2027-03-01", f"1{NB}день", f"25{NB}₽"),
    ("5000", "2026-12-31", "2027-01-01", f"1{NB}день", f"25{NB}₽"),
    ("5000", "2026-03-28", "2026-03-30", f"2{NB}дня", f"50{NB}₽"),              # across EU spring DST change
    ("5000", "2026-10-24", "2026-10-26", f"2{NB}дня", f"50{NB}₽"),              # across EU autumn DST change
    ("5000", "2026-11-01", "2026-11-12", f"11{NB}дней", f"275{NB}₽"),
    ("5000", "2026-11-01", "2026-11-22", f"21{NB}день", f"525{NB}₽"),
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
def test_deadlines(js, start, days, last):
    assert js("calc.plus", start, str(days)) == last


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
    assert js("kopecks", typed) == kopecks
    assert js("roubles", kopecks) == shown


@pytest.mark.parametrize("typed", ["", "abc", "1,234", "-5", "12,3,4", "1e5"])
def test_money_rejects_what_is_not_an_amount(js, typed):
    assert js("calc.daily", typed) == ""
    assert js("calc.penalty", typed, "2026-11-01", "2026-11-05") == ""


@pytest.mark.parametrize("promised, as_of", [("", "2026-11-05"), ("2026-11-01", ""), ("01.11.2026", "2026-11-05")])
def test_incomplete_dates_give_nothing(js, promised, as_of):
    assert js("calc.delay", promised, as_of) == ""
    assert js("calc.penalty", "1000", promised, as_of) == ""
    assert js("calc.plus", "", "10") == "" and js("calc.plus", "01.11.2026", "10") == ""


def test_plural_days(js):
    got = [js("dayCount", n) for n in (1, 2, 4, 5, 11, 12, 14, 21, 22, 25, 101, 111, 112, 122)]
    assert [g.split(NB)[1] for g in got] == ["день", "дня", "дня", "дней", "дней", "дней", "дней", "день", "дня",
                                              "дней", "день", "дней", "дней", "дня"]


@pytest.mark.parametrize("zone", ZONES)
@pytest.mark.parametrize("local_time", [dt.time(0, 30), dt.time(23, 30)])
def test_today_is_the_readers_local_date(browser, site_server, zone, local_time):
    """Half an hour after and before local midnight the default date is the local calendar date."""
    ctx = _context(browser, zone)
    page = ctx.new_page()
    now = dt.datetime.combine(dt.date(2026, 3, 29), local_time, tzinfo=ZoneInfo(zone))
    page.clock.set_fixed_time(now)
    page.goto(site_server + "kalkulyator/")
    page.wait_for_selector("[data-letters-privacy]:not([hidden])")
    assert page.locator("#lf-calc-as-of").input_value() == "2026-03-29"
    page.locator("#lf-calc-promised-on").fill("2026-03-28")
    page.locator("#lf-calc-amount").fill("1000")
    assert page.locator("#calc-delay-now").inner_text() == f"1{NB}день"
    assert page.locator("#calc-penalty-now").inner_text() == f"5{NB}₽"
    ctx.close()


def test_calculator_page(page, site_server):
    page.goto(site_server + "kalkulyator/")
    page.wait_for_selector("[data-letters-privacy]:not([hidden])")
    results = ["delay-now", "penalty-now", "penalty-day", "reply-by", "dispute-by", "storage-end"]
    assert [page.locator(f"#calc-{r}").inner_text() for r in results] == ["—"] * 6
    page.locator("#lf-calc-amount").fill("12 345,67")
    page.locator("#lf-calc-promised-on").fill("2026-11-01")
    page.locator("#lf-calc-as-of").fill("2026-11-21")
    page.locator("#lf-calc-claim-on").fill("2026-11-10")
    page.locator("#lf-calc-paid-on").fill("2028-02-29")
    page.locator("#lf-calc-arrived-on").fill("2026-12-28")
    assert [page.locator(f"#calc-{r}").inner_text() for r in results] == [
        f"20{NB}дней", f"1{NB}234,57{NB}₽", f"61,73{NB}₽", "20.11.2026", "27.08.2028", "04.01.2027"]
    page.locator("#lf-calc-amount").fill("12x")
    assert page.locator("#lf-calc-amount").get_attribute("aria-invalid") == "true"
    assert page.locator("#calc-penalty-now").inner_text() == "—"
    assert page.errors == []
