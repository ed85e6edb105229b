/**
 * ozStorage: the one way our components use browser storage. Contract: components/storage/README.md.
 *
 * A stored value is a JSON object {"version": 1, "items": {"<id>": {..., "at": "<ISO time>" | null}}}. Each component
 * passes a spec for its key: {version, id: RegExp for item ids, valid(item) -> boolean, fromVersion0(old, id) ->
 * item, or null to skip it}: the migration hook for version 0, a flat {"<id>": <old value>} map.
 * When storage is blocked, full or holds something we cannot read, the key works in memory for the rest of the
 * visit, the storage notice (storage_notice.html) is shown, and the unreadable value is never overwritten except
 * by an explicit {force: true} write (reset, import, «Запомнить»).
 */
(() => {
  if (window.ozStorage) return;

  /** How long after one of our writes another tab's write may still be based on a copy without it. */
  const RACE_MS = 2000;
  /** Written for a moment before removing a key, so that other tabs can tell "erased" from "switched off". */
  const ERASED = '{"erased":true}';
  const STRICT_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

  const failed = new Set(); // keys that could not be read or written during this visit
  const memory = new Map(); // key -> last value: what the page keeps when storage fails
  const recent = new Map(); // key -> Map(id -> {item, time}): this tab's recent changes

  /** localStorage, or null when the browser blocks it (reading window.localStorage can throw). */
  function area() {
    try {
      return window.localStorage || null;
    } catch (error) {
      return null;
    }
  }

  /** True for a plain JSON object (not null, not an array). */
  function isMap(value) {
    return typeof value === "object" && value !== null && !Array.isArray(value);
  }

  /** True only for a timestamp as toISOString() writes it, naming a real moment ("2024-02-31…" is not one). */
  function isTime(text) {
    if (typeof text !== "string" || !STRICT_TIME.test(text)) return false;
    const date = new Date(text);
    return !isNaN(date) && date.toISOString() === text;
  }

  /** Remember that key fails for this visit and show the storage notice on this page. */
  function fail(key) {
    failed.add(key);
    const notice = document.querySelector("[data-oz-storage-notice]");
    if (notice) notice.hidden = false;
  }

  /** True when every item has a valid id, a valid "at" and passes spec.valid. */
  function validItems(items, spec) {
    return isMap(items) && Object.entries(items).every(([id, item]) => spec.id.test(id) && isMap(item) &&
      (item.at === null || isTime(item.at)) && spec.valid(item));
  }

  /** Stored JSON text -> value in spec's current version, or null when it is not ours. */
  function parse(text, spec) {
    let value = JSON.parse(text);
    if (isMap(value) && !("version" in value)) {
      const items = {};
      for (const id of Object.keys(value)) {
        const item = spec.fromVersion0(value[id], id);
        if (item) items[id] = item;
      }
      value = { version: 1, items };
    }
    return isMap(value) && value.version === spec.version && validItems(value.items, spec) ? value : null;
  }

  /** The value stored under key (migrated), null if none; on failure the value kept in memory. */
  function read(key, spec) {
    const storage = area();
    if (storage && !failed.has(key)) {
      try {
        const text = storage.getItem(key);
        const value = text === null ? null : parse(text, spec);
        if (text === null || value) {
          memory.set(key, value);
          return value;
        }
      } catch (error) {
        // blocked or not JSON: handled below
      }
    }
    fail(key);
    return memory.get(key) || null;
  }

  /** Store value under key; false (and memory only) when the browser refuses. force retries a failed key. */
  function write(key, value, force) {
    memory.set(key, value);
    if (force) failed.delete(key);
    const storage = area();
    if (storage && !failed.has(key)) {
      try {
        storage.setItem(key, JSON.stringify(value));
        return true;
      } catch (error) {
        // quota exceeded or blocked: handled below
      }
    }
    fail(key);
    return false;
  }

  /**
   * Merge on write: re-read key, set the changed items {id: item}, store. Items of other tabs are never lost.
   * Returns the stored value; after a failure it lives in memory only (see isFailed()).
   */
  function update(key, spec, changes, force) {
    const value = read(key, spec) || { version: spec.version, items: {} };
    const mine = recent.get(key) || new Map();
    for (const id of Object.keys(changes)) {
      value.items[id] = changes[id];
      mine.set(id, { item: changes[id], time: Date.now() });
    }
    recent.set(key, mine);
    write(key, value, force);
    return value;
  }

  /** True when key is working in memory only for this visit. */
  function isFailed(key) {
    return failed.has(key);
  }

  /** Remove key from this device; with erase, other tabs are told to forget it too. False if the browser refuses. */
  function remove(key, erase) {
    memory.delete(key);
    recent.delete(key);
    try {
      if (erase) area().setItem(key, ERASED);
      area().removeItem(key);
      return true;
    } catch (error) {
      return false;
    }
  }

  /**
   * Call listener(value, erased) whenever another tab changes key (value null: removed). A write from a tab whose
   * copy did not have our recent changes yet would lose them: each is applied again unless that tab's item is newer
   * (items carry the time of their last change in "at", also when unticked or emptied).
   */
  function subscribe(key, spec, listener) {
    addEventListener("storage", (event) => {
      if (event.key !== key && event.key !== null) return;
      if (event.newValue === null || event.newValue === ERASED) {
        memory.delete(key);
        recent.delete(key);
        listener(null, event.newValue === ERASED);
        return;
      }
      if (failed.has(key)) return;
      const value = read(key, spec);
      if (!value) return;
      let lost = false;
      for (const [id, change] of recent.get(key) || []) {
        const theirs = value.items[id];
        if (JSON.stringify(theirs) === JSON.stringify(change.item) || (theirs && theirs.at > change.item.at) ||
            Date.now() - change.time > RACE_MS) {
          recent.get(key).delete(id);
        } else {
          value.items[id] = change.item;
          lost = true;
        }
      }
      if (lost) write(key, value);
      listener(value, false);
    });
  }

  window.ozStorage = { read, write, update, remove, subscribe, isFailed, isMap, validItems };
})();
