"""The Python twin of the deadline engine (content/deadlines.py) against the shared table tests/deadline_cases.yml.
The JS engine runs the same table in the browser (tests/browser/test_deadlines_browser.py)."""

from __future__ import annotations

import pytest

from content import deadlines
from content.calendar import production_calendar
from support import deadline_cases, engine_words

CASES = deadline_cases()
SITE_CALENDAR = production_calendar()
WORDS = engine_words()


def calendar_of(case: dict):
    return None if case.get("calendar") == "none" else SITE_CALENDAR


def ids(cases: list[dict]) -> list[str]:
    return [c.get("name") or c.get("text") or " ".join(f"{k}={v}" for k, v in c.items() if k != "want") for c in cases]


def test_the_table_covers_every_function():
    assert {"term_end", "received_on", "received_then_term", "penalty", "delivery_penalty", "penalty_per_day",
            "days_left", "explain_text", "plural", "invalid"} <= set(CASES)


@pytest.mark.parametrize("case", CASES["term_end"], ids=ids(CASES["term_end"]))
def test_term_end(case):
    got = deadlines.term_end(case["start"], case["days"], calendar_of(case), case.get("shift", True))
    assert {key: got[key] for key in case["want"]} == case["want"]
    assert got["start"] == case["start"] and got["days"] == case["days"]


@pytest.mark.parametrize("case", CASES["received_on"], ids=ids(CASES["received_on"]))
def test_received_on(case):
    assert deadlines.received_on(case.get("delivered"), case.get("returnedUnclaimed")) == case["want"]


@pytest.mark.parametrize("case", CASES["received_then_term"], ids=ids(CASES["received_then_term"]))
def test_returned_unclaimed_claim_starts_the_term(case):
    received = deadlines.received_on(returned_unclaimed=case["returnedUnclaimed"])
    assert deadlines.term_end(received, case["days"], SITE_CALENDAR)["legalEnd"] == case["legalEnd"]


@pytest.mark.parametrize("case", CASES["penalty"], ids=ids(CASES["penalty"]))
def test_penalty(case):
    got = deadlines.penalty(case["kopecks"], case["last"], case["until"], case["rate"])
    assert {key: got[key] for key in case["want"]} == case["want"]


@pytest.mark.parametrize("case", CASES["delivery_penalty"], ids=ids(CASES["delivery_penalty"]))
def test_penalty_runs_from_the_day_after_the_shifted_promised_date(case):
    last = deadlines.term_end(case["promised"], 0, SITE_CALENDAR)["legalEnd"]
    got = deadlines.penalty(case["kopecks"], last, case["until"], "0.5")
    assert {key: got[key] for key in case["want"]} == case["want"]


@pytest.mark.parametrize("case", CASES["penalty_per_day"], ids=ids(CASES["penalty_per_day"]))
def test_penalty_per_day(case):
    assert deadlines.penalty_per_day(case["kopecks"], case["rate"]) == case["want"]


@pytest.mark.parametrize("case", CASES["days_left"], ids=ids(CASES["days_left"]))
def test_days_left(case):
    assert deadlines.days_left(case["legalEnd"], case["today"]) == case["want"]


@pytest.mark.parametrize("case", CASES["explain_text"], ids=ids(CASES["explain_text"]))
def test_explain_text_with_the_words_of_the_html(case):
    term = deadlines.term_end(case["start"], case["days"], SITE_CALENDAR, case.get("shift", True))
    assert deadlines.explain_text(deadlines.explain(term), WORDS) == case["text"]


@pytest.mark.parametrize("case", CASES["plural"], ids=ids(CASES["plural"]))
def test_plural(case):
    assert deadlines.plural(case["n"]) == case["want"]


BAD = CASES["invalid"]


@pytest.mark.parametrize("text", BAD["dates"], ids=repr)
def test_a_bad_date_raises_everywhere(text):
    calls = [
        lambda: deadlines.parse_date(text),
        lambda: deadlines.term_end(text, 10, SITE_CALENDAR),
        lambda: deadlines.term_end(text, 0, SITE_CALENDAR, False),
        lambda: deadlines.received_on(text),
        lambda: deadlines.received_on(None, text),
        lambda: deadlines.penalty(100, text, "2026-12-01", "0.5"),
        lambda: deadlines.penalty(100, "2026-12-01", text, "0.5"),
        lambda: deadlines.days_left(text, "2026-12-01"),
        lambda: deadlines.days_left("2026-12-01", text),
    ]
    if text in ("", None):
        del calls[3:5]  # received_on: an empty or missing date means "not known yet" (None), not an error
        assert deadlines.received_on(text, text) is None
    for call in calls:
        with pytest.raises(ValueError):
            call()


@pytest.mark.parametrize("days", BAD["days"], ids=repr)
def test_bad_days_raise(days):
    with pytest.raises(ValueError):
        deadlines.term_end("2026-12-01", days, SITE_CALENDAR)


@pytest.mark.parametrize("rate", BAD["rates"], ids=repr)
def test_bad_rates_raise(rate):
    with pytest.raises(ValueError):
        deadlines.penalty(100, "2026-12-01", "2026-12-05", rate)
    with pytest.raises(ValueError):
        deadlines.penalty_per_day(100, rate)


@pytest.mark.parametrize("kopecks", BAD["kopecks"], ids=repr)
def test_bad_amounts_raise(kopecks):
    with pytest.raises(ValueError):
        deadlines.penalty(kopecks, "2026-12-01", "2026-12-05", "0.5")
    with pytest.raises(ValueError):
        deadlines.penalty_per_day(kopecks, "0.5")


@pytest.mark.parametrize("case", BAD["results_out_of_range"], ids=ids(BAD["results_out_of_range"]))
def test_results_outside_the_years_raise(case):
    with pytest.raises(ValueError, match="out of range"):
        if case.get("penalty"):
            deadlines.penalty(100, case["start"], case["start"], "0.5")
        else:
            deadlines.term_end(case["start"], case["days"], SITE_CALENDAR)
