/**
 * «Как вы платили?»: the reader picks a way of paying once per case; its panel shows, and the letters' pay-method
 * follows.
 * Contract (root attribute, storage format): README.md here. Root: [data-oz-route] (route.html).
 * Bundled after letters.js (alphabetical order), so on each page view the letters are set up before we fill them.
 */
(() => {
  if (window.ozRoute) return;

  const FIELD = "pay-method"; // the letters' choice field: its options are the route's methods
  const storage = window.ozStorage;
  // One pick per case of «Моё дело», {"<case>/pay-method": {"value": "<method id>", "at"}} (declared in storage.js:
  // «Моё дело» exports, imports and deletes it with the case).
  const KEY = storage.ROUTE;
  const FORMAT = storage.ROUTE_SPEC;

  /** Every element matching selector on the page. */
  function all(selector) {
    return [...document.querySelectorAll(selector)];
  }

  /** The method id picked for the active case, "" when the reader has not picked one. */
  function picked() {
    return storage.read(KEY, FORMAT)?.items[storage.inCase(FIELD)]?.value || "";
  }

  /**
   * Show the pick: its radio ticked, only its panel (every panel when showAll or when nothing known is picked), the
   * controls revealed. Letter forms take the pick through the event letters.js listens to ("input").
   */
  function render(showAll) {
    const value = picked();
    const mine = all(`[data-route-panel="${CSS.escape(value)}"]`);
    for (const panel of all("[data-route-panel]")) panel.hidden = !showAll && mine.length > 0 && !mine.includes(panel);
    for (const radio of all(`[data-route-pick],[data-field="${FIELD}"]`)) {
      if (radio.value !== value || radio.checked) continue;
      radio.checked = true;
      if (radio.dataset.field) radio.dispatchEvent(new Event("input", { bubbles: true }));
    }
    for (const el of all("[data-route-js]")) el.hidden = false;
  }

  /** The reader picked a method here or in a letter form: remember it (merged; other tabs follow) and show it. */
  function choose(value) {
    if (value === picked()) return;
    storage.update(KEY, FORMAT, { [storage.inCase(FIELD)]: { value, at: new Date().toISOString() } });
    render();
  }

  /** Set up the page (runs on each page view); the listeners below are on the document, bound once. */
  function start() {
    if (all(`[data-oz-route],[data-field="${FIELD}"]`).length) render();
  }

  addEventListener("change", event => {
    if (event.target.matches(`[data-route-pick],[data-field="${FIELD}"]`)) choose(event.target.value);
  });
  addEventListener("click", event => {
    if (event.target.closest("[data-route-all]")) render(true);
  });
  window.ozRoute = start;
  storage.subscribe(KEY, FORMAT, () => start());
  window.ozOnPage(start); // components/base/base.js
})();
