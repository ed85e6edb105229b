"""content/calendar.py: the Russian production calendar built from the pinned `holidays` package, checked against
the official calendar (ТК РФ ст. 112 and the government's decrees moving days off), and its compact page form."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from content.calendar import DAY_OFF, HOLIDAY, WEEKENDS_ONLY, ProductionCalendar, production_calendar

CAL = production_calendar()
D = dt.date.fromisoformat


def test_covers_2025_to_2027_with_the_pinned_package():
    # Bumping `holidays` to a release with 2028 changes this: then check 2028 against the decree and the
    # "year after the last covered one" cases in tests/deadline_cases.yml.
    assert (CAL.first_year, CAL.last_year) == (2025, 2027)
    assert CAL.source.startswith("holidays ")


@pytest.mark.parametrize("day", [f"2027-01-0{n}" for n in range(1, 9)])
def test_new_year_holidays_2027(day):
    assert CAL.non_working_reason(D(day)) == HOLIDAY


@pytest.mark.parametrize("day, reason", [
    ("2027-01-09", "saturday"), ("2027-01-10", "sunday"), ("2027-01-11", None),   # after the New Year holidays
    ("2027-02-20", None),                                                         # a working Saturday (decree)
    ("2027-02-22", DAY_OFF), ("2027-02-23", HOLIDAY), ("2027-02-24", None),       # its day off, then the holiday
    ("2027-05-01", HOLIDAY), ("2027-05-03", DAY_OFF), ("2027-05-10", DAY_OFF),     # a holiday on a weekend → Monday
    ("2027-06-12", HOLIDAY), ("2027-06-14", DAY_OFF), ("2027-11-05", DAY_OFF), ("2027-12-31", DAY_OFF),
    ("2026-12-31", DAY_OFF), ("2026-01-09", DAY_OFF), ("2026-03-08", HOLIDAY), ("2026-03-09", DAY_OFF),
    ("2026-05-11", DAY_OFF), ("2026-11-04", HOLIDAY), ("2026-11-05", None), ("2026-12-05", "saturday"),
    ("2026-12-06", "sunday"), ("2026-12-07", None),
    ("2025-11-01", None), ("2025-11-03", DAY_OFF), ("2025-05-02", DAY_OFF), ("2025-05-08", DAY_OFF),
    ("2025-12-31", DAY_OFF),
    # Outside the covered years only Saturdays and Sundays count.
    ("2028-01-03", None), ("2028-01-01", "saturday"), ("2024-01-02", None), ("2024-11-02", "saturday"),
])
def test_reasons(day, reason):
    assert CAL.non_working_reason(D(day)) == reason
    assert CAL.is_working_day(D(day)) is (reason is None)


@pytest.mark.parametrize("year", [2025, 2026])
def test_a_year_has_247_working_days_and_118_days_off(year):
    """The official totals of the 2025 and 2026 production calendars (Росстат / Минтруд: 247 working days, 118
    weekends and holidays; e.g. https://penza-news.net/society/2026/01/13/490618.html)."""
    days = [D(f"{year}-01-01") + dt.timedelta(n) for n in range(365)]
    assert sum(CAL.is_working_day(d) for d in days) == 247


def test_compact_form_round_trips_and_is_small():
    data = CAL.compact()
    assert ProductionCalendar.from_compact(json.loads(json.dumps(data))) == CAL
    assert data["years"]["2027"]["w"] == ["02-20"]
    assert "01-07" in data["years"]["2027"]["h"] and "12-31" in data["years"]["2026"]["o"]
    assert len(json.dumps(data)) < 1500  # it rides in the page's HTML


def test_weekends_only():
    assert WEEKENDS_ONLY.non_working_reason(D("2027-01-04")) is None
    assert WEEKENDS_ONLY.non_working_reason(D("2027-02-20")) == "saturday"
    assert not WEEKENDS_ONLY.covers(D("2027-01-04"))


@pytest.mark.parametrize("first, last, message", [
    (2025, 2099, "has no Russian production calendar for 2028, 2029"),
    (2027, 2026, "has no Russian production calendar for 2027–2026"),
])
def test_years_without_a_decree_are_refused(first, last, message):
    with pytest.raises(ValueError, match=message):
        production_calendar(first, last)
