"""The deadline engine, Python twin of components/deadlines/deadlines.js (same functions, snake_case names, the same
results as JSON-ready dicts with the JS keys). tests/deadline_cases.yml runs against both.

Dates are calendar dates as ISO text "YYYY-MM-DD", years 2000–2100; anything else raises ValueError. How terms are
counted (ГК РФ):

- ст. 191: a term of N days starts the day after the event (the claim received on 25.11 → day 1 is 26.11), so its
  calendar end is event + N; N = 0 is a deadline fixed as a date (a promised delivery date): it ends on that date;
- ст. 193: if that day is not a working day, the term ends on the next working day (``shift=True``; a
  payment-system rule such as the bank's 180 days is not a legal term: ``shift=False``);
- ст. 194: the last day lasts until 24:00, so on it the days left are 0, not "overdue";
- ст. 165.1: a registered letter returned unclaimed counts as received on the day it was returned.

Penalty (ЗоЗПП ст. 23.1 п. 3): ``rate`` % of the prepayment a day, from the day after the (shifted) last day through
``until`` (today, or the day the money was actually paid), rounded half-up to the kopeck, capped at the prepayment.
"""

from __future__ import annotations

import datetime as dt
import re
from fractions import Fraction
from typing import Any

from .calendar import ProductionCalendar

MIN_YEAR, MAX_YEAR = 2000, 2100
MAX_DAYS = 3650  # the longest term the engine takes (the longest we use is 180 days)
MAX_KOPECKS = 99_999_999_999  # 999 999 999,99 ₽, as the calculator's money fields
# ASCII digits only, the whole text (no trailing newline): the same texts as the JS engine accepts.
_ISO = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_RATE = re.compile(r"[0-9]{1,2}(\.[0-9]{1,2})?")


def parse_date(text: object) -> dt.date:
    """'YYYY-MM-DD' → date; ValueError unless it is a real date in 2000–2100."""
    match = _ISO.fullmatch(text) if isinstance(text, str) else None
    if not match:
        raise ValueError(f"not a date 'YYYY-MM-DD': {text!r}")
    year, month, day = map(int, match.groups())
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValueError(f"year out of range {MIN_YEAR}–{MAX_YEAR}: {text!r}")
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise ValueError(f"no such date: {text!r}") from None


def _iso(day: dt.date) -> str:
    if not MIN_YEAR <= day.year <= MAX_YEAR:
        raise ValueError(f"result out of range {MIN_YEAR}–{MAX_YEAR}: {day.isoformat()}")
    return day.isoformat()


