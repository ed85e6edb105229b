/**
 * «Моё дело»: the tools a reader uses now and then — the calendar file, saving every case to a file, loading one,
 * deleting a case. Loaded on first use (ozCase.loadTools() in case.js; hooks/assets.py serves this file on its own), so a first visit to the page does not download them. Works on the page set up by case.js: its
 * window.ozCase gives what both share; this file adds calendarFile and tools (the buttons' actions) to it.
 */
(() => {
  const c = window.ozCase;
  if (c.tools) return;

  const MAX_FILE = 1e6; // bytes of an imported file
  const storage = window.ozStorage;
  const engine = window.ozDeadlines;
  const root = () => document.querySelector("[data-oz-case]");
  const $ = selector => root().querySelector(selector);

  /** RFC 5545 §3.1: a content line longer than 75 octets goes on after CRLF and one space. */
  function fold(line) {
    const encoder = new TextEncoder();
    let out = "";
    let size = 0;
    for (const char of line) {
      const octets = encoder.encode(char).length;
      if (size + octets > 75) {
        out += "\r\n ";
        size = 1;
      }
      out += char;
      size += octets;
    }
    return out;
  }

  /** One .ics file: an all-day event for every running deadline, with an alarm for each of its data-remind days
   *  before the end. */
  function calendarFile() {
    const [caseId, item] = c.active();
    const data = root().dataset;
    const escape = text => text.replace(/[\\;,]/g, "\\$&").replace(/\r?\n/g, "\\n");
    const number = c.value("order-number"); // several cases: each event says which order it is about
    const stamp = new Date().toISOString().replace(/[-:]/g, "").slice(0, 15) + "Z";
    const lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//ozon-propal-zakaz//delo//RU", "CALSCALE:GREGORIAN"];
    for (const term of c.terms(item.events, engine.today()).filter(t => !t.stop && t.left >= 0)) {
      const day = term.end.legalEnd.replace(/-/g, "");
      const after = engine.isoDate(engine.dayNumber(term.end.legalEnd) + 1).replace(/-/g, "");
      const title = term.el.querySelector("[data-t=title]").textContent +
        (number && " — " + c.fill(data.named, { n: number }));
      const todo = term.el.querySelector("[data-t=todo]").textContent;
      lines.push("BEGIN:VEVENT", `UID:${caseId}-${term.id}-${day}@ozon-propal-zakaz`, "DTSTAMP:" + stamp,
        "DTSTART;VALUE=DATE:" + day, "DTEND;VALUE=DATE:" + after, "SUMMARY:" + escape(title),
        "DESCRIPTION:" + escape(`${todo}\n${c.how(term)}\n${data.url}`), "URL:" + data.url);
      for (const n of c.list(term.el.dataset.remind)) {
        const alarm = c.fill(+n ? data.icsBefore : data.icsToday, { title, n: c.count(+n) });
        lines.push("BEGIN:VALARM", "ACTION:DISPLAY", `TRIGGER:-P${n}D`, "DESCRIPTION:" + escape(alarm), "END:VALARM");
      }
      lines.push("END:VEVENT");
    }
    lines.push("END:VCALENDAR");
    return lines.map(fold).join("\r\n") + "\r\n";
  }

  /** The keys an export holds: name -> [key, spec]. */
  const PARTS = {
    cases: [storage.CASES, storage.CASE_SPEC],
    letters: [storage.LETTERS, storage.LETTERS_SPEC],
    checklists: [storage.CHECKLISTS, storage.CHECKLISTS_SPEC],
    route: [storage.ROUTE, storage.ROUTE_SPEC],
  };

  /** An imported file's values by key, or null: it must be exactly what «Сохранить» writes, in the current
   *  versions, with known event ids, at most data-max cases and texts without markup. */
  function checkFile(raw) {
    if (!storage.isMap(raw) || raw.version !== 1) return null;
    if (Object.keys(raw).some(name => name !== "version" && !Object.hasOwn(PARTS, name))) return null;
    const values = {};
    for (const [name, [key, spec]] of Object.entries(PARTS)) {
      const part = raw[name] ?? { version: spec.version, items: {} };
      if (!storage.isMap(part) || part.version !== spec.version) return null;
      values[key] = storage.parse(JSON.stringify(part), spec, true);
      if (!values[key]) return null;
    }
    const known = new Set([...root().querySelectorAll("[data-case-event] option")].map(o => o.value));
    const caseItems = Object.values(values[storage.CASES].items);
    if (caseItems.length > +root().dataset.max || caseItems.some(item => Object.keys(item.events).some(e => !known.has(e)))) {
      return null;
    }
    const texts = Object.values(values[storage.LETTERS].items).map(item => item.value);
    return texts.every(text => text.length <= window.ozFields.MAX_TEXT && !/<[a-z!/?]/i.test(text)) ? values : null;
  }

  /** What the buttons that need this file do (case.js calls them once it is loaded). */
  c.tools = {
    ics() {
      storage.saveFile(root().dataset.icsName, calendarFile(), "text/calendar;charset=utf-8");
    },
    export() {
      const file = { version: 1 };
      for (const [name, [key, spec]] of Object.entries(PARTS)) {
        file[name] = (name === "cases" ? c.cases() : storage.read(key, spec)) || { version: spec.version, items: {} };
      }
      const name = c.fill(root().dataset.exportName, { date: engine.today() });
      storage.saveFile(name, JSON.stringify(file, null, 1), "application/json");
    },
    /** Replace every case with an exported file's (the reader confirmed); a bad file changes nothing. */
    async import(input) {
      const file = input.files[0];
      input.value = "";
      let values = null;
      try {
        if (file.size < MAX_FILE) values = checkFile(JSON.parse(await file.text()));
      } catch {
        values = null; // not JSON: rejected below
      }
      if (values) {
        for (const [key, value] of Object.entries(values)) storage.write(key, value, true);
        c.forget(); // this visit's unsaved case gives way to the file's
      }
      c.follow();
      c.say(values ? "imported" : "rejected");
    },
    /** One case goes with its letter values and ticks; the newest opened of the others becomes the active one. */
    delete(button) {
      const [id] = c.active();
      const name = $("[data-case-select]").selectedOptions[0].text;
      if (!window.confirm(c.fill(button.dataset.confirm, { name }))) return;
      for (const [key, spec] of Object.values(PARTS)) {
        const value = storage.read(key, spec);
        if (!value) continue;
        for (const itemId of Object.keys(value.items)) if (itemId.split("/")[0] === id) delete value.items[itemId];
        storage.write(key, value);
      }
      c.follow();
      c.say("deleted");
    },
  };
  c.calendarFile = calendarFile;
})();
