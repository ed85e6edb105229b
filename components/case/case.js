/**
 * «Моё дело»: the reader's cases — events with dates, the deadlines they start (counted by the engine,
 * components/deadlines/), the next action, the penalty and the printable case file. The calendar file, export,
 * import and deleting a case are in tools.later.js, loaded on first use.
 * Contract: README.md here. Root: [data-oz-case] (case.html); every word shown comes from it, filled in as text.
 * The order fields are the shared fields' inputs (components/fields/, fields.js keeps them); the cases live in
 * ozStorage's CASES key, only while the reader has agreed to keep data (the fields' «Запомнить»), else for this visit.
 */
(() => {
  if (window.ozCase) return;

  const NBSP = "\u00a0";
  const ready = new WeakSet();
  let storage, engine, root, setup;
  let unsaved = null; // the cases while the reader has not agreed to keep them: this visit only
  let shown = null; // [id, item] of the case last shown (kept for this visit when the reader withdraws consent)
  let loading = null; // the tools for first use: loaded, or on their way (loadTools)
  let waiting = false; // a tap waits for them (tool)

  const $ = (selector, el = root) => el.querySelector(selector);
  const $$ = (selector, el = root) => [...el.querySelectorAll(selector)];
  const fill = (text, values) => text.replace(/\{(\w+)\}/g, (_, name) => values[name] ?? "");
  const ru = iso => iso.split("-").reverse().join(".");
  const list = text => (text || "").split(" ").filter(Boolean);
  const li = text => Object.assign(document.createElement("li"), { textContent: text });
  const remembering = () => Boolean(window.ozFields?.remembering());
  const count = n => n + NBSP + setup.words.days[engine.plural(n)];
  const dayWithWeekday = iso => setup.words.weekdays[engine.weekday(engine.dayNumber(iso))] + " " + ru(iso);

  /** All cases {version, items: {id: {opened, events, at}}}: stored, or this visit's — the stored ones still while
   *  there are none of this visit (the browser refusing a write stops remembering: the case shown stays). */
  function cases() {
    return (!remembering() && unsaved) || storage.read(storage.CASES, storage.CASE_SPEC) || { version: 1, items: {} };
  }

  /** [id, item] of the active case (an empty one until something is logged). */
  function active() {
    const id = storage.activeCase();
    const item = cases().items[id] || { opened: new Date(0).toISOString(), events: {}, at: null };
    return [id, structuredClone(item)];
  }

  /** A time later than every case's "opened" (a clock may stand still or go back): the next active case's. */
  function later() {
    const times = Object.values(cases().items).map(item => Date.parse(item.opened));
    return new Date(Math.max(Date.now(), ...times.map(t => t + 1))).toISOString();
  }

  /** Keep one case: merged with other tabs' cases, or for this visit only. */
  function save(id, item) {
    item.at = new Date().toISOString();
    if (remembering()) storage.update(storage.CASES, storage.CASE_SPEC, { [id]: item });
    else (unsaved ||= { version: 1, items: {} }).items[id] = item;
  }

  /** Before the active case's events become these: the letters' date fields they fill in (an event's option has
   *  data-fills) get the earliest date of their events (none left: emptied), where they are empty or still hold the
   *  date the events gave before (never one the reader typed). The letters of the case on every page then have it,
   *  this tab's too (a letter reached by instant navigation). Only while the reader keeps data. */
  function intoLetters(events) {
    const before = active()[1].events;
    const stored = storage.read(storage.LETTERS, storage.LETTERS_SPEC)?.items || {};
    const first = (all, field) => $$(`[data-fills="${field}"]`).map(o => all[o.value]).filter(Boolean).sort()[0] || "";
    for (const field of new Set($$("[data-fills]").map(o => o.dataset.fills))) {
      const id = storage.inCase(field);
      const now = stored[id]?.value || "";
      const date = first(events, field);
      if (remembering() && date !== now && (!now || now === first(before, field))) {
        storage.update(storage.LETTERS, storage.LETTERS_SPEC, { [id]: { value: date, at: new Date().toISOString() } });
        window.ozFields.follow(); // no storage event in this tab
      }
    }
  }

  /** A usable order field value from the order form on this page ("" when empty or invalid). */
  function value(field) {
    const input = $(`[data-case-order] [data-field="${field}"]:is([type=radio]:checked,:not([type=radio]))`);
    return input && input.getAttribute("aria-invalid") !== "true" ? input.value.trim() : "";
  }

  /** Whether the order's answer to a choice field fits data-when="<field>=<a>|<b>" (no condition: it does). */
  function fits(when) {
    if (!when) return true;
    const [field, options] = when.split("=");
    return options.split("|").includes(value(field));
  }

  /** Every term that has started: {el, id, start, days, end (engine.termEnd), stop (date it was done), by (the
   *  event that did it: the earliest of its stops), left}. */
  function terms(events, today) {
    const found = [];
    for (const el of $$("[data-case-term]")) {
      const data = el.dataset;
      if (!fits(data.when)) continue;
      const start = list(data.from).map(s => (s.startsWith("order:") ? value(s.slice(6)) : events[s]))
        .filter(Boolean).sort()[0]; // the earliest start counts
      if (!start) continue;
      const days = Number(data.days);
      const counting = { calendar: setup.calendar, shift: data.shift === "true" };
      try {
        // A term that ends on a date itself (days 0): one day from the day before, so ст. 193 can move it.
        const end = days ? engine.termEnd(start, days, counting)
          : engine.termEnd(engine.isoDate(engine.dayNumber(start) - 1), 1, counting);
        const [stop, by] = list(data.stops).filter(s => events[s]).map(s => [events[s], s]).sort()[0] || [];
        found.push({ el, id: data.caseTerm, start, days, end, stop, by, left: engine.daysLeft(end.legalEnd, today) });
      } catch {
        // a date the engine does not take (out of its years): the term is not shown
      }
    }
    return found;
  }

  /** How a term was counted, in the page's words. */
  function how(term) {
    const words = term.days ? setup.words
      : { ...setup.words, shifted: root.dataset.explainDateShifted, unshifted: root.dataset.explainDate };
    return engine.explainText(engine.explain(term.end), words);
  }

  /** [state, text] of a term: done (kept or late), days left, the last day, or overdue. */
  function status(term) {
    const data = root.dataset;
    if (term.stop) {
      const kept = term.stop <= term.end.legalEnd;
      return [kept ? "kept" : "late", fill(term.el.getAttribute("data-done-" + term.by) || (kept ? data.kept : data.late), { date: ru(term.stop) })];
    }
    if (term.left > 0) return ["left", fill(data.left, { n: count(term.left) })];
    if (term.left === 0) return ["last", data.last];
    return ["over", fill(data.over, { n: count(-term.left) })];
  }

  /** Fill the [data-v=name] parts under el with text. */
  function put(el, values) {
    for (const part of $$("[data-v]", el)) if (part.dataset.v in values) part.textContent = values[part.dataset.v];
  }

  /** Show the first action whose conditions hold (data/case.yml, actions); byId: the terms found, by id. */
  function renderAction(events, byId, today) {
    const delivery = byId.delivery; // the promised date's term (data/case.yml): the delay counts from it
    let shownOne = false;
    for (const el of $$("[data-case-action]")) {
      const data = el.dataset;
      let values = {};
      let holds = !shownOne && fits(data.when) && list(data.if).every(e => events[e]) &&
        !list(data.unless).some(e => events[e]);
      if (holds && data.term) {
        const [id, state] = list(data.term);
        const term = byId[id];
        holds = term && !term.stop && (state === "running") === (term.left >= 0);
        if (holds) {
          values = {
            day: engine.dayNumber(today) - engine.dayNumber(term.start), days: term.days,
            end: dayWithWeekday(term.end.legalEnd), late: count(-term.left),
          };
        }
      }
      if (holds && "delay" in data) {
        holds = delivery && !delivery.stop && delivery.left < 0;
        if (holds) values.late = count(-delivery.left);
      }
      el.hidden = !holds;
      if (holds) put(el, values);
      shownOne ||= holds;
    }
  }

  /** The penalty (ЗоЗПП ст. 23.1 п. 3) from the day after the promised date (the term `delivery`: never a new date
   *  the reader set) to the refund, the hand-over or today. */
  function renderPenalty(delivery, today) {
    const kop = window.ozFields.kopecks(value("amount"));
    const until = delivery?.stop < today ? delivery.stop : today;
    const result = delivery && kop > 0 &&
      engine.penalty({ prepaymentKopecks: kop, lastDayOfTerm: delivery.end.legalEnd, until, rate: setup.rate });
    const box = $("[data-case-penalty]");
    box.hidden = !result?.days; // none before the day after the term (not late yet, or handed / paid in time)
    $("[data-case-penalty-missing]").hidden = !!result;
    $("[data-case-penalty-none]").hidden = !box.hidden || !result;
    if (box.hidden) return;
    const roubles = window.ozFields.roubles;
    put(box, {
      until: ru(until), sum: roubles(result.kopecks), amount: roubles(kop), from: ru(result.from),
      days: count(result.days), how: how(delivery),
    });
    $("[data-v=capped]", box).hidden = !result.capped;
  }

  /** A case's name in the page's words: its order number, else its position in the list. */
  function caseName(id, index) {
    const number = storage.orderNumber(id);
    return fill(number ? root.dataset.named : root.dataset.unnamed, { n: number || index + 1 });
  }

  /** The case list for switching: labelled by order number (from the fields' stored values). */
  function renderPicker(all, caseId) {
    const many = remembering();
    $("[data-case-many]").hidden = !many;
    $("[data-case-single]").hidden = many;
    if (!many) return;
    const ids = Object.keys(all.items);
    if (!ids.includes(caseId)) ids.unshift(caseId);
    const select = $("[data-case-select]");
    select.replaceChildren(...ids.map((id, index) => new Option(caseName(id, index), id)));
    select.value = caseId;
  }

  /** The timeline, the letters sent and the order data of the case file. */
  function renderRecord(events) {
    const label = id => $(`[data-case-event] option[value="${id}"]`);
    const logged = Object.entries(events).filter(([id]) => label(id)).sort((a, b) => a[1].localeCompare(b[1]));
    const row = $("[data-case-row]").content;
    $("[data-case-timeline]").replaceChildren(...logged.map(([id, day]) => {
      const entry = row.firstElementChild.cloneNode(true);
      $("time", entry).textContent = ru(day);
      $("time", entry).dateTime = day;
      $("[data-v=label]", entry).textContent = label(id).textContent;
      $("[data-case-do=remove]", entry).value = id;
      return entry;
    }));
    $("[data-case-empty]").hidden = logged.length > 0;
    // Dates that contradict each other (data-after: events that cannot come later), e.g. received before sent.
    const warnings = $("[data-case-warnings]");
    warnings.replaceChildren(...logged.flatMap(([id, day]) => list(label(id).dataset.after)
      .filter(before => events[before] > day)
      .map(before => li(fill(warnings.dataset.text, { event: label(id).text, before: label(before).text })))));
    $("[data-case-letters]").replaceChildren(...logged.filter(([id]) => label(id).dataset.letter)
      .map(([id, day]) => li(`${ru(day)} — ${label(id).textContent} (${label(id).dataset.letter})`)));
    for (const dd of $$("[data-case-field]")) {
      const input = $(`[data-case-order] [data-field="${dd.dataset.caseField}"]:is(:checked,:not([type=radio]))`);
      const text = value(dd.dataset.caseField);
      dd.textContent = !text ? "—" : input.type === "radio" ? input.parentElement.textContent.trim()
        : input.type === "date" ? ru(text) : text;
    }
  }

  /** Show everything for the active case. */
  function render() {
    if (!root?.isConnected) return;
    setup = engine.page();
    const today = engine.today();
    const all = cases();
    const [caseId, item] = active();
    shown = [caseId, item];
    const found = terms(item.events, today);
    for (const term of found) {
      const [state, text] = status(term);
      term.el.className = "oz-case__term is-" + state;
      put(term.el, { end: dayWithWeekday(term.end.legalEnd), status: text, how: how(term) });
    }
    for (const el of $$("[data-case-term]")) el.hidden = !found.some(t => t.el === el);
    $("[data-case-no-terms]").hidden = found.length > 0;
    $(".oz-case__ics").hidden = !found.some(t => !t.stop && t.left >= 0); // nothing to put in a calendar
    const byId = Object.fromEntries(found.map(t => [t.id, t]));
    renderAction(item.events, byId, today);
    renderPenalty(byId.delivery, today);
    renderPicker(all, caseId);
    renderRecord(item.events);
    put($(".oz-case__file"), { today: ru(today) });
  }

  /** Show a message (data-<name> of a [data-case-message]: imported, rejected, replaced, limit, deleted) where the
   *  page has it; the other messages are cleared. */
  function say(name, values = {}) {
    for (const message of $$("[data-case-message]")) message.textContent = fill(message.dataset[name] || "", values);
  }

  /** The active case changed here: the order fields (with its payment pick), the case file's ticks and this page
   *  follow; old messages go. */
  function follow() {
    say("");
    window.ozFields?.follow();
    window.ozTicks?.(); // the case file's ticks (components/ticks/)
    render();
  }

  /** The tools kept for first use (tools.later.js: the calendar file, export, import, delete), loaded once per visit:
   *  hooks/assets.py serves them as assets/later.<hash>.js, named by data-later-case on the page's script. Resolves
   *  when they have run; rejects when they cannot be loaded (no signal, and no offline copy yet). */
  function loadTools() {
    return (loading ||= new Promise((resolve, reject) => {
      const script = document.createElement("script");
      script.src = document.querySelector("script[data-later-case]")?.getAttribute("data-later-case");
      script.onload = resolve;
      script.onerror = () => {
        loading = null; // the next tap tries again
        script.remove();
        reject(); // tool() only needs to know
      };
      document.head.append(script);
    }));
  }

  /** Run one of the tools for the button or file input el; when they cannot be loaded, say so in el's section. A tap
   *  while they load is let go: run twice, a delete would ask about the next case and delete it too. */
  async function tool(name, el) {
    if (waiting) return;
    waiting = true;
    const message = el.closest("section").querySelector("[data-case-message]");
    message.textContent = root.dataset.loading; // a weak signal: the tap is heard (a loaded file answers at once)
    const loaded = await loadTools().then(() => true, () => false);
    waiting = false;
    message.textContent = "";
    if (loaded) return window.ozCase.tools[name](el);
    say("");
    el.value = ""; // a file input: the same file chosen again must be a "change"
    message.textContent = root.dataset.unloaded;
  }

  /** «Запомнить» is on (ticked here, or in another tab, as the order fields follow it): this visit's cases are
   *  stored, where the stored ones have no case of that id, and their events' dates go into the letters. */
  function keepUnsaved() {
    if (!remembering() || !unsaved) return;
    for (const id in cases().items) delete unsaved.items[id];
    storage.update(storage.CASES, storage.CASE_SPEC, unsaved.items, true);
    unsaved = null;
    intoLetters(active()[1].events);
  }

  /** What each button does. */
  const ACTIONS = {
    add() {
      const input = $("[data-case-date]");
      const error = $("[data-case-error]");
      const ok = storage.isDay(input.value) && input.value <= engine.today(); // it has happened
      error.textContent = ok ? "" : error.dataset.message;
      input.setAttribute("aria-invalid", !ok);
      if (!ok) return;
      const [id, item] = active();
      const event = $("[data-case-event]").selectedOptions[0];
      const before = item.events[event.value];
      item.events[event.value] = input.value;
      intoLetters(item.events);
      save(id, item);
      render();
      say(before && before !== input.value ? "replaced" : "", { event: event.textContent, date: ru(before || "") });
    },
    remove(button) {
      const [id, item] = active();
      delete item.events[button.value];
      intoLetters(item.events);
      save(id, item);
      render();
    },
    new() {
      const [id, item] = active();
      if (Object.keys(cases().items).length >= +root.dataset.max) return say("limit");
      save(id, item); // the current case joins the list (its opened time stays older)
      save("delo-" + Date.now().toString(36) + Math.random().toString(36).slice(2, 6), { opened: later(), events: {} });
      follow();
    },
    ics: button => tool("ics", button),
    print: () => window.print(),
    export: button => tool("export", button),
    delete: button => tool("delete", button),
    import() {
      if (window.confirm($("[data-confirm-import]").dataset.confirmImport)) $("[data-case-file-input]").click();
    },
  };

  /** Bind the root's controls, once. */
  function bind() {
    root.addEventListener("click", event => {
      const button = event.target.closest("button");
      const name = button?.dataset.caseDo;
      if (name) ACTIONS[name](button);
      else if (button?.hasAttribute("data-fields-erase")) {
        // fields.js has erased the order fields and the cases; the ticks go too, in this and every other tab
        unsaved = null;
        storage.remove(storage.CHECKLISTS);
        follow();
      }
    });
    root.addEventListener("change", event => {
      const el = event.target;
      if (el.matches("[data-case-select]")) {
        const item = cases().items[el.value];
        if (item) save(el.value, { ...item, opened: later() });
        follow();
      } else if (el.matches("[data-case-file-input]") && el.files.length) {
        tool("import", el);
      } else if (el.matches("[data-fields-remember]")) {
        // One consent (the fields'): on — keep this visit's case; off — fields.js removed the cases from the
        // device, the page keeps the one shown (with the order fields still on the page) for this visit.
        keepUnsaved();
        if (!remembering()) unsaved = { version: 1, items: { [storage.activeCase()]: shown[1] } };
        render();
      } else if (el.closest("[data-case-order]")) {
        render();
      }
    });
    root.addEventListener("input", event => {
      if (event.target.closest("[data-case-order]")) render();
    });
  }

  /** Set up the page (runs on each page view). */
  function start() {
    engine = window.ozDeadlines;
    root = document.querySelector("[data-oz-case]");
    // What this page needs (requires: in page-scoped) runs first on a full load; on an instant navigation the
    // scripts may arrive in any order: start again when the last of them announces itself ("oz-ready").
    if (!root || !engine || !window.ozFields) return;
    if (!ready.has(root)) {
      ready.add(root);
      bind();
      const date = $("[data-case-date]");
      date.max = engine.today(); // events have happened: the date picker stops at today
      date.value ||= date.max; // a date typed before this script started stays
    }
    $("[data-case-nojs]").hidden = true;
    $("[data-case-js]").hidden = false;
    render();
  }

  // What the tools for first use (tools.later.js) share with this script; they add `tools` and `calendarFile`.
  window.ozCase = {
    render, active, cases, value, terms, how, count, fill, list, say, follow, loadTools, forget: () => (unsaved = null),
  };
  document.addEventListener("oz-ready", start);
  storage = window.ozStorage; // the core bundle runs first (page-scoped scripts are deferred)
  storage.subscribe(storage.CASES, storage.CASE_SPEC, render);
  // The case list names cases by order number; another tab may have switched «Запомнить» on.
  storage.subscribe(storage.LETTERS, storage.LETTERS_SPEC, () => {
    keepUnsaved();
    render();
  });
  window.ozOnPage(start); // components/base/base.js
})();
