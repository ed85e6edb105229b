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
 * others build on announces itself once its global is defined: document event "oz-ready", detail = its name
 * (deadlines, fields, checklist); a component that needs another starts again on it.
 */
(() => {
  if (window.ozOnPage) return;

  window.ozOnPage = start => {
    const bind = () => (typeof document$ !== "undefined" ? document$.subscribe(() => start()) : start());
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", bind, { once: true });
    else bind();
  };
})();
