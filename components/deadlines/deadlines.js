/**
 * The deadline engine: terms counted as a court counts them (ГК РФ ст. 191, 193, 194, 165.1) and the ЗоЗПП ст. 23.1
 * penalty. Contract: README.md here. Python twin: content/deadlines.py (same functions, same results); both run the
 * cases in tests/deadline_cases.yml.
 *
 * Pure functions on calendar dates written "YYYY-MM-DD" (years 2000–2100; anything else throws a RangeError). Dates
 * are day numbers computed by arithmetic on year, month and day — no Date object, so no time zone or DST can move
 * a day. The production calendar, the penalty rate and every word come from the page ([data-oz-deadlines], see
 * page()); the JS holds no reader text.
 */
(() => {
  if (window.ozDeadlines) return;

  const MIN_YEAR = 2000;
  const MAX_YEAR = 2100;
  const MAX_DAYS = 3650; // the longest term taken (the site's longest is 180 days)
  const MAX_KOPECKS = 99999999999; // 999 999 999,99 ₽, as the calculator's money fields
  const MARKS = [["h", "holiday"], ["o", "day-off"], ["w", "work"]]; // compact calendar key -> mark
  const prepared = new WeakMap(); // compact calendar -> {first, last, marks: Map(iso -> mark)} | null if unusable
  const roots = new WeakMap(); // [data-oz-deadlines] element -> its parsed calendar (null: weekends only)

  function fail(message) {
    throw new RangeError("ozDeadlines: " + message);
  }

  /** Days since 1970-01-01 of a Gregorian date (H. Hinnant's days_from_civil). */
  function fromCivil(year, month, day) {
    const y = year - (month <= 2 ? 1 : 0);
    const era = Math.floor(y / 400);
    const yoe = y - era * 400;
    const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
    return era * 146097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719468;
  }

  /** Day number -> [year, month, day] (the inverse of fromCivil). */
  function toCivil(n) {
    const z = n + 719468;
    const era = Math.floor(z / 146097);
    const doe = z - era * 146097;
    const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
    const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
    const mp = Math.floor((5 * doy + 2) / 153);
    const month = mp < 10 ? mp + 3 : mp - 9;
    return [yoe + era * 400 + (month <= 2 ? 1 : 0), month, doy - Math.floor((153 * mp + 2) / 5) + 1];
  }

  const pad = (n, width) => String(n).padStart(width, "0");

  /** "YYYY-MM-DD" -> day number, or a message saying why it is not a real date in 2000–2100 (2026-02-29 is not). */
  function parse(text) {
    const match = typeof text === "string" && /^(\d{4})-(\d\d)-(\d\d)$/.exec(text);
    if (!match) return "not a date 'YYYY-MM-DD': " + JSON.stringify(text);
    const [year, month, day] = [+match[1], +match[2], +match[3]];
    if (year < MIN_YEAR || year > MAX_YEAR) return `year out of range ${MIN_YEAR}–${MAX_YEAR}: ${text}`;
    const n = fromCivil(year, month, day);
    return month >= 1 && month <= 12 && isoDate(n) === text ? n : "no such date: " + text;
  }

  /** "YYYY-MM-DD" -> day number; throws unless it is a real date in 2000–2100. */
  function dayNumber(text) {
    const n = parse(text);
    return typeof n === "number" ? n : fail(n);
  }

  /** Day number -> "YYYY-MM-DD". */
  function isoDate(n) {
    const [year, month, day] = toCivil(n);
    return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
  }

  /** A result date: "YYYY-MM-DD", within the same years as the inputs. */
  function resultDate(n) {
    const text = isoDate(n);
    const year = +text.slice(0, 4);
    if (year < MIN_YEAR || year > MAX_YEAR) fail(`result out of range ${MIN_YEAR}–${MAX_YEAR}: ${text}`);
    return text;
  }

  /** Day of the week, 0 = Monday … 6 = Sunday (1970-01-01 was a Thursday). */
  function weekday(n) {
    return (((n + 3) % 7) + 7) % 7;
  }

  function whole(value, low, high, name) {
    if (!Number.isInteger(value) || value < low || value > high) {
      fail(`${name} must be a whole number from ${low} to ${high}: ${JSON.stringify(value)}`);
    }
    return value;
  }

  /** The compact calendar (content/calendar.py, ProductionCalendar.compact) in a form quick to ask, or null when
   *  it is missing or not of that shape (a corrupted page): then only weekends count and covered is false. */
  function prepare(calendar) {
    if (!calendar || typeof calendar !== "object") return null;
    if (!prepared.has(calendar)) prepared.set(calendar, check(calendar));
    return prepared.get(calendar);
  }

  function check({ first, last, years }) {
    if (!Number.isInteger(first) || !Number.isInteger(last) || first < MIN_YEAR || first > last || last > MAX_YEAR
        || !years || typeof years !== "object") return null;
    const marks = new Map();
    for (let year = first; year <= last; year++) {
      for (const [key, mark] of MARKS) {
        const list = (years[year] || {})[key];
        if (!Array.isArray(list)) return null;
        for (const monthDay of list) {
          const iso = `${year}-${monthDay}`;
          if (typeof parse(iso) !== "number") return null;
          marks.set(iso, mark);
        }
      }
    }
    return { first, last, marks };
  }

  function covers(cal, n) {
    const year = toCivil(n)[0];
    return Boolean(cal) && year >= cal.first && year <= cal.last;
  }

  /** null for a working day, else why it is not one: "holiday", "day-off", "saturday" or "sunday". Outside the
   *  calendar's years (or without one) only Saturdays and Sundays are non-working. */
  function nonWorkingReason(n, cal) {
    if (covers(cal, n)) {
      const mark = cal.marks.get(isoDate(n));
      if (mark === "work") return null;
      if (mark) return mark;
    }
    const day = weekday(n);
    return day === 5 ? "saturday" : day === 6 ? "sunday" : null;
  }

  /**
   * The last day of a term of `days` days counted from the day after `start` (ГК ст. 191); with shift (default) a
   * last day that is not a working day moves to the next working day (ст. 193). No shift for payment-system rules.
   * days = 0: a date-fixed deadline (a promised delivery date) — the term ends on `start` itself, moved by ст. 193.
   * -> {start, days, first, calendarEnd, legalEnd, shifted, reason, covered, shift}; see README.md.
   */
  function termEnd(start, days, options) {
    const { calendar = null, shift = true } = options || {};
    const begin = dayNumber(start);
    whole(days, 0, MAX_DAYS, "days");
    const cal = prepare(calendar);
    const end = begin + days;
    let legal = end;
    let covered = true;
    let reason = null;
    if (shift) {
      reason = nonWorkingReason(end, cal);
      covered = covers(cal, end);
      while (nonWorkingReason(legal, cal) !== null) {
        legal += 1;
        covered = covered && covers(cal, legal);
        if (legal - end > 60) fail("no working day within 60 days after " + isoDate(end));
      }
    }
    return {
      start: isoDate(begin), days, first: resultDate(days ? begin + 1 : begin), calendarEnd: resultDate(end),
      legalEnd: resultDate(legal), shifted: legal !== end, reason, covered, shift: Boolean(shift),
    };
  }

  /** The day a registered letter counts as received (ГК ст. 165.1): delivered, else returned unclaimed, else null. */
  function receivedOn(letter) {
    const { delivered = null, returnedUnclaimed = null } = letter || {};
    if (delivered) return isoDate(dayNumber(delivered));
    if (returnedUnclaimed) return isoDate(dayNumber(returnedUnclaimed));
    return null;
  }

  /** "0.5" -> [5, 10]: the rate as a fraction, so the penalty is exact integer arithmetic. */
  function rateFraction(rate) {
    const match = typeof rate === "string" && /^(\d{1,2})(?:\.(\d{1,2}))?$/.exec(rate);
    if (!match) fail("rate must be a percent like '0.5': " + JSON.stringify(rate));
    const decimals = (match[2] || "").length;
    return [Number(match[1] + (match[2] || "")), 10 ** decimals];
  }

  /** rate % of kop for `days` days, rounded half-up, capped at kop -> [kopecks, capped]. Capped = days × rate
   *  reaches 100 %; below that 2 × kop × days × numerator < 2·10¹⁵ stays an exact integer. */
  function share(kop, days, rate) {
    const [numerator, denominator] = rateFraction(rate);
    const scale = 100 * denominator;
    const capped = kop > 0 && days * numerator >= scale;
    const raw = capped ? kop : Math.floor((2 * kop * days * numerator + scale) / (2 * scale));
    return [Math.min(raw, kop), capped];
  }

  /**
   * ЗоЗПП ст. 23.1 п. 3: rate % of the prepayment a day, from the day after the (shifted) last day of the term
   * through `until` (today, or the day the money was actually paid), rounded half-up, capped at the prepayment.
   * -> {from, days, kopecks, capped}.
   */
  function penalty({ prepaymentKopecks, lastDayOfTerm, until, rate }) {
    const kop = whole(prepaymentKopecks, 0, MAX_KOPECKS, "prepaymentKopecks");
    const last = dayNumber(lastDayOfTerm);
    const days = Math.max(0, dayNumber(until) - last);
    const [kopecks, capped] = share(kop, days, rate);
    return { from: resultDate(last + 1), days, kopecks, capped };
  }

  /** The penalty for one day of delay, in kopecks (rounded half-up, never above the prepayment). */
  function penaltyPerDay(prepaymentKopecks, rate) {
    return share(whole(prepaymentKopecks, 0, MAX_KOPECKS, "prepaymentKopecks"), 1, rate)[0];
  }

  /** Days until the last day: > 0 ahead, 0 = today is the last day (it lasts until 24:00, ст. 194), < 0 overdue. */
  function daysLeft(legalEnd, today) {
    return dayNumber(legalEnd) - dayNumber(today);
  }

  const short = iso => `${iso.slice(8, 10)}.${iso.slice(5, 7)}`;
  const full = iso => `${short(iso)}.${iso.slice(0, 4)}`;

  /** The parts of «10 дней с 26.11 → 05.12, суббота → переносится на пн 07.12, ст. 193 ГК», without words:
   *  {days, first, calendarEnd, legalEnd (DD.MM), weekday (of legalEnd, 0 = Monday), reason, shifted, covered,
   *  shift, endWeekday (of calendarEnd), endDate, legalDate (DD.MM.YYYY), year (of legalEnd)}. */
  function explain(term) {
    return {
      days: term.days, first: short(term.first), calendarEnd: short(term.calendarEnd), legalEnd: short(term.legalEnd),
      weekday: weekday(dayNumber(term.legalEnd)), reason: term.reason, shifted: term.shifted, covered: term.covered,
      shift: term.shift !== false, endWeekday: weekday(dayNumber(term.calendarEnd)), endDate: full(term.calendarEnd),
      legalDate: full(term.legalEnd), year: +term.legalEnd.slice(0, 4),
    };
  }

  /** Russian plural category: "one" (1, 21), "few" (2–4, 22), "many" (0, 5–20, 11–14); by the absolute value. */
  function plural(n) {
    const m = Math.abs(n);
    if (m % 10 === 1 && m % 100 !== 11) return "one";
    if (m % 10 >= 2 && m % 10 <= 4 && !(m % 100 >= 12 && m % 100 <= 14)) return "few";
    return "many";
  }

  /** The template for these parts: a date-fixed deadline (days 0) or a term; moved, not moved, or never moved
   *  (no shift: a payment-system rule). A missing template falls back to "shifted" / "unshifted". */
  function templateName(parts, words) {
    const name = parts.days === 0 ? (parts.shifted ? "dateShifted" : "dateUnshifted")
      : parts.shifted ? "shifted" : parts.shift === false ? "fixed" : "unshifted";
    return words[name] ? name : parts.shifted ? "shifted" : "unshifted";
  }

  /** Fill the words' template with explain() parts ({days} {first} {end} {reason} {weekday} {legal} {endWeekday}
   *  {endDate} {legalDate} {year}); a shifted-kind term outside the calendar's years gets words.uncovered added.
   *  words: {shifted, unshifted, fixed?, dateShifted?, dateUnshifted?, uncovered?, days: {one, few, many},
   *  weekdays: [7, Monday first], reasons: {saturday, sunday, holiday, "day-off"}}. */
  function explainText(parts, words) {
    const values = {
      days: parts.days + "\u00a0" + words.days[plural(parts.days)],
      first: parts.first, end: parts.calendarEnd, legal: parts.legalEnd,
      weekday: words.weekdays[parts.weekday], reason: words.reasons[parts.reason] || "",
      endWeekday: words.weekdays[parts.endWeekday], endDate: parts.endDate, legalDate: parts.legalDate,
      year: parts.year,
    };
    const extra = parts.covered === false && parts.shift !== false ? words.uncovered || "" : "";
    return (words[templateName(parts, words)] + extra).replace(/\{(\w+)\}/g, (_, name) => values[name] ?? "");
  }

  /** Today's local calendar date "YYYY-MM-DD" (the reader's clock and time zone). */
  function today() {
    const now = new Date();
    return `${pad(now.getFullYear(), 4)}-${pad(now.getMonth() + 1, 2)}-${pad(now.getDate(), 2)}`;
  }

  /** What the page gives the engine, from its [data-oz-deadlines] root (deadlines.html): {calendar, rate, words};
   *  null on a page without one. The calendar is parsed once per root; a corrupted one gives calendar null (weekends
   *  only) and shows the root's [data-deadlines-broken] note instead of the coverage note. */
  function page() {
    const root = document.querySelector("[data-oz-deadlines]");
    if (!root) return null;
    const data = root.dataset;
    if (!roots.has(root)) roots.set(root, readCalendar(root));
    return {
      calendar: roots.get(root), rate: data.penaltyRate,
      words: {
        shifted: data.explainShifted, unshifted: data.explainUnshifted, fixed: data.explainFixed,
        dateShifted: data.explainDateShifted, dateUnshifted: data.explainDateUnshifted, uncovered: data.explainUncovered,
        days: { one: data.daysOne, few: data.daysFew, many: data.daysMany },
        weekdays: (data.weekdays || "").split(" "),
        reasons: {
          saturday: data.reasonSaturday, sunday: data.reasonSunday, holiday: data.reasonHoliday,
          "day-off": data.reasonDayOff,
        },
      },
    };
  }

  function readCalendar(root) {
    let calendar = null;
    try {
      calendar = JSON.parse(root.dataset.calendar);
    } catch {
      calendar = null;
    }
    if (!prepare(calendar)) calendar = null;
    for (const note of root.querySelectorAll("[data-deadlines-covered],[data-deadlines-broken]")) {
      note.hidden = note.hasAttribute("data-deadlines-broken") === Boolean(calendar);
    }
    return calendar;
  }

  window.ozDeadlines = {
    dayNumber, isoDate, weekday, termEnd, receivedOn, penalty, penaltyPerDay, daysLeft, explain, explainText, plural,
    today, page,
  };
  // Components that count with the engine (letters.js, the case page) re-render once it is there: on an instant
  // navigation this page-scoped script may arrive after them.
  document.dispatchEvent(new CustomEvent("oz-ready", { detail: "deadlines" })); // components/base/base.js
})();
