/**
 * ozStorage: the one way our components use browser storage. Contract: components/storage/README.md.
 *
 * A stored value is a JSON object {"version": 1, "items": {"<id>": {..., "at": "<ISO time>" | null}}}. Each component
 * passes a spec for its key: {version, id: RegExp for item ids, valid(item) -> boolean, fromVersion0(old, id) ->
 * item, or a falsy value to skip it}: the migration hook for version 0, a flat {"<id>": <old value>} map (a key
 * that never had a version 0 has none: nothing of such a map is kept).
 * When storage is blocked, full or holds something we cannot read, the key works in memory for the rest of the
 * visit, the storage notice (storage_notice.html) is shown, and the unreadable value is never overwritten except
 * by an explicit {force: true} write (reset, import, «Запомнить»).
 * Keys that keep one set of items per case (checklists, letters) name items "<case id>/<id>" (inCase); the cases
 * themselves are under CASES (CASE_SPEC), kept by components/case/. The order fields' key (LETTERS, LETTERS_SPEC,
 * named before the fields were shared), the checklists' (CHECKLISTS, CHECKLISTS_SPEC) and the payment pick's (ROUTE,
 * ROUTE_SPEC) are declared here too:
 * pages without fields.js name a case by its order number (orderNumber), «Моё дело» keeps the ticks of its cases
 * without the checklists' script.
 */
