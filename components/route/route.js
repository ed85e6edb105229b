/**
 * «Как вы платили?»: the reader picks a way of paying once per case; its panel shows. Contract (root attribute,
 * storage format): README.md here. Root: [data-oz-route] (route.html). The pick is the case's payment method: the
 * order fields (components/fields/) show it in every letter form and store it when the reader changes it there.
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

  /** Show the pick: its radio ticked, only its panel (every panel when showAll or when nothing known is picked), the
   *  controls revealed; «Показать все способы» only while some panels are hidden (it would do nothing otherwise). */
  function render(showAll) {
    const value = picked();
    const mine = all(`[data-route-panel="${CSS.escape(value)}"]`);
    for (const panel of all("[data-route-panel]")) panel.hidden = !showAll && mine.length > 0 && !mine.includes(panel);
    for (const radio of all("[data-route-pick]")) radio.checked = radio.value === value;
    for (const el of all("[data-route-js]")) el.hidden = false;
    for (const el of all("[data-route-more]")) el.hidden = showAll || !mine.length;
  }

  /** Set up the page (runs on each page view); the listeners below are on the document, bound once. */
  function start() {
    if (document.querySelector("[data-oz-route]")) render();
  }

  addEventListener("change", ({ target }) => {
    if (!target.matches("[data-route-pick]")) return;
    // The reader picked a method: remember it for the case (merged; other tabs and the letter forms follow).
    storage.update(KEY, FORMAT, { [storage.inCase(FIELD)]: { value: target.value, at: new Date().toISOString() } });
    render();
  });
  addEventListener("click", event => {
    if (event.target.closest("[data-route-all]")) render(true);
  });
  window.ozRoute = start;
  storage.subscribe(KEY, FORMAT, start);
  window.ozOnPage(start); // components/base/base.js
})();
