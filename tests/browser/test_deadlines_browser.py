"""The JS deadline engine (window.ozDeadlines, components/deadlines/deadlines.js) against the shared table
tests/deadline_cases.yml, in a real browser on the built calculator page (which loads the engine with the site's
production calendar), in four time zones with a fixed clock. Each result must equal the table's expectation AND the
Python twin's full result (content/deadlines.py), so the two engines cannot drift apart."""

from __future__ import annotations

import datetime as dt
import json
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import pytest

from content import deadlines
from content.calendar import production_calendar
from support import deadline_cases, engine_words

pytestmark = pytest.mark.browser

CASES = deadline_cases()
BAD = CASES["invalid"]
SITE_CALENDAR = production_calendar()
# Moscow (most readers), Vladivostok (UTC+10), Kaliningrad (UTC+2) and Los Angeles (UTC−8, with DST).
ZONES = ["Europe/Moscow", "Asia/Vladivostok", "Europe/Kaliningrad", "America/Los_Angeles"]
# A fixed instant at which the local date differs between the zones: 07.12 in Los Angeles, 08.12 elsewhere.
NOW = dt.datetime(2026, 12, 7, 22, 30, tzinfo=dt.timezone.utc)
EPOCH = dt.date(1970, 1, 1)
_YEARS = SITE_CALENDAR.compact()["years"]
# data-calendar texts the page could carry if it were damaged, beyond the ones test_calculator.py loads whole pages
# with: each must give page().calendar null (weekends only) and show the broken-calendar note.
CORRUPTED = [
    '{"first": 2027, "last": 2025, "years": {}}',  # covers no year
    json.dumps({"first": 1999, "last": 1999, "years": {"1999": {"h": [], "o": [], "w": []}}}),  # before 2000
    # a year missing
    json.dumps({"first": SITE_CALENDAR.first_year, "last": SITE_CALENDAR.last_year + 1, "years": _YEARS}),
    json.dumps({"first": 2026, "last": 2026, "years": {"2026": {"h": ["02-30"], "o": [], "w": []}}}),  # no such day
    json.dumps({"first": 2026, "last": 2026, "years": {"2026": {"h": [], "o": None, "w": []}}}),
    json.dumps({"first": "2026", "years": _YEARS}), "[]", '"2026"', "",
]

RUN = """(cases) => {
  const d = window.ozDeadlines, page = d.page(), cal = page.calendar;
  const run = f => { try { return {ok: f()}; } catch (e) { return {error: e.name}; } };
  const calOf = c => c.calendar === "none" ? null : cal;
  const term = c => d.termEnd(c.start, c.days, {calendar: calOf(c), shift: c.shift ?? true});
  const bad = cases.invalid;
  return {
    today: d.today(), rate: page.rate, calendar: cal,
    defaults: [run(() => d.termEnd("2027-02-10", 10).legalEnd), run(() => d.termEnd("2027-02-10", 10, null).legalEnd)],
    term_end: cases.term_end.map(c => run(() => term(c))),
    penalty: cases.penalty.map(c => run(() => d.penalty(
      {prepaymentKopecks: c.kopecks, lastDayOfTerm: c.last, until: c.until, rate: c.rate}))),
    delivery_penalty: cases.delivery_penalty.map(c => run(() => d.penalty({prepaymentKopecks: c.kopecks,
      lastDayOfTerm: d.termEnd(c.promised, 0, {calendar: cal}).legalEnd, until: c.until, rate: page.rate}))),
    penalty_per_day: cases.penalty_per_day.map(c => run(() => d.penaltyPerDay(c.kopecks, c.rate))),
    days_left: cases.days_left.map(c => run(() => d.daysLeft(c.legalEnd, c.today))),
    explain_text: cases.explain_text.map(c => run(() => d.explainText(d.explain(term(c)), page.words))),
    plural: cases.plural.map(c => run(() => d.plural(c.n))),
    dates: bad.dates.map(t => [
      () => d.dayNumber(t), () => d.termEnd(t, 10, {calendar: cal}), () => d.termEnd(t, 0, {shift: false}),
      () => d.penalty({prepaymentKopecks: 100, lastDayOfTerm: t, until: "2026-12-01", rate: "0.5"}),
      () => d.penalty({prepaymentKopecks: 100, lastDayOfTerm: "2026-12-01", until: t, rate: "0.5"}),
      () => d.daysLeft(t, "2026-12-01"), () => d.daysLeft("2026-12-01", t),
    ].map(run)),
    days: bad.days.map(n => run(() => d.termEnd("2026-12-01", n, {calendar: cal}))),
    rates: bad.rates.map(r => [
      () => d.penalty({prepaymentKopecks: 100, lastDayOfTerm: "2026-12-01", until: "2026-12-05", rate: r}),
      () => d.penaltyPerDay(100, r)].map(run)),
    kopecks: bad.kopecks.map(k => [
      () => d.penalty({prepaymentKopecks: k, lastDayOfTerm: "2026-12-01", until: "2026-12-05", rate: "0.5"}),
      () => d.penaltyPerDay(k, "0.5")].map(run)),
    results_out_of_range: bad.results_out_of_range.map(c => run(() => c.penalty
      ? d.penalty({prepaymentKopecks: 100, lastDayOfTerm: c.start, until: c.start, rate: "0.5"})
      : d.termEnd(c.start, c.days, {calendar: cal}))),
    // Last, as it swaps the page's root: a copy of it carrying each damaged calendar in turn.
    corrupted: cases.corrupted.map(text => {
      const root = document.querySelector("[data-oz-deadlines]"), copy = root.cloneNode(true);
      copy.dataset.calendar = text;
      root.replaceWith(copy);
      const result = {calendar: d.page().calendar, legalEnd: d.termEnd("2027-02-10", 10, {calendar: d.page().calendar})
        .legalEnd, broken: !copy.querySelector("[data-deadlines-broken]").hidden,
        covered: !copy.querySelector("[data-deadlines-covered]").hidden};
      copy.replaceWith(root);
      return result;
    }),
  };
}"""


