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
  const prepared = new WeakMap(); // compact calendar -> {first, last, marks: Map(iso -> "holiday"|"day-off"|"work")}

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

  /** "YYYY-MM-DD" -> day number; throws unless it is a real date in 2000–2100 (2026-02-29 is not). */
  function dayNumber(text) {
    const match = typeof text === "string" && /^(\d{4})-(\d\d)-(\d\d)$/.exec(text);
    if (!match) fail("not a date 'YYYY-MM-DD': " + JSON.stringify(text));
    const [year, month, day] = [+match[1], +match[2], +match[3]];
    if (year < MIN_YEAR || year > MAX_YEAR) fail(`year out of range ${MIN_YEAR}–${MAX_YEAR}: ${text}`);
    const n = fromCivil(year, month, day);
    if (month < 1 || month > 12 || isoDate(n) !== text) fail("no such date: " + text);
    return n;
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

  /** The compact calendar of the page (content/calendar.py, ProductionCalendar.compact) in a form quick to ask. */
  function prepare(calendar) {
    if (!calendar) return null;
    if (!prepared.has(calendar)) {
      const marks = new Map();
      for (const [year, lists] of Object.entries(calendar.years)) {
        for (const [key, mark] of [["h", "holiday"], ["o", "day-off"], ["w", "work"]]) {
          for (const monthDay of lists[key]) marks.set(`${year}-${monthDay}`, mark);
        }
      }
      prepared.set(calendar, { first: calendar.first, last: calendar.last, marks });
    }
    return prepared.get(calendar);
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
   * -> {start, days, first, calendarEnd, legalEnd, shifted, reason, covered}; see README.md.
   */
  function termEnd(start, days, { calendar = null, shift = true } = {}) {
    const begin = dayNumber(start);
    whole(days, 1, MAX_DAYS, "days");
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
      start: isoDate(begin), days, first: resultDate(begin + 1), calendarEnd: resultDate(end),
      legalEnd: resultDate(legal), shifted: legal !== end, reason, covered,
    };
  }

  /** The day a registered letter counts as received (ГК ст. 165.1): delivered, else returned unclaimed, else null. */
  function receivedOn({ delivered = null, returnedUnclaimed = null } = {}) {
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

  /**
   * ЗоЗПП ст. 23.1 п. 3: rate % of the prepayment a day, from the day after the (shifted) last day of the term
   * through `until` (today, or the day the money was actually paid), rounded half-up, capped at the prepayment.
   * -> {from, days, kopecks, capped}.
   */
  function penalty({ prepaymentKopecks, lastDayOfTerm, until, rate }) {
    const kop = whole(prepaymentKopecks, 0, MAX_KOPECKS, "prepaymentKopecks");
    const [numerator, denominator] = rateFraction(rate);
    const last = dayNumber(lastDayOfTerm);
    const days = Math.max(0, dayNumber(until) - last);
    // Capped when days × rate reaches 100 %; below that kop × days × numerator < 10¹⁶ stays an exact integer.
    const capped = kop > 0 && days * numerator >= 100 * denominator;
    const scale = 100 * denominator;
    const raw = capped ? kop : Math.floor((2 * kop * days * numerator + scale) / (2 * scale));
    return { from: resultDate(last + 1), days, kopecks: Math.min(raw, kop), capped };
  }

  /** Days until the last day: > 0 ahead, 0 = today is the last day (it lasts until 24:00, ст. 194), < 0 overdue. */
  function daysLeft(legalEnd, today) {
    return dayNumber(legalEnd) - dayNumber(today);
  }

  const short = iso => `${iso.slice(8, 10)}.${iso.slice(5, 7)}`;

  /** The parts of «10 дней с 26.11 → 05.12, суббота → переносится на пн 07.12, ст. 193 ГК», without words:
   *  {days, first, calendarEnd, legalEnd (DD.MM), weekday (of legalEnd, 0 = Monday), reason, shifted, covered}. */
  function explain(term) {
    return {
      days: term.days, first: short(term.first), calendarEnd: short(term.calendarEnd), legalEnd: short(term.legalEnd),
      weekday: weekday(dayNumber(term.legalEnd)), reason: term.reason, shifted: term.shifted, covered: term.covered,
    };
  }

  /** Russian plural category: "one" (1, 21), "few" (2–4, 22), "many" (0, 5–20, 11–14). */
  function plural(n) {
    if (n % 10 === 1 && n % 100 !== 11) return "one";
    if (n % 10 >= 2 && n % 10 <= 4 && !(n % 100 >= 12 && n % 100 <= 14)) return "few";
    return "many";
  }

  /** Fill the words' template ("shifted" or "unshifted", with {days} {first} {end} {reason} {weekday} {legal})
   *  with explain() parts. words: {shifted, unshifted, days: {one, few, many}, weekdays: [7], reasons: {…}}. */
  function explainText(parts, words) {
    const values = {
      days: parts.days + "\u00a0" + words.days[plural(parts.days)],
      first: parts.first, end: parts.calendarEnd, legal: parts.legalEnd,
      weekday: words.weekdays[parts.weekday], reason: words.reasons[parts.reason] || "",
    };
    return words[parts.shifted ? "shifted" : "unshifted"].replace(/\{(\w+)\}/g, (_, name) => values[name]);
  }

  /** Today's local calendar date "YYYY-MM-DD" (the reader's clock and time zone). */
  function today() {
    const now = new Date();
    return `${pad(now.getFullYear(), 4)}-${pad(now.getMonth() + 1, 2)}-${pad(now.getDate(), 2)}`;
  }

  /** What the page gives the engine, from its [data-oz-deadlines] root (deadlines.html): {calendar, rate, words};
   *  null on a page without one. */
  function page() {
    const root = document.querySelector("[data-oz-deadlines]");
    if (!root) return null;
    const data = root.dataset;
    let calendar = null;
    try {
      calendar = JSON.parse(data.calendar);
    } catch {
      calendar = null; // weekends only; the page's coverage note still says which years are covered
    }
    const words = {
      shifted: data.explainShifted, unshifted: data.explainUnshifted,
      days: { one: data.daysOne, few: data.daysFew, many: data.daysMany },
      weekdays: data.weekdays.split(" "),
      reasons: {
        saturday: data.reasonSaturday, sunday: data.reasonSunday, holiday: data.reasonHoliday,
        "day-off": data.reasonDayOff,
      },
    };
    return { calendar, rate: data.penaltyRate, words };
  }

  window.ozDeadlines = {
    dayNumber, isoDate, weekday, termEnd, receivedOn, penalty, daysLeft, explain, explainText, plural, today, page,
  };
  // Components that count with the engine (letters.js, the calculator) re-render once it is there: on an instant
  // navigation this page-scoped script may arrive after them.
  document.dispatchEvent(new CustomEvent("oz-deadlines-ready"));
})();