(() => {
  if (window.ozStorage) return;

  /** How long after one of our writes another tab's write may still be based on a copy without it. */
  const RACE_MS = 2000;

  const CASES = "ozon-propal-zakaz:cases"; // the reader's cases («Моё дело», components/case/)
  const FIRST_CASE = "delo-1"; // what was saved before there were cases belongs to this case
  const SLUG = /^[a-z0-9-]{1,40}$/;
  const failed = new Set(); // keys that could not be read or written during this visit
  const memory = new Map(); // key -> last value: what the page keeps when storage fails
  const recent = new Map(); // key -> Map(id -> {item, time}): this tab's recent changes

  /** True for a plain JSON object (not null, not an array). */
  function isMap(value) {
    return Object(value) === value && !Array.isArray(value); // JSON has no functions
  }

  /** True only for a timestamp exactly as toISOString() writes it (24 characters: years 0000–9999), naming a real
   *  moment ("2024-02-31…" is not one): the text parsed and written back must be the same text (toJSON gives null
   *  for an invalid date). */
  function isTime(text) {
    return text?.length === 24 && new Date(text).toJSON() === text;
  }

  /** True for a real calendar date "YYYY-MM-DD" in 2000–2100 ("2026-02-29" is not one): read as UTC midnight, it
   *  is written back the same (toJSON gives null for "2026-13-01", which has no date at all). */
  function isDay(text) {
    return /^(20\d\d|2100)-\d\d-\d\d$/.test(text) && new Date(text).toJSON()?.slice(0, 10) === text;
  }

  /** The cases key: {"<case id>": {"opened": ISO time (the newest is the active case), "events": {"<event id>":
   *  "YYYY-MM-DD"}, "at"}}. */
  const CASE_SPEC = {
    version: 1,
    id: SLUG,
    valid: item => isTime(item.opened) && isMap(item.events) && Object.entries(item.events).length <= 100 &&
      Object.entries(item.events).every(([id, day]) => SLUG.test(id) && isDay(day)),
  };

  /** The order fields' key: {"<case>/<field id>": {"value": "<text>", "at"}}, one set per case (fields.js). */
  const LETTERS = "ozon-propal-zakaz:letters";
  const LETTERS_SPEC = {
    version: 2,
    id: /^[a-z0-9-]+\/[a-z0-9-]+$/,
    valid: item => typeof item.value === "string",
    /** Version 0 was a flat {"<field id>": "<text>"} map; other value types were never ours and are dropped. */
    fromVersion0: (value, id) => /^[a-z0-9-]+$/.test(id) && typeof value === "string" && { value, at: null },
    /** Version 1 had no cases: its values are the first case's. */
    fromVersion1: intoFirstCase,
  };

  /** The checklists' key: {"<case>/<step>.<item>": {"checked": boolean, "at"}}, one set of ticks per case
   *  (checklist.js; «Моё дело» exports, imports and erases them without loading the checklists). */
  const CHECKLISTS = "ozon-propal-zakaz:checklists";
  const CHECKLISTS_SPEC = {
    version: 2,
    id: /^[a-z0-9-]+\/[a-z0-9-]+\.[a-z0-9-]+$/,
    valid: item => typeof item.checked === "boolean",
    /** Version 0 (the prototype) was {"<item id>": true}: dates unknown. */
    fromVersion0: checked => ({ checked, at: null }),
    /** Version 1 had no cases: its ticks are the first case's. */
    fromVersion1: intoFirstCase,
  };

  /** The payment method picked for each case («Как вы платили?», components/route/): {"<case>/pay-method": {"value":
   *  "<method id>", "at"}}. */
  const ROUTE = "ozon-propal-zakaz:route";
  const ROUTE_SPEC = {
    version: 2,
    id: /^[a-z0-9-]+\/pay-method$/,
    valid: item => typeof item.value === "string",
    /** Version 1 had one pick for the whole site: it is the first case's. */
    fromVersion1: intoFirstCase,
  };

  /** The order number the reader gave a case (the order field "order-number"), "" if none. */
  function orderNumber(caseId) {
    return read(LETTERS, LETTERS_SPEC)?.items[inCase("order-number", caseId)]?.value.trim() || "";
  }

  /** The reader's active case: the one opened last (FIRST_CASE while there are none). */
  function activeCase() {
    const items = read(CASES, CASE_SPEC)?.items || {};
    let active = FIRST_CASE;
    for (const [id, item] of Object.entries(items)) if (!items[active] || item.opened > items[active].opened) active = id;
    return active;
  }

  /** The id of an item of a case (default: the active one) in a key that keeps one set of items per case. */
  function inCase(id, caseId = activeCase()) {
    return caseId + "/" + id;
  }

  /** Migration hook of keys from before cases (version 1 -> 2): their items become the first case's. */
  function intoFirstCase(item, id) {
    return [inCase(id, FIRST_CASE), item];
  }

  /** Remember that key fails for this visit and show the storage notice on this page. */
  function fail(key) {
    failed.add(key);
    document.querySelector("[data-oz-storage-notice]")?.removeAttribute("hidden");
  }

  /** True when every item has a valid id, a valid "at" and passes spec.valid. */
  function validItems(items, spec) {
    return isMap(items) && Object.entries(items).every(([id, item]) => spec.id.test(id) && isMap(item) &&
      (item.at === null || isTime(item.at)) && spec.valid(item));
  }

  /** JSON text -> value in spec's current version, or null when it is not ours (throws if not JSON). A file the
   *  reader imports must be in the current version already (strict). */
  function parse(text, spec, strict) {
    let value = JSON.parse(text);
    if (!strict && isMap(value) && !("version" in value)) {
      const items = {};
      for (const [id, old] of Object.entries(value)) {
        const item = spec.fromVersion0?.(old, id); // none: nothing of version 0 is ours
        if (item) items[id] = item;
      }
      value = { version: 1, items };
    }
    // Later versions: spec.fromVersion<N>(item, id) -> [id, item] of version N + 1. Imported files may be older too.
    let move;
    while (isMap(value) && isMap(value.items) && value.version >= 1 && value.version < spec.version &&
      (move = spec["fromVersion" + value.version])) {
      value = { version: value.version + 1, items: Object.fromEntries(Object.entries(value.items).map(([id, item]) =>
        move(item, id))) };
    }
    return isMap(value) && value.version === spec.version && validItems(value.items, spec) ? value : null;
  }

  /** The value stored under key (migrated), null if none; on failure the value kept in memory, if any. */
  function read(key, spec) {
    if (!failed.has(key)) {
      try {
        const text = localStorage.getItem(key); // throws when blocked (even reading window.localStorage can)
        const value = text && parse(text, spec); // null: nothing stored
        if (value || text === null) {
          memory.set(key, value);
          return value;
        }
      } catch {
        // blocked, or not JSON: handled below
      }
    }
    fail(key);
    return memory.get(key);
  }

  /** Store value under key; false (and memory only) when the browser refuses. force retries a failed key. */
  function write(key, value, force) {
    memory.set(key, value);
    if (force) failed.delete(key);
    if (!failed.has(key)) {
      try {
        localStorage.setItem(key, JSON.stringify(value));
        return true;
      } catch {
        // quota exceeded or blocked: handled below
      }
    }
    fail(key);
    return false;
  }

  /**
   * Merge on write: re-read key, set the changed items {id: item}, store. Items of other tabs are never lost.
   * False when the browser refuses: the value then lives in memory for the rest of the visit.
   */
  function update(key, spec, changes, force) {
    const value = read(key, spec) || { version: spec.version, items: {} };
    const mine = recent.get(key) || new Map();
    for (const [id, item] of Object.entries(changes)) {
      value.items[id] = item;
      mine.set(id, { item, time: Date.now() });
    }
    recent.set(key, mine);
    return write(key, value, force);
  }

  /** Drop what this tab knows about key. */
  function forget(key) {
    memory.delete(key);
    recent.delete(key);
  }

  /** Remove key from this device (other tabs hear of it through subscribe). False if the browser refuses. */
  function remove(key) {
    forget(key);
    try {
      localStorage.removeItem(key);
      return true;
    } catch {
      return false;
    }
  }

  /**
   * Call listener(value) whenever another tab changes key (value null: removed). A write from a tab whose
   * copy did not have our recent changes yet would lose them: each is applied again unless that tab's item is newer
   * or as new (items carry the time of their last change in "at", also when unticked or emptied).
   */
  function subscribe(key, spec, listener) {
    addEventListener("storage", event => {
      // Another tab switched, added or erased cases: show the (new) active case's items.
      if (event.key === CASES && key !== CASES) return listener(read(key, spec));
      if (event.key !== key && event.key !== null) return;
      if (event.newValue === null) {
        forget(key);
        return listener(null);
      }
      if (failed.has(key)) return;
      const value = read(key, spec);
      if (!value) return;
      // Judge by what the other tab wrote, not by this tab's copy: that copy may still show our own write, while
      // the other tab's (written without it) is the one that stays.
      const written = parse(event.newValue, spec) || value;
      const mine = recent.get(key) || new Map();
      let lost = false;
      for (const [id, change] of mine) {
        // Their item has our change or a newer one (times are ISO strings: they sort as text), or it is too late.
        if (written.items[id]?.at >= change.item.at || Date.now() - change.time > RACE_MS) {
          mine.delete(id);
        } else {
          value.items[id] = change.item;
          lost = true;
        }
      }
      if (lost) write(key, value);
      listener(value);
    });
  }

  /** Offer text as a file download (the reader's own copy: progress, a letter). */
  function saveFile(name, text, type) {
    const link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([text], { type }));
    link.download = name;
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 10000);
  }

  window.ozStorage = {
    read, write, update, remove, subscribe, parse, saveFile, isMap, isDay,
    CASES, CASE_SPEC, LETTERS, LETTERS_SPEC, CHECKLISTS, CHECKLISTS_SPEC, ROUTE, ROUTE_SPEC, activeCase, inCase, orderNumber,
  };
})();
