/**
 * The deadline engine: terms counted as a court counts them (ГК РФ ст. 191, 193, 194, 165.1) and the ЗоЗПП ст. 23.1
 * penalty. Contract: README.md here. Python twin: content/deadlines.py (same functions, same results); both run the
 * cases in tests/deadline_cases.yml.
 *
 * Pure functions on calendar dates written "YYYY-MM-DD" (years 2000–2100; anything else throws a RangeError). Dates
 * are day numbers (days since 1970-01-01) of UTC midnights: UTC has no time zone and no DST, so no clock setting can
 * move a day; only today() reads the local clock. The production calendar, the penalty rate and
 * every word come from the page ([data-oz-deadlines], see page()); the JS holds no reader text.
 */
(() => {
  if (window.ozDeadlines) return;

  const DAY = 864e5; // milliseconds in a day
  const FIRST_DAY = 10957; // 2000-01-01, the first day taken
  const LAST_DAY = 47846; // 2100-12-31, the last day taken (and the last a result may be)
  const MAX_DAYS = 3650; // the longest term taken (the site's longest is 180 days)
  const MAX_KOPECKS = 99999999999; // 999 999 999,99 ₽, as the calculator's money fields
  const WEEKEND = { 5: "saturday", 6: "sunday" }; // weekday() -> why it is not a working day
  // The compact calendar's lists -> what their days are; a later list wins, as in content/calendar.py (a holiday
  // over a day off over a working weekend day). A working weekend day has no reason not to work: null.
  const MARKS = { w: null, o: "day-off", h: "holiday" };
  // No calendar (or a year outside it): only Saturdays and Sundays are non-working, and nothing is covered (no from
  // and to: a day number compared with undefined is never within them).
  const WEEKENDS_ONLY = { marks: {} };
  const roots = new WeakMap(); // [data-oz-deadlines] element -> its prepared calendar (null: weekends only)

  function fail(what, value) {
    throw new RangeError(`ozDeadlines: invalid ${what}: ${value}`);
  }

  /** Day number -> "YYYY-MM-DD" (any day from 1970 to 9999). */
  function isoDate(n) {
    return new Date(n * DAY).toISOString().slice(0, 10);
  }

  /** "YYYY-MM-DD" -> day number; throws unless the whole text is a real date in 2000–2100 ("2026-02-29",
   *  "2026-12-01\n", "２０２６-12-01", 20261201 all throw). Date.parse reads the date-only ISO form as UTC midnight, but
   *  it also takes much else (and may roll 2026-02-30 over to March): a text counts only if isoDate() gives it back
   *  exactly. */
  function dayNumber(text) {
    const n = Date.parse(text) / DAY;
    return n >= FIRST_DAY && n <= LAST_DAY && isoDate(n) === text ? n : fail("date", text);
  }

  /** A result date: "YYYY-MM-DD", within the same years as the inputs. */
  function resultDate(n) {
    return n <= LAST_DAY ? isoDate(n) : fail("result", isoDate(n));
  }

  /** Day of the week of a day number from dayNumber(), 0 = Monday … 6 = Sunday (1970-01-01 was a Thursday). */
  function weekday(n) {
    return (n + 3) % 7;
  }

  /** value if it is a whole number from 0 to max, else a RangeError naming it. */
  function whole(value, max, name) {
    return Number.isInteger(value) && value >= 0 && value <= max ? value : fail(name, value);
  }

  /** The compact calendar (content/calendar.py, ProductionCalendar.compact) in a form quick to ask: {from, to: day
   *  numbers of its first and last covered days, marks: {day number: "holiday" | "day-off" | null (working)}}.
   *  Throws (a TypeError or a RangeError) on anything not of that shape, covering no year or holding an impossible
   *  date. */
  function prepare({ first, last, years }) {
    if (first > last) fail("calendar", "no years");
    const marks = {};
    for (let year = first; year <= last; year++) {
      for (const [list, mark] of Object.entries(MARKS)) {
        for (const monthDay of years[year][list]) marks[dayNumber(`${year}-${monthDay}`)] = mark;
      }
    }
    return { from: dayNumber(first + "-01-01"), to: dayNumber(last + "-12-31"), marks };
  }

  /** null for a working day, else why it is not one: "holiday", "day-off", "saturday" or "sunday". Outside the
   *  calendar's years only Saturdays and Sundays are non-working. */
  function nonWorkingReason(n, cal) {
    return n in cal.marks ? cal.marks[n] : WEEKEND[weekday(n)] || null;
  }

  /**
   * The last day of a term of `days` days counted from the day after `start` (ГК ст. 191); with shift (default) a
   * last day that is not a working day moves to the next working day (ст. 193). No shift for payment-system rules.
   * days = 0: a date-fixed deadline (a promised delivery date) — the term ends on `start` itself, moved by ст. 193.
   * calendar: page().calendar, or null (weekends only).
   * -> {start, days, first, calendarEnd, legalEnd, shifted, reason, covered, shift}; see README.md.
   */
  function termEnd(start, days, options) {
    const { calendar, shift = true } = options || {};
    const cal = calendar || WEEKENDS_ONLY;
    const begin = dayNumber(start);
    const end = begin + whole(days, MAX_DAYS, "days");
    let legal = end;
    while (shift && nonWorkingReason(legal, cal)) legal++; // ends: past the calendar's marked days only weekends stop
    return {
      start, days, first: isoDate(days ? begin + 1 : begin), calendarEnd: resultDate(end), legalEnd: resultDate(legal),
      shifted: legal !== end, reason: shift ? nonWorkingReason(end, cal) : null,
      // the calendar knew every day looked at: the covered years are one run, and end <= legal
      covered: !shift || end >= cal.from && legal <= cal.to, shift: !!shift,
    };
  }

  /** rate % (text, 1–2 digits and up to 2 decimals: "0.5") of kop for `days` days, rounded half-up ->
   *  {kopecks, capped}. Exact integer arithmetic on the rate in hundredths of a per cent (50 of 10 000 a day).
   *  Capped = days × rate reaches 100 %: the prepayment itself; below that kop × days × hundredths < 10¹⁵ stays an
   *  exact integer, and a share below kop rounded half-up is never above it. */
  function share(kop, days, rate) {
    if (!/^\d\d?(\.\d\d?)?$/.test(typeof rate === "string" && rate)) fail("rate", rate);
    const hundredths = Math.round(rate * 100);
    const capped = whole(kop, MAX_KOPECKS, "kopecks") > 0 && days * hundredths >= 10000;
    return { kopecks: capped ? kop : Math.floor((kop * days * hundredths + 5000) / 10000), capped };
  }

  /**
   * ЗоЗПП ст. 23.1 п. 3: rate % of the prepayment a day, from the day after the (shifted) last day of the term
   * through `until` (today, or the day the money was actually paid), rounded half-up, capped at the prepayment.
   * -> {from, days, kopecks, capped}.
   */
  function penalty({ prepaymentKopecks, lastDayOfTerm, until, rate }) {
    const last = dayNumber(lastDayOfTerm);
    const days = Math.max(0, dayNumber(until) - last);
    return { from: resultDate(last + 1), days, ...share(prepaymentKopecks, days, rate) };
  }

  /** The penalty for one day of delay, in kopecks (rounded half-up, never above the prepayment). */
  function penaltyPerDay(prepaymentKopecks, rate) {
    return share(prepaymentKopecks, 1, rate).kopecks;
  }

  /** Days until the last day: > 0 ahead, 0 = today is the last day (it lasts until 24:00, ст. 194), < 0 overdue. */
  function daysLeft(legalEnd, today) {
    return dayNumber(legalEnd) - dayNumber(today);
  }

  const fullDate = iso => iso.split("-").reverse().join("."); // "2026-12-05" -> "05.12.2026"
  const shortDate = iso => fullDate(iso).slice(0, 5); // -> "05.12"

  /** The parts of «10 дней с 26.11 → 05.12, суббота → переносится на пн 07.12, ст. 193 ГК», without words:
   *  {days, first, calendarEnd, legalEnd (DD.MM), weekday (of legalEnd, 0 = Monday), reason, shifted, covered,
   *  shift, endWeekday (of calendarEnd), endDate, legalDate (DD.MM.YYYY), year (of legalEnd)}. */
  function explain({ days, first, calendarEnd, legalEnd, reason, shifted, covered, shift }) {
    return {
      days, first: shortDate(first), calendarEnd: shortDate(calendarEnd), legalEnd: shortDate(legalEnd),
      weekday: weekday(dayNumber(legalEnd)), reason, shifted, covered, shift: shift !== false,
      endWeekday: weekday(dayNumber(calendarEnd)), endDate: fullDate(calendarEnd), legalDate: fullDate(legalEnd),
      year: Number(legalEnd.slice(0, 4)),
    };
  }

  /** Russian plural category of a whole number: "one" (1, 21), "few" (2–4, 22), "many" (0, 5–20, 11–14), by the
   *  absolute value (Intl's CLDR rules). */
  function plural(n) {
    return new Intl.PluralRules("ru").select(n);
  }

  /**
   * Fill the words' template with explain() parts: {days} {first} {end} {legal} {reason} {weekday} {endWeekday}
   * {endDate} {legalDate} {year}; a shifted-kind term outside the calendar's years gets words.uncovered added.
   * The template: a date-fixed deadline (days 0) or a term; moved, not moved, or never moved (no shift: a
   * payment-system rule); a missing one falls back to "shifted" / "unshifted".
   * words: {shifted, unshifted, fixed?, dateShifted?, dateUnshifted?, uncovered?, days: {one, few, many},
   * weekdays: [7, Monday first], reasons: {saturday, sunday, holiday, "day-off"}}.
   */
  function explainText(parts, words) {
    const plain = parts.shifted ? "shifted" : "unshifted";
    const name = parts.days === 0 ? (parts.shifted ? "dateShifted" : "dateUnshifted")
      : parts.shift === false ? "fixed" : plain;
    const extra = (!parts.covered && parts.shift && words.uncovered) || "";
    const values = {
      ...parts, end: parts.calendarEnd, legal: parts.legalEnd,
      days: parts.days + "\u00a0" + words.days[plural(parts.days)], reason: words.reasons[parts.reason],
      weekday: words.weekdays[parts.weekday], endWeekday: words.weekdays[parts.endWeekday],
    };
    return ((words[name] || words[plain]) + extra).replace(/\{(\w+)\}/g, (_, key) => values[key] ?? "");
  }

  /** Today's local calendar date "YYYY-MM-DD" (the reader's clock and time zone). */
  function today() {
    const now = new Date();
    return new Date(now - now.getTimezoneOffset() * 60000).toISOString().slice(0, 10); // the local time, read as UTC
  }

  /** What the page gives the engine, from its [data-oz-deadlines] root (deadlines.html): {calendar, rate, words};
   *  null on a page without one. The calendar is read once per root; a corrupted one gives calendar null (weekends
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

  /** The root's calendar, prepared, or null if it is unreadable; shows the note that says which. */
  function readCalendar(root) {
    let calendar = null;
    try {
      calendar = prepare(JSON.parse(root.dataset.calendar));
    } catch {
      // bad JSON, a wrong shape or an impossible date: weekends only, and the page says so
    }
    for (const note of root.querySelectorAll("[data-deadlines-covered],[data-deadlines-broken]")) {
      note.hidden = note.hasAttribute("data-deadlines-broken") === !!calendar;
    }
    return calendar;
  }

  window.ozDeadlines = {
    dayNumber, isoDate, weekday, termEnd, penalty, penaltyPerDay, daysLeft, explain, explainText, plural,
    today, page,
  };
  // Components that count with the engine (letters.js, the case page) re-render once it is there: on an instant
  // navigation this page-scoped script may arrive after them.
  document.dispatchEvent(new Event("oz-ready")); // components/base/base.js
})();