@pytest.fixture(scope="module", params=ZONES)
def js(request, browser, site_server):
    """Every case of the table run once by the JS engine in one time zone: {section: [{ok: result} | {error}]}."""
    ctx = browser.new_context(locale="ru-RU", timezone_id=request.param)
    ctx.route("**/*", lambda r: r.continue_() if urlsplit(r.request.url).hostname == "127.0.0.1" else r.abort())
    page = ctx.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.clock.set_fixed_time(NOW)
    page.goto(site_server + "kalkulyator/")
    page.wait_for_function("() => window.ozDeadlines")
    results = page.evaluate(RUN, {**CASES, "corrupted": CORRUPTED})
    results["zone"] = request.param
    yield results
    assert errors == []
    ctx.close()


def ok(result: dict):
    assert "error" not in result, result
    return result["ok"]


def ids(cases: list[dict]) -> list[str]:
    return [c.get("name") or c.get("text") or " ".join(f"{k}={v}" for k, v in c.items() if k != "want")
            for c in cases]


def prepared(calendar) -> dict:
    """What page().calendar holds for a production calendar (deadlines.js prepare()): the day numbers (days since
    1970-01-01) of the first and last covered days and, by day number, why each listed day is not a working day
    (null: a working Saturday or Sunday)."""
    def day(date: dt.date) -> int:
        return (date - EPOCH).days

    marks = {str(day(d)): None for d in calendar.working_weekends}
    marks |= {str(day(d)): "day-off" for d in calendar.days_off} | {str(day(d)): "holiday" for d in calendar.holidays}
    return {"from": day(dt.date(calendar.first_year, 1, 1)), "to": day(dt.date(calendar.last_year, 12, 31)),
            "marks": marks}


def test_the_page_gives_the_engine_the_sites_calendar_and_rate(js):
    assert js["calendar"] == prepared(SITE_CALENDAR)
    assert len(js["calendar"]["marks"]) > 50  # every year's holidays, days off and working weekend days
    assert js["rate"] == "0.5"


@pytest.mark.parametrize("i", range(len(CORRUPTED)))
def test_a_damaged_calendar_counts_weekends_only_and_says_so(js, i):
    """The working Saturday 20.02.2027 is not known without the calendar: the term moves to Monday."""
    assert js["corrupted"][i] == {"calendar": None, "legalEnd": "2027-02-22", "broken": True, "covered": False}


def test_options_may_be_left_out(js):
    """No options: weekends only (the working Saturday 20.02.2027 is then not known), as the Python default."""
    assert [ok(r) for r in js["defaults"]] == ["2027-02-22", "2027-02-22"]
    assert deadlines.term_end("2027-02-10", 10)["legalEnd"] == "2027-02-22"


def test_today_is_the_local_calendar_date(js):
    assert js["today"] == NOW.astimezone(ZoneInfo(js["zone"])).date().isoformat()


@pytest.mark.parametrize("i", range(len(CASES["term_end"])), ids=ids(CASES["term_end"]))
def test_term_end(js, i):
    case, got = CASES["term_end"][i], ok(js["term_end"][i])
    assert {key: got[key] for key in case["want"]} == case["want"]
    calendar = None if case.get("calendar") == "none" else SITE_CALENDAR
    assert got == deadlines.term_end(case["start"], case["days"], calendar, case.get("shift", True))


@pytest.mark.parametrize("i", range(len(CASES["penalty"])), ids=ids(CASES["penalty"]))
def test_penalty(js, i):
    case, got = CASES["penalty"][i], ok(js["penalty"][i])
    assert {key: got[key] for key in case["want"]} == case["want"]
    assert got == deadlines.penalty(case["kopecks"], case["last"], case["until"], case["rate"])


@pytest.mark.parametrize("i", range(len(CASES["delivery_penalty"])), ids=ids(CASES["delivery_penalty"]))
def test_penalty_runs_from_the_day_after_the_shifted_promised_date(js, i):
    case, got = CASES["delivery_penalty"][i], ok(js["delivery_penalty"][i])
    assert {key: got[key] for key in case["want"]} == case["want"]


@pytest.mark.parametrize("section", ["penalty_per_day", "days_left", "plural"])
def test_small_functions(js, section):
    assert [ok(r) for r in js[section]] == [c["want"] for c in CASES[section]]


@pytest.mark.parametrize("i", range(len(CASES["explain_text"])), ids=ids(CASES["explain_text"]))
def test_explain_text_with_the_words_of_the_page(js, i):
    case = CASES["explain_text"][i]
    assert ok(js["explain_text"][i]) == case["text"]
    term = deadlines.term_end(case["start"], case["days"], SITE_CALENDAR, case.get("shift", True))
    assert deadlines.explain_text(deadlines.explain(term), engine_words()) == case["text"]


def test_bad_inputs_throw_a_range_error_everywhere(js):
    for text, results in zip(BAD["dates"], js["dates"], strict=True):
        assert all(r.get("error") == "RangeError" for r in results), (text, results)
    for section in ("days", "rates", "kopecks", "results_out_of_range"):
        for value, result in zip(BAD[section], js[section], strict=True):
            for one in result if isinstance(result, list) else [result]:
                assert one.get("error") == "RangeError", (section, value, one)
