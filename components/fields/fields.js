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
  const values = {}; // field id -> what the reader typed (ids are checked slugs)
  const defaults = new Set(); // fields filled with a default (today's date): never stored
  const typed = new Set(); // fields the reader typed here: stored if another tab switches «Запомнить» on
  const ready = new WeakSet(); // roots already set up
  let remember = false; // «Запомнить на этом устройстве»
  let loaded = false; // the stored values have been read

  /** Every element matching selector on the page. */
  function all(selector) {
    return [...document.querySelectorAll(selector)];
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

  /** Kopecks -> "12 345,67 ₽" (the sign: data-rouble of the page's fields roots); "" when unknown. */
  function roubles(kop) {
    if (!isFinite(kop)) return "";
    const whole = String(Math.floor(kop / 100)).replace(/\B(?=(\d{3})+$)/g, "\u00a0");
    const part = kop % 100 ? "," + String(kop % 100).padStart(2, "0") : "";
    return whole + part + "\u00a0" + (document.querySelector("[data-rouble]")?.dataset.rouble || "");
  }

  /** True when a field is filled in but its value is not usable (the message is in the HTML). */
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

  /** The values shown changed: the scripts that show them (letters.js) follow. */
  function changed() {
    document.dispatchEvent(new Event("oz-fields"));
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

  /** Show the state of everything: fields, the remember boxes (and, through "oz-fields", the letters). */
  function renderAll() {
    for (const input of all("[data-field]")) renderField(input.dataset.field);
    for (const box of all("[data-fields-remember]")) box.checked = remember;
    changed();
  }

  /** Show one of the privacy notices (data-on, data-off, data-fail, data-erased, data-erased-fail). */
  function note(name) {
    for (const el of all("[data-fields-note]")) el.textContent = el.dataset[name];
  }

  /** The form shows from the first paint (components/base/README.md): keep what the reader typed before this
   *  script started, instead of overwriting it with the stored values. */
  function keepTyped() {
    for (const input of all("[data-oz-fields] [data-field]")) {
      const changed = input.type === "radio" ? input.checked && !input.defaultChecked : input.value !== input.defaultValue;
      if (!changed || !input.value) continue;
      values[input.dataset.field] = input.value;
      save(input.dataset.field);
    }
  }

  /** Fill empty fields with their defaults: today's date, the pre-selected option. */
  function applyDefaults() {
    for (const input of all("[data-today]")) {
      defaults.add(input.dataset.field);
      values[input.dataset.field] ||= today();
    }
    for (const input of all("[data-field][checked]")) values[input.dataset.field] ||= input.value;
  }

  /** The reader's own values (of these fields), as stored items. */
  function storedItems(fields = Object.keys(values)) {
    const items = {};
    const at = new Date().toISOString();
    for (const field of fields) {
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
    typed.add(field);
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

  /** Another tab wrote: if it switched «Запомнить» on, what the reader typed here is stored too (this tab's box now
   *  says so), where that tab stored nothing for the field. */
  function fromOtherTab(stored) {
    const own = stored && !remember ? storedItems(typed) : {};
    for (const id in stored?.items) delete own[id];
    onOtherTab(stored);
    if (Object.keys(own).length && !storage.update(KEY, FORMAT, own)) refused();
  }

  /** Take the active case's stored values. */
  function load(stored) {
    const mine = storage.inCase("");
    for (const [id, item] of Object.entries(stored ? stored.items : {})) {
      // Cut to the longest any field takes: a value from an older version or a corrupted store could be far
      // longer, and every keystroke would lay all of it out again (0.5 s per key at 100 000 characters).
      if (id.startsWith(mine)) values[id.slice(mine.length)] = item.value.slice(0, MAX_TEXT);
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
      changed();
    });
    root.addEventListener("change", event => {
      if (event.target.matches("[data-fields-remember]")) setRemember(event.target.checked);
    });
    root.addEventListener("click", event => {
      if (event.target.closest("[data-fields-erase]")) erase();
    });
  }

  /** Set up every form on the current page (runs on each page view). */
  function start() {
    const roots = all("[data-oz-fields]");
    if (!roots.length) return;
    if (!loaded) {
      // What the reader asked us to remember: read once per visit, on the first page with fields.
      const stored = storage.read(KEY, FORMAT);
      remember = Boolean(stored);
      load(stored);
      loaded = true;
    }
    roots.forEach(init);
    keepTyped();
    applyDefaults();
    for (const el of all("[data-fields-js]")) el.hidden = false;
    renderAll();
  }

  window.ozFields = {
    kopecks, roubles, usable, KEY, FORMAT, MAX_TEXT,
    remembering: () => remember,
    /** The active case changed in this tab (or an import stored values): show its values. */
    follow: () => onOtherTab(storage.read(KEY, FORMAT)),
  };
  storage.subscribe(KEY, FORMAT, fromOtherTab);
  window.ozOnPage(start); // components/base/base.js
  document.dispatchEvent(new CustomEvent("oz-ready", { detail: "fields" }));
})();
