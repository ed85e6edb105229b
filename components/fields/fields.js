/**
 * The reader's order fields, shared by every form of the site: the letters, the calculator, the replies' form and
 * «Моё дело». Contract (roots, data attributes, storage): README.md here. Roots: [data-oz-fields] on each form and
 * on the remember / erase block (privacy.html). Inputs with the same data-field share one value on every page of
 * the visit; they are stored (one set per case of «Моё дело») only after «Запомнить на этом устройстве».
 * Scripts that show the values (letters.js) hear of every change through the document event "oz-fields".
 * Every text a reader sees comes from the HTML.
 */
(() => {
  if (window.ozFields) return;

  const storage = window.ozStorage;
  // The letters' key and spec (storage.js): the fields were the letters' before they were shared, the data is the same.
  const KEY = storage.LETTERS;
  const FORMAT = storage.LETTERS_SPEC;
  const MAX_TEXT = 2000; // the longest value any field takes (the textarea's maxlength, fields.html)
  // The payment method is also the route's pick (components/route/: «Как вы платили?» on the bank step), kept per case
  // without asking (ozStorage.ROUTE): every form shows the case's latest pick, wherever the reader made it.
  const PICK = "pay-method";
  const ROUTE = [storage.ROUTE, storage.ROUTE_SPEC];
  const values = {}; // field id -> what the reader typed (ids are checked slugs)
  const defaults = new Set(); // fields filled with a default (today's date): never stored
  // The reader's own values: the fields typed here or read from the store, never an untouched default (a radio's
  // pre-selected option would otherwise be stored as the reader's answer, and beat their pick in another tab).
  // Stored when «Запомнить» is switched on, here or in another tab.
  const typed = new Set();
  let remember = false; // «Запомнить на этом устройстве»
  let loaded = false; // the stored values have been read


  /** Typed amount -> kopecks ("12 345,67", "12345.6 ₽"); NaN unless 0 ≤ amount < 10⁹ with at most 2 decimals. */
  function kopecks(text) {
    const plain = text.replace(/[\s₽]/g, "").replace(",", ".");
    return /^\d{1,9}(\.\d\d?)?$/.test(plain) ? Math.round(plain * 100) : NaN;
  }

  /** Kopecks -> "12 345,67 ₽" (the sign: data-rouble of the page's fields roots); "" when unknown. */
  function roubles(kop) {
    if (!isFinite(kop)) return "";
    const number = (kop / 100).toFixed(kop % 100 ? 2 : 0).replace(".", ",").replace(/\B(?=(\d{3})+\b)/g, "\u00a0");
    return number + "\u00a0" + (document.querySelector("[data-rouble]")?.dataset.rouble || "");
  }

  /** A field's trimmed value if it is usable, else "". Its first input tells the type: a date input takes the days
   *  isDay accepts (its min and max, fields.html, are the same years), a money input what kopecks() reads. */
  function usable(field) {
    const value = (values[field] || "").trim();
    const input = document.querySelector(`[data-field="${field}"]`) || {};
    const bad = input.type === "date" ? !storage.isDay(value) : input.inputMode === "decimal" && isNaN(kopecks(value));
    return bad ? "" : value;
  }

  /** Show every input's value (an unusable one with its error message) and the remember boxes; the scripts that
   *  show texts made of the values (letters.js) follow through "oz-fields". */
  function render() {
    for (const input of document.querySelectorAll("[data-field]")) {
      const value = values[input.dataset.field] || "";
      if (input.type === "radio") input.checked = input.value === value;
      else if (input.value !== value) input.value = value;
      const error = document.getElementById(input.id + "-e");
      if (!error) continue;
      const invalid = usable(input.dataset.field) !== value.trim(); // filled in, but not usable
      // Empty while valid, so that aria-describedby reads nothing then.
      error.textContent = invalid ? error.dataset.message : "";
      input.setAttribute("aria-invalid", invalid);
    }
    for (const box of document.querySelectorAll("[data-fields-remember]")) box.checked = remember;
    document.dispatchEvent(new Event("oz-fields"));
  }

  /** Remember on or off, one of the privacy notices (data-on, -off, -fail, -erased, -erased-fail), then render. */
  function settle(on, notice) {
    remember = on;
    for (const el of document.querySelectorAll("[data-fields-note]")) el.textContent = el.dataset[notice];
    render();
  }

  /** Fill empty fields with their defaults: today's local date, the pre-selected option. */
  function applyDefaults() {
    const now = new Date();
    const today = new Date(now - now.getTimezoneOffset() * 60000).toISOString().slice(0, 10);
    for (const input of document.querySelectorAll("[data-today]")) {
      defaults.add(input.dataset.field);
      values[input.dataset.field] ||= today;
    }
    for (const input of document.querySelectorAll("[data-field][checked]")) values[input.dataset.field] ||= input.value;
  }

  /** The active case's pick as its payment method (a method id: the route's options are the field's). */
  function applyPick() {
    const pick = storage.read(...ROUTE)?.items[storage.inCase(PICK)];
    if (pick) values[PICK] = pick.value;
  }

  /** The reader's own values (typed, or read from the store; not today's date), as stored items. */
  function storedItems() {
    const items = {};
    const at = new Date().toISOString();
    for (const field of typed) {
      if (values[field] && !defaults.has(field)) items[storage.inCase(field)] = { value: values[field], at };
    }
    return items;
  }

  /** Store items, merged with other tabs' (storage.js); the browser refusing turns remembering off. */
  function store(items) {
    if (!storage.update(KEY, FORMAT, items)) settle(false, "fail");
  }

  /** What the reader typed into an input: its field's value, stored if the reader asked us to remember. */
  function take(input) {
    const field = input.dataset.field;
    values[field] = input.value;
    typed.add(field);
    const changes = { [storage.inCase(field)]: { value: input.value, at: new Date().toISOString() } };
    if (field === PICK) storage.update(...ROUTE, changes);
    // Also an emptied field: the stored value goes (storedItems leaves empty ones out).
    if (remember && !defaults.has(field)) store(changes);
  }

  /** «Запомнить на этом устройстве» switched on (store everything typed so far) or off (delete it, and the cases of
   *  «Моё дело» with it: one consent). */
  function setRemember(on) {
    if (!on) {
      storage.remove(KEY);
      storage.remove(storage.CASES);
      settle(false, "off");
    } else if (storage.write(KEY, { version: FORMAT.version, items: storedItems() }, true)) {
      settle(true, "on");
    } else {
      settle(false, "fail");
    }
  }

  /** Forget the values typed on this page (all, or only those that are stored), then put the defaults back. */
  function clearValues(storedOnly) {
    for (const field of Object.keys(values)) if (!storedOnly || !defaults.has(field)) delete values[field];
    applyDefaults();
  }

  /** Take the active case's stored values (remembering is on while there are any). */
  function load(stored) {
    const mine = storage.inCase("");
    for (const [key, item] of Object.entries(stored?.items || {})) {
      if (!key.startsWith(mine)) continue;
      const id = key.slice(mine.length);
      typed.add(id);
      // Cut to the longest any field takes: a value from an older version or a corrupted store could be far
      // longer, and every keystroke would lay all of it out again (0.5 s per key at 100 000 characters).
      values[id] = item.value.slice(0, MAX_TEXT);
    }
    remember = !!stored;
  }

  /** Another tab changed the stored values (this tab follows), or erased them or switched remembering off (this
   *  tab stops storing; what it shows stays until the reader erases it here too). replace: the stored values replace
   *  what this tab shows (while remembering; always after a case switch or an import here). */
  function onOtherTab(stored, replace = remember) {
    if (stored && replace) clearValues(true);
    load(stored);
    applyPick();
    render();
  }

  /** Another tab wrote: if it switched «Запомнить» on, what the reader typed here is stored too (this tab's box now
   *  says so), where that tab stored nothing for the field. */
  function fromOtherTab(stored) {
    const own = stored && !remember ? storedItems() : {};
    for (const id in stored?.items) delete own[id];
    onOtherTab(stored);
    if (Object.keys(own).length) store(own);
  }

  /** Set up every form on the current page (runs on each page view). */
  function start() {
    if (!document.querySelector("[data-oz-fields]")) return;
    // What the reader asked us to remember: read once per visit, on the first page with fields.
    if (!loaded) load(storage.read(KEY, FORMAT));
    loaded = true;
    // The form shows from the first paint (components/base/README.md): what the reader typed before this script
    // started is kept, not overwritten by the stored values.
    for (const input of document.querySelectorAll("[data-field]")) {
      const changed = input.type === "radio" ? input.checked && !input.defaultChecked : input.value !== input.defaultValue;
      if (changed && input.value) take(input);
    }
    applyPick();
    applyDefaults();
    // So is «Запомнить» ticked before: the reader's consent.
    if (!remember && document.querySelector("[data-fields-remember]:checked")) setRemember(true);
    for (const el of document.querySelectorAll("[data-fields-js]")) el.hidden = false;
    render();
  }

  // Bound once, on the window, capturing: they run before the listeners of the forms' containers (the letters,
  // «Моё дело»), which read the values, aria-invalid and remembering() already updated.
  addEventListener("input", event => {
    if (!event.target.dataset.field) return;
    take(event.target);
    render();
  }, true);
  addEventListener("click", ({ target }) => {
    // A click toggles the box before its listeners run (and before its "change" event).
    if (target.matches("[data-fields-remember]")) return setRemember(target.checked);
    if (!target.closest("[data-fields-erase]")) return;
    // «Стереть мои данные»: clear the page and the device; other open tabs stop storing.
    clearValues();
    settle(false, storage.remove(KEY) && storage.remove(storage.CASES) ? "erased" : "erasedFail");
  }, true);

  window.ozFields = {
    kopecks, roubles, usable, MAX_TEXT,
    remembering: () => remember,
    /** The active case changed in this tab (or an import stored values): show its values, and only those. */
    follow: () => onOtherTab(storage.read(KEY, FORMAT), true),
  };
  storage.subscribe(KEY, FORMAT, fromOtherTab);
  storage.subscribe(...ROUTE, () => {
    applyPick();
    render();
  });
  window.ozOnPage(start); // components/base/base.js
  document.dispatchEvent(new Event("oz-ready")); // components/base/base.js
})();
