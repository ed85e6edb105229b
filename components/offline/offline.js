/**
 * Offline: registers the guide's service worker (sw.js at the site root, scope = the site's folder) and tells the
 * reader when the guide works without internet, or when a newer version has taken over. Contract:
 * components/offline/README.md. Texts are in offline.html; without service workers (or with storage blocked)
 * nothing happens and nothing is shown.
 */
(() => {
  let worker;
  try {
    worker = navigator.serviceWorker; // some browsers throw here when storage is blocked
  } catch {
    return;
  }
  // __md_scope: the site root as the theme knows it (overrides/partials/javascripts/base.html), never typed here.
  if (!worker || window.ozOffline || !window.__md_scope) return;
  window.ozOffline = true;

  /** True when this page came from the worker's cache: a later change of worker is a newer build. */
  const cached = !!worker.controller;
  /** Set once a newer build controls this page: links must then load whole pages of that build. */
  let outdated = false;

  /** Show one of the messages in [data-oz-offline] (the footer's copy on the current page); «available offline»
   *  is news for a moment only, the update notice stays. The notice comes just before the footer: shown while the
   *  footer is in sight at the end of a page, it would push the footer's links from under the reader's thumb. It
   *  then waits for a scroll; at the top of a page (one too short to scroll, like the 404 page) it shows at once. */
  function show(name) {
    const message = document.querySelector(`[data-oz-offline-${name}]`);
    if (!message) return;
    // The footer follows the notice (overrides/main.html); nothing follows «Работает без сети». One scroll handler,
    // however many scrolls it waits.
    if (scrollY && message.parentNode.nextElementSibling?.offsetTop < scrollY + innerHeight) {
      return (onscroll = () => show(name));
    }
    onscroll = null; // shown: scrolling no longer asks
    message.hidden = false;
    if (name === "ready") setTimeout(() => { message.hidden = true; }, 8000);
  }

  // After the page has loaded: the worker's downloads must not compete with the page's own on a slow network. A
  // page from the cache then asks for a newer sw.js at once (browsers do on navigation too, but not reliably).
  const register = () => worker.register(new URL("sw.js", __md_scope), { scope: __md_scope.pathname })
    .then((registration) => cached && registration.update()).catch(() => {});
  if (document.readyState === "complete") register();
  else addEventListener("load", register);

  // The worker takes over once it has cached its whole build: the first time, this page is available offline;
  // later, a new deploy has been cached and will be served from the next page the reader opens.
  worker.addEventListener("controllerchange", () => {
    outdated = cached;
    show(cached ? "update" : "ready");
  });

  // Instant navigation would put a page of the new build into this page of the old one (old scripts, new markup):
  // once outdated, links to other pages and the back button load the whole page instead.
  document.addEventListener("click", (event) => {
    const target = event.target; // an element (a click dispatched on the document has no closest())
    if (target.closest?.("[data-oz-offline-reload]")) location.reload();
    const link = target.closest?.("a[href]");
    if (outdated && link && link.origin === location.origin && link.pathname !== location.pathname) {
      event.stopPropagation(); // the theme listens on document.body; the browser then follows the link itself
    }
  }, true);
  addEventListener("popstate", (event) => {
    if (outdated) {
      event.stopImmediatePropagation();
      location.reload();
    }
  }, true);
  // The back button may also bring this very page back from the browser's memory: then load it afresh too.
  addEventListener("pageshow", (event) => {
    if (outdated && event.persisted) location.reload();
  });
})();
