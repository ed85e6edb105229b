/**
 * ozOnPage(start): run start() on every page view — the first load and each of Material's instant navigations.
 *
 * A component bundled in guide.js (extra_javascript) runs after Material's bundle, so document$ exists. A
 * page-scoped bundle (hooks/assets.py) is linked inside the page content, which comes BEFORE Material's bundle in a
 * fully loaded page: document$ does not exist yet when it runs, but does by DOMContentLoaded. document$ replays the
 * current page to a late subscriber, so subscribing then still runs start() for this page, and again for every
 * later instant navigation (when the page-scoped script is re-run, its init-once guard returns early: the
 * subscription made on the first run is the one that keeps working). Without Material (a test page), start() runs
 * once.
 *
 * On an instant navigation the page-scoped scripts of a page may run in any order. Each page-scoped component that
 * others build on (deadlines, fields) announces itself once its global is defined: document event "oz-ready"; a
 * component that needs another starts again on it.
 */
(() => {
  if (window.ozOnPage) return;

  // A page bundle that does not arrive (a phone losing signal) would leave the forms it runs shown but dead, since
  // html.oz-js shows them from the first paint: show the page as without JavaScript instead. Components whose code an
  // earlier page brought still start and reveal their own parts; the next page whose bundle arrives works as usual.
  addEventListener("error", event => {
    if (event.target.src?.includes("/assets/page.")) document.documentElement.classList.remove("oz-js");
  }, true);

  // The theme's search reads the query on keyup only: text pasted from a menu or dictated to a phone's keyboard
  // comes without a key, and was not searched until the next one. Each input gives it a keyup (an unchanged query
  // is not searched twice).
  addEventListener("input", event => {
    if (event.target.name === "query") event.target.dispatchEvent(new Event("keyup")); // overrides/partials/search.html
  });

  window.ozOnPage = start => {
    const bind = () => (window.document$ ? document$.subscribe(() => start()) : start());
    if (document.readyState === "loading") addEventListener("DOMContentLoaded", bind); // fired once (it bubbles to window)
    else bind();
  };
})();
