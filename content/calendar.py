"""The Russian production calendar (производственный календарь) the deadline engine counts with.

Pure Python, no MkDocs imports. Built from the `holidays` package (``holidays.country_holidays("RU")``), which
carries the official holidays (ТК РФ ст. 112) and the government's yearly decrees that move days off: a weekday
made a day off («Выходной (перенесено с …)», or a holiday that fell on a weekend, «… (выходной)») and the weekend
day made a working day in exchange (``weekend_workdays``, e.g. Saturday 20.02.2027).

Non-working day = (Saturday or Sunday, unless it is a working weekend day) or a holiday or a day off.

Only the years from FIRST_YEAR to the last year the package has a government decree for are *covered*; for any
other year the engine counts Saturdays and Sundays only, and the page says so. The compact form that goes into the
page (``ProductionCalendar.compact()``) lists, per covered year, the holidays (``h``), the other days off (``o``) and
the working weekend days (``w``) as "MM-DD"; everything else follows from the day of the week::

    {"source": "holidays 0.108", "first": 2025, "last": 2027,
     "years": {"2027": {"h": ["01-01", …], "o": ["02-22", "05-03", …], "w": ["02-20"]}, …}}
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import holidays
from holidays.countries.russia import Russia, RussiaStaticHolidays

# The first year the site needs: a reader's case from the year before the guide's current edition still matters.
FIRST_YEAR = 2025

SATURDAY, SUNDAY = 5, 6

# Why a day is not a working day (the same codes as in deadlines.js; the words are in the component's HTML).
HOLIDAY = "holiday"  # нерабочий праздничный день (ТК РФ ст. 112)
DAY_OFF = "day-off"  # выходной день, перенесённый постановлением Правительства
REASONS = ("saturday", "sunday", HOLIDAY, DAY_OFF)


def _decree_years() -> set[int]:
    """Years for which the package has a government decree moving days off (the production calendar is known)."""
    years = set(RussiaStaticHolidays.special_public_holidays)
    years |= set(getattr(RussiaStaticHolidays, "special_public_holidays_observed", {}))
    return years


def last_decree_year() -> int:
    """The last year whose production calendar the package knows (a decree is usually adopted in the autumn of the
    year before)."""
    return max(_decree_years())


@dataclass(frozen=True)
class ProductionCalendar:
    source: str  # e.g. "holidays 0.108"
    first_year: int
    last_year: int
    holidays: frozenset[dt.date]  # official holidays, on any day of the week
    days_off: frozenset[dt.date]  # other days off: moved by a decree, or after a holiday on a weekend
    working_weekends: frozenset[dt.date]  # Saturdays / Sundays made working days by a decree

    def covers(self, day: dt.date) -> bool:
        return self.first_year <= day.year <= self.last_year

    def non_working_reason(self, day: dt.date) -> str | None:
        """None for a working day, else why it is not one: 'holiday', 'day-off', 'saturday' or 'sunday'."""
        if self.covers(day):
            if day in self.holidays:
                return HOLIDAY
            if day in self.days_off:
                return DAY_OFF
            if day in self.working_weekends:
                return None
        weekday = day.weekday()
        return "saturday" if weekday == SATURDAY else "sunday" if weekday == SUNDAY else None

    def is_working_day(self, day: dt.date) -> bool:
        return self.non_working_reason(day) is None

    def compact(self) -> dict:
        """The calendar as the page carries it (JSON-ready, a few hundred bytes)."""
        def month_days(dates: frozenset[dt.date], year: int) -> list[str]:
            return sorted(d.strftime("%m-%d") for d in dates if d.year == year)

        return {
            "source": self.source,
            "first": self.first_year,
            "last": self.last_year,
            "years": {
                str(year): {"h": month_days(self.holidays, year), "o": month_days(self.days_off, year),
                            "w": month_days(self.working_weekends, year)}
                for year in range(self.first_year, self.last_year + 1)
            },
        }

    @classmethod
    def from_compact(cls, data: dict) -> ProductionCalendar:
        """The inverse of compact() (what the browser reads), for tests and the Python twin of the engine."""
        def dates(key: str) -> frozenset[dt.date]:
            return frozenset(dt.date.fromisoformat(f"{year}-{md}")
                             for year, lists in data["years"].items() for md in lists[key])

        return cls(data["source"], data["first"], data["last"], dates("h"), dates("o"), dates("w"))


# Weekends only: what the engine falls back to for years outside the covered ones (and for tests).
WEEKENDS_ONLY = ProductionCalendar("weekends only", 1, 0, frozenset(), frozenset(), frozenset())


def production_calendar(first_year: int = FIRST_YEAR, last_year: int | None = None) -> ProductionCalendar:
    """The calendar for first_year … last_year (default: the last year with a decree in the package)."""
    last_year = last_decree_year() if last_year is None else last_year
    missing = sorted(set(range(first_year, last_year + 1)) - _decree_years())
    if first_year > last_year or missing:
        raise ValueError(f"holidays {holidays.__version__} has no Russian production calendar for "
                         f"{', '.join(map(str, missing)) or f'{first_year}–{last_year}'}")
    years = range(first_year, last_year + 1)
    found = holidays.country_holidays("RU", years=years, language="ru")
    # The package's own labels tell a holiday from a day off: "Выходной (перенесено с %s)", "%s (выходной)".
    moved = str(RussiaStaticHolidays.substituted_label).split("%s")[0]
    observed = str(Russia.observed_label).split("%s")[-1]
    holiday_days, off_days = set(), set()
    for day, name in found.items():
        for one in str(name).split("; "):  # two names on one date are joined with "; "
            (off_days if one.startswith(moved) or one.endswith(observed) else holiday_days).add(day)
    off_days -= holiday_days
    working = {d for d in found.weekend_workdays if d.year in years}
    return ProductionCalendar(f"holidays {holidays.__version__}", first_year, last_year,
                              frozenset(holiday_days), frozenset(off_days), frozenset(working))