def _whole(value: object, low: int, high: int, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ValueError(f"{name} must be a whole number from {low} to {high}: {value!r}")
    return value


def _reason(day: dt.date, calendar: ProductionCalendar | None) -> str | None:
    if calendar is not None:
        return calendar.non_working_reason(day)
    return {5: "saturday", 6: "sunday"}.get(day.weekday())


def _covered(day: dt.date, calendar: ProductionCalendar | None) -> bool:
    return calendar is not None and calendar.covers(day)


def term_end(start: str, days: int, calendar: ProductionCalendar | None = None, shift: bool = True) -> dict[str, Any]:
    """The last day of a term of `days` days that starts the day after `start` (ст. 191, 193).

    Returns {start, days, first, calendarEnd, legalEnd, shifted, reason, covered, shift}: first = the first day
    counted (the date itself when days = 0, a deadline fixed as a date);
    calendarEnd = start + days; legalEnd = calendarEnd moved to the next working day when shift (else the same);
    reason = why calendarEnd is not a working day ('saturday', 'sunday', 'holiday', 'day-off'), or None;
    covered = whether the production calendar knew every day looked at (False: only weekends were counted);
    shift = whether ст. 193 applies to this term.
    """
    begin = parse_date(start)
    days = _whole(days, 0, MAX_DAYS, "days")
    end = begin + dt.timedelta(days=days)
    legal, covered, reason = end, True, None
    if shift:
        reason = _reason(end, calendar)
        covered = _covered(end, calendar)
        while _reason(legal, calendar) is not None:
            legal += dt.timedelta(days=1)
            covered = covered and _covered(legal, calendar)
            if (legal - end).days > 60:  # no calendar has that many non-working days in a row
                raise ValueError(f"no working day within 60 days after {end.isoformat()}")
    return {"start": begin.isoformat(), "days": days, "first": _iso(begin + dt.timedelta(days=1 if days else 0)),
            "calendarEnd": _iso(end), "legalEnd": _iso(legal), "shifted": legal != end, "reason": reason,
            "covered": covered, "shift": bool(shift)}


def received_on(delivered: str | None = None, returned_unclaimed: str | None = None) -> str | None:
    """The day a registered letter counts as received (ГК ст. 165.1): the delivery day; if it was never collected,
    the day it was returned for expiry of storage; None when neither is known."""
    if delivered:
        return parse_date(delivered).isoformat()
    if returned_unclaimed:
        return parse_date(returned_unclaimed).isoformat()
    return None


def _round_half_up(value: Fraction) -> int:
    return int((value * 2 + 1) // 2)


def _share(kopecks: int, days: int, rate: str) -> tuple[int, bool]:
    """rate % of kopecks for `days` days, rounded half-up, capped at kopecks -> (kopecks, capped); capped = days ×
    rate reaches 100 %."""
    if not isinstance(rate, str) or not _RATE.fullmatch(rate):
        raise ValueError(f"rate must be a percent like '0.5': {rate!r}")
    capped = kopecks > 0 and days * Fraction(rate) >= 100
    raw = kopecks if capped else _round_half_up(Fraction(kopecks * days) * Fraction(rate) / 100)
    return min(raw, kopecks), capped


def penalty(prepayment_kopecks: int, last_day_of_term: str, until: str, rate: str) -> dict[str, Any]:
    """ЗоЗПП ст. 23.1 п. 3: {from, days, kopecks, capped}. `from` = the first day of delay (the day after the last
    day of the term); days = days from `from` through `until` (0 if until is not after the last day); kopecks =
    rate % of the prepayment a day × days, rounded half-up, capped at the prepayment. `rate` is the percent as text,
    e.g. "0.5" (on the site: facts['penalty-rate'].number)."""
    kopecks = _whole(prepayment_kopecks, 0, MAX_KOPECKS, "prepaymentKopecks")
    last, end = parse_date(last_day_of_term), parse_date(until)
    days = max(0, (end - last).days)
    amount, capped = _share(kopecks, days, rate)
    return {"from": _iso(last + dt.timedelta(days=1)), "days": days, "kopecks": amount, "capped": capped}


def penalty_per_day(prepayment_kopecks: int, rate: str) -> int:
    """The penalty for one day of delay, in kopecks (rounded half-up, never above the prepayment)."""
    return _share(_whole(prepayment_kopecks, 0, MAX_KOPECKS, "prepaymentKopecks"), 1, rate)[0]


def days_left(legal_end: str, today: str) -> int:
    """Days until the last day: > 0 still ahead, 0 = today is the last day (valid until 24:00, ст. 194),
    < 0 = overdue by that many days."""
    return (parse_date(legal_end) - parse_date(today)).days


def _short(iso: str) -> str:
    return f"{iso[8:10]}.{iso[5:7]}"


def explain(term: dict[str, Any]) -> dict[str, Any]:
    """The parts of «10 дней с 26.11 → 05.12, суббота → переносится на пн 07.12, ст. 193 ГК» (no words: those come
    from the HTML): {days, first, calendarEnd, legalEnd (DD.MM), weekday (of legalEnd, 0 = Monday), reason, shifted,
    covered, shift, endWeekday (of calendarEnd), endDate, legalDate (DD.MM.YYYY), year (of legalEnd)}."""
    return {"days": term["days"], "first": _short(term["first"]), "calendarEnd": _short(term["calendarEnd"]),
            "legalEnd": _short(term["legalEnd"]), "weekday": parse_date(term["legalEnd"]).weekday(),
            "reason": term["reason"], "shifted": term["shifted"], "covered": term["covered"],
            "shift": term.get("shift") is not False, "endWeekday": parse_date(term["calendarEnd"]).weekday(),
            "endDate": f"{_short(term['calendarEnd'])}.{term['calendarEnd'][:4]}",
            "legalDate": f"{_short(term['legalEnd'])}.{term['legalEnd'][:4]}", "year": int(term["legalEnd"][:4])}


def plural(n: int) -> str:
    """Russian plural category of n: 'one' (1, 21), 'few' (2–4, 22), 'many' (0, 5–20, 11–14); by the absolute
    value."""
    n = abs(n)
    if n % 10 == 1 and n % 100 != 11:
        return "one"
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return "few"
    return "many"


def _template_name(parts: dict[str, Any], words: dict[str, Any]) -> str:
    """A date-fixed deadline (days 0) or a term; moved, not moved, or never moved (no shift: a payment-system
    rule). A missing template falls back to 'shifted' / 'unshifted'."""
    if parts["days"] == 0:
        name = "dateShifted" if parts["shifted"] else "dateUnshifted"
    else:
        name = "shifted" if parts["shifted"] else "fixed" if parts.get("shift") is False else "unshifted"
    return name if words.get(name) else "shifted" if parts["shifted"] else "unshifted"


def explain_text(parts: dict[str, Any], words: dict[str, Any]) -> str:
    """Fill the words' template with explain() parts ({days} {first} {end} {reason} {weekday} {legal} {endWeekday}
    {endDate} {legalDate} {year}); a shifted-kind term outside the calendar's years gets words['uncovered'] added.
    words (from the component's HTML): shifted, unshifted, fixed?, dateShifted?, dateUnshifted?, uncovered?,
    'days' {one, few, many}, 'weekdays' (7, Monday first), 'reasons' {saturday, …}."""
    values = {
        "days": f"{parts['days']}\u00a0{words['days'][plural(parts['days'])]}",
        "first": parts["first"], "end": parts["calendarEnd"], "legal": parts["legalEnd"],
        "weekday": words["weekdays"][parts["weekday"]],
        "reason": words["reasons"].get(parts["reason"] or "", ""),
        "endWeekday": words["weekdays"][parts["endWeekday"]], "endDate": parts["endDate"],
        "legalDate": parts["legalDate"], "year": str(parts["year"]),
    }
    extra = (words.get("uncovered") or "") if parts["covered"] is False and parts.get("shift") is not False else ""
    return re.sub(r"\{(\w+)\}", lambda m: values.get(m.group(1), ""), words[_template_name(parts, words)] + extra)
