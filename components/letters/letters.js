/**
 * Fill-in letters and the deadline calculator. Contract (root attribute, data attributes, storage): README.md here.
 * Roots: [data-oz-letters] on each letter (letter.html), the calculator (calculator.html) and the remember/erase
 * block (letter_privacy.html). Inputs with the same data-field share one value on every page of the visit.
 * Every text a reader sees comes from the HTML; values are inserted as text, never as HTML.
 */
(() => {
  if (window.ozLetters) return;

  const NBSP = "\u00a0";
  const storage = window.ozStorage;
  const KEY = storage.LETTERS;
  const values = {}; // field id -> what the reader typed (ids are checked slugs)
  const defaults = new Set(); // fields filled with a default (today's date): never stored
  const templates = new WeakMap(); // letter text element -> its untouched template
  const ready = new WeakSet(); // roots already set up
  let remember = false; // «Запомнить на этом устройстве»
  let loaded = false; // the stored values have been read

  /** Items are {"<case>/<field id>": {"value": "<text>", "at"}}: one set of values per case of «Моё дело»; the page
   *  shows the active case's. The spec lives in storage.js (pages without letters name cases by order number). */
  const FORMAT = storage.LETTERS_SPEC;

  /** Every element matching selector on the page. */
  function all(selector) {
    return [...document.querySelectorAll(selector)];
  }

  /** A text or number the templates give the script: data-<name> on the letter and calculator roots. */
  function setting(name) {
    return document.querySelector(`[data-oz-letters][data-${name}]`)?.getAttribute("data-" + name) || "";
  }

  /** "YYYY-MM-DD" -> "ДД.ММ.ГГГГ"; "" when unknown. */
  function russianDate(text) {
    return text ? text.split("-").reverse().join(".") : "";
  }

  /** Today's local calendar date as "YYYY-MM-DD" (the local clock shifted to UTC). */
  function today() {
    const now = new Date();
    return new Date(now - now.getTimezoneOffset() * 60000).toISOString().slice(0, 10);
  }

  /** Typed amount -> kopecks ("12 345,67", "12345.6 ₽"); NaN unless 0 ≤ amount < 10⁹ with at most 2 decimals. */
  function kopecks(text) {
    const plain = text.replace(/[\s₽]/g, "").replace(",", ".");
    return /^\d{1,9}(\.\d\d?)?$/.test(plain) ? Math.round(plain * 100) : NaN;
  }

  /** Kopecks -> "12 345,67 ₽" (the sign from the HTML); "" when unknown. */
  function roubles(kop) {
    if (!isFinite(kop)) return "";
    const whole = String(Math.floor(kop / 100)).replace(/\B(?=(\d{3})+$)/g, NBSP);
    const part = kop % 100 ? "," + String(kop % 100).padStart(2, "0") : "";
    return whole + part + NBSP + setting("rouble");
  }

  /** A number of days with its word in the right form ("1 день", "2 дня", "5 дней"; words from the HTML). */
  function dayCount(n) {
    if (!isFinite(n)) return "";
    return n + NBSP + setting("days-" + new Intl.PluralRules("ru").select(n)); // one, few or many
  }

  // Deadlines and the penalty come from the deadline engine (window.ozDeadlines, components/deadlines/), which
  // the pages that count them load (front matter scripts: [deadlines]); without it they stay blank.

  /** engine.fn(...args) with the page's calendar and rate, or null when the engine is absent or refuses the input. */
  function count(fn) {
    const engine = window.ozDeadlines;
    const page = engine && engine.page();
    try {
      return page ? fn(engine, page) : null;
    } catch {
      return null; // an unusable date or amount: the engine throws, the letter shows the blank
    }
  }

  /** The term of n days after start (n = 0: the date itself), moved off a non-working day unless shift is false. */
  function term(start, n, shift = true) {
    return count((e, page) => e.termEnd(start, Number(n || 0), { calendar: page.calendar, shift }));
  }

  /** The delay and the penalty on asOf: from the day after the promised date, itself moved off a non-working day
   *  (ст. 193 ГК) -> {from, days, kopecks, capped} or null. */
  function delay(amount, promised, asOf) {
    const end = term(promised, 0);
    return end && count((e, page) => e.penalty({
      prepaymentKopecks: kopecks(amount), lastDayOfTerm: end.legalEnd, until: asOf, rate: page.rate,
    }));
  }

  /** How a term was counted, in the engine's words; `words` overrides some of them (the letters' templates). */
  function how(found, words) {
    return found ? count((e, page) => e.explainText(e.explain(found), { ...page.words, ...words })) || "" : "";
  }

  /** Price of the claim in kopecks: the prepayment, the penalty on the filing date and the losses (empty = 0). */
  function claimKopecks(amount, promised, filed, losses) {
    const late = delay(amount, promised, filed);
    return late ? kopecks(amount) + late.kopecks + (losses ? kopecks(losses) : 0) : NaN;
  }

  /** Words from the HTML for a claim price: data-<below> up to data-<limit> roubles, else data-<above>; "" while
   *  the price is unknown. */
  function byPrice(kop, limit, below, above) {
    if (!isFinite(kop)) return "";
    return setting(kop <= Number(setting(limit)) * 100 ? below : above);
  }

  /** Computed values, by the names in calculations.json (data-fn in the HTML); inputs are field texts, n the days. */
  const calc = {
    delay: (promised, asOf) => dayCount(delay("0", promised, asOf)?.days),
    penalty: (amount, promised, asOf) => roubles(delay(amount, promised, asOf)?.kopecks),
    daily: amount => roubles(count((e, page) => e.penaltyPerDay(kopecks(amount), page.rate)) ?? NaN),
    plus: (start, n) => russianDate(term(start, n, false)?.legalEnd),
    term: (start, n) => russianDate(term(start, n)?.legalEnd),
    plushow: (start, n) => how(term(start, n, false)),
    termhow: (start, n) => how(term(start, n)),
    /** For letters: the legal last day, with the calendar date and why it moved (words: data-term-letter-*). */
    termletter: (start, n) => how(term(start, n), {
      shifted: setting("term-letter-shifted"), dateShifted: setting("term-letter-shifted"),
      unshifted: setting("term-letter"), dateUnshifted: setting("term-letter"), fixed: setting("term-letter"),
      uncovered: "",
    }),
    claimprice: (amount, promised, filed, losses) => roubles(claimKopecks(amount, promised, filed, losses)),
    court: (amount, promised, filed, losses) =>
      byPrice(claimKopecks(amount, promised, filed, losses), "magistrate-limit", "court-magistrate", "court-district"),
    fee: (amount, promised, filed, losses) =>
      byPrice(claimKopecks(amount, promised, filed, losses), "no-fee-limit", "fee-none", "fee-due"),
  };

  /** What is wrong with a field's value: true when it is filled in but not usable (the message is in the HTML). */
  function isInvalid(field) {
    const value = (values[field] || "").trim();
    const input = document.querySelector(`[data-field="${field}"]`);
    if (!value || !input) return false;
    if (input.type === "date") return !storage.isDay(value) || value < input.min || value > input.max;
    return input.inputMode === "decimal" && isNaN(kopecks(value));
  }

  /** A field's value if it is usable, else "". */
  function usable(field) {
    return isInvalid(field) ? "" : (values[field] || "").trim();
  }

  /** The text of one placeholder (data-f, data-t, or computed: data-fn, data-from, data-n); "" when unfilled. */
  function slotText(slot, root) {
    const { f: field, t: type, fn, from, n } = slot.dataset;
    if (fn) return calc[fn](...from.split(" ").map(usable), n);
    const value = usable(field);
    if (!value) return "";
    if (type === "date") return russianDate(value);
    if (type === "money") return roubles(kopecks(value));
    if (type === "choice") {
      return root.querySelector(`[data-field="${field}"][value="${CSS.escape(value)}"]`)?.dataset.text || "";
    }
    return value;
  }

  /** Whether a condition holds: data-if="field" (filled in) or "field=option". */
  function holds(test) {
    const [field, option] = test.split("=");
    return option ? usable(field) === option : Boolean(usable(field));
  }

  /** Rebuild one letter text from its template; collect the blanks of unfilled placeholders in gaps. */
  function renderText(el, root, gaps) {
    if (!templates.has(el)) templates.set(el, el.cloneNode(true));
    const parts = [];
    const walk = node => {
      for (const child of node.childNodes) {
        if (child.nodeType === Node.TEXT_NODE) {
          parts.push(child.data);
        } else if (child.dataset.if) {
          const branch = child.children[holds(child.dataset.if) ? 0 : 1];
          if (branch) walk(branch);
        } else if (child.dataset.f) {
          const text = slotText(child, root);
          if (text) {
            parts.push(text);
          } else {
            const mark = document.createElement("mark");
            mark.textContent = child.textContent;
            gaps.add(child.textContent);
            parts.push(mark);
          }
        } // anything else (.oz-l__cond) is a note for readers without JavaScript
      }
    };
    walk(templates.get(el));
    el.replaceChildren(...parts);
    el.dataset.copy = el.textContent.trimEnd(); // for the download (and tests): exactly the visible text
  }

  /** Re-render every letter (and the calculator) on the page: a few milliseconds with fields at their maxlength. */
  function renderLetters() {
    for (const root of all("[data-letter]")) {
      const gaps = new Set();
      for (const el of root.querySelectorAll("[data-letter-text]")) renderText(el, root, gaps);
      const status = root.querySelector("[data-letter-status]");
      if (!status) continue;
      const message = gaps.size ? status.dataset.gaps + [...gaps].join(", ") : status.dataset.done;
      if (status.textContent !== message) status.textContent = message;
    }
  }

  /** Show a field's value in all its inputs and its error message if it is invalid. */
  function renderField(field) {
    const value = values[field] || "";
    const invalid = isInvalid(field);
    for (const input of all(`[data-field="${field}"]`)) {
      if (input.type === "radio") input.checked = input.value === value;
      else if (input.value !== value) input.value = value;
      const error = document.getElementById(input.id + "-e");
      if (!error) continue;
      // Empty while valid, so that aria-describedby reads nothing then.
      error.textContent = invalid ? error.dataset.message : "";
      input.setAttribute("aria-invalid", invalid);
    }
  }

  /** Show the state of everything: fields, letters, the remember boxes. */
  function renderAll() {
    for (const input of all("[data-field]")) renderField(input.dataset.field);
    renderLetters();
    for (const box of all("[data-letters-remember]")) box.checked = remember;
  }

  /** Show one of the privacy notices (data-on, data-off, data-fail, data-erased, data-erased-fail). */
  function note(name) {
    for (const el of all("[data-letters-note]")) el.textContent = el.dataset[name];
  }

  /** Fill empty fields with their defaults: today's date, the pre-selected option. */
  /** The form shows from the first paint (components/base/README.md): keep what the reader typed before this
   *  script started, instead of overwriting it with the stored values. */
  function keepTyped() {
    for (const input of all("[data-oz-letters] [data-field]")) {
      const changed = input.type === "radio" ? input.checked && !input.defaultChecked : input.value !== input.defaultValue;
      if (!changed || !input.value) continue;
      values[input.dataset.field] = input.value;
      save(input.dataset.field);
    }
  }

  function applyDefaults() {
    for (const input of all("[data-today]")) {
      defaults.add(input.dataset.field);
      values[input.dataset.field] ||= today();
    }
    for (const input of all("[data-field][checked]")) values[input.dataset.field] ||= input.value;
  }

  /** The reader's own values, as stored items. */
  function storedItems() {
    const items = {};
    const at = new Date().toISOString();
    for (const field of Object.keys(values)) {
      if (values[field] && !defaults.has(field)) items[storage.inCase(field)] = { value: values[field], at };
    }
    return items;
  }

  /** Stop remembering because the browser refuses. */
  function refused() {
    remember = false;
    note("fail");
    renderAll();
  }

  /** Store one field (merged with other tabs' fields) if the reader asked us to remember. */
  function save(field) {
    if (!remember || defaults.has(field)) return;
    const item = { value: values[field], at: new Date().toISOString() };
    if (!storage.update(KEY, FORMAT, { [storage.inCase(field)]: item })) {
      refused();
    }
  }

  /** «Запомнить на этом устройстве» switched on (store everything typed so far) or off (delete it). */
  function setRemember(on) {
    remember = on;
    if (!on) {
      storage.remove(KEY);
      storage.remove(storage.CASES); // one consent: the cases of «Моё дело» go with it
      note("off");
    } else if (storage.write(KEY, { version: FORMAT.version, items: storedItems() }, true)) {
      note("on");
    } else {
      return refused();
    }
    renderAll();
  }

  /** Forget the values typed on this page (all, or only those that are stored), then put the defaults back. */
  function clearValues(storedOnly) {
    for (const field of Object.keys(values)) if (!storedOnly || !defaults.has(field)) delete values[field];
    applyDefaults();
  }

  /** «Стереть мои данные»: clear the page and the device; other open tabs stop storing. */
  function erase() {
    clearValues();
    remember = false;
    note(storage.remove(KEY) && storage.remove(storage.CASES) ? "erased" : "erasedFail");
    renderAll();
  }

  /** Another tab changed the stored values (this tab follows), or erased them or switched remembering off (this
   *  tab stops storing; what it shows stays until the reader erases it here too). */
  function onOtherTab(stored) {
    if (stored && remember) clearValues(true);
    load(stored);
    remember = Boolean(stored);
    renderAll();
  }

  /** Take the active case's stored values. */
  function load(stored) {
    const mine = storage.inCase("");
    for (const [id, item] of Object.entries(stored ? stored.items : {})) {
      if (id.startsWith(mine)) values[id.slice(mine.length)] = item.value;
    }
  }

  /** Bind one root's controls, once. */
  function init(root) {
    if (ready.has(root)) return;
    ready.add(root);
    root.addEventListener("input", event => {
      const field = event.target.dataset.field;
      if (!field) return;
      values[field] = event.target.value;
      save(field);
      renderField(field);
      renderLetters();
    });
    root.addEventListener("change", event => {
      if (event.target.matches("[data-letters-remember]")) setRemember(event.target.checked);
    });
    root.addEventListener("click", event => {
      const button = event.target.closest("button");
      if (!button) return;
      if (button.dataset.letterDownload) {
        const text = root.querySelector("[data-letter-text]").dataset.copy;
        storage.saveFile(button.dataset.letterDownload, text, "text/plain;charset=utf-8");
      }
      else if (button.hasAttribute("data-letter-print")) {
        root.classList.add("oz-l--print");
        window.print();
      } else if (button.hasAttribute("data-letters-erase")) {
        erase();
      }
    });
  }

  /** Set up every letter and calculator on the current page (runs on each page view). */
  function start() {
    const roots = all("[data-oz-letters]");
    if (!roots.length) return;
    if (!loaded) {
      // What the reader asked us to remember: read once per visit, on the first page with letters.
      const stored = storage.read(KEY, FORMAT);
      remember = Boolean(stored);
      load(stored);
      loaded = true;
    }
    roots.forEach(init);
    keepTyped();
    applyDefaults();
    for (const el of all("[data-letters-js],[data-letters-nojs]")) el.hidden = el.hasAttribute("data-letters-nojs");
    renderAll();
  }

  window.ozLetters = {
    kopecks, roubles, dayCount, calc, KEY, FORMAT,
    remembering: () => remember,
    /** The active case changed in this tab (or an import stored values): show its values. */
    follow: () => onOtherTab(storage.read(KEY, FORMAT)),
  };
  storage.subscribe(KEY, FORMAT, onOtherTab);
  document.addEventListener("oz-ready", event => event.detail === "deadlines" && renderLetters()); // engine came later
  addEventListener("afterprint", () => all(".oz-l--print").forEach(el => el.classList.remove("oz-l--print")));
  window.ozOnPage(start); // components/base/base.js
  document.dispatchEvent(new CustomEvent("oz-ready", { detail: "letters" }));
})();
