/**
 * The guide's service worker (contract: components/offline/README.md). hooks/offline.py writes it to the site root
 * as sw.js, minified, after a first line `const BUILD = "<10 hex digits>";` — the build's id: the name of its
 * precache manifest (assets/offline.<BUILD>.json: {"<path under the scope>": "<10 hex digits of its SHA-256>"}) and
 * of its cache.
 *
 * Install: every file of the manifest goes into this build's own cache, checked against its hash (a previous build's
 * copy is reused when the bytes are the same, anything else is fetched past the HTTP cache); one wrong or missing file
 * and the install fails, the old worker keeps serving the old build whole, and the browser tries again later.
 * Activate: this worker takes over every page of the scope; the previous build's cache stays (a page of it still open
 * may ask for a file it loads on first use, which this build and the server no longer have), older ones are dropped,
 * and so are those an install left incomplete (a complete cache holds a mark under its own name: the time it was
 * completed, so the previous build is found whatever order the browser lists caches in).
 * Fetch: only GET requests under our scope; answered from this build's cache, an asset (its name holds its hash)
 * from the previous build's, else the network; a page that is in
 * neither is the cached 404 page (with status 200: the reader sees the same page either way). Other origins and paths are never touched.
 */
// In a function, so that the minifier may shorten our names (a classic script's top-level names are global).
(() => {
  const SCOPE = registration.scope; // e.g. https://<user>.github.io/ozon-propal-zakaz/
  // All of a user's GitHub Pages project sites share one origin, hence one CacheStorage: our names start with our scope.
  const CACHE = SCOPE + BUILD;
  const open = () => caches.open(CACHE);

  /** The response if its body's SHA-256 starts with these 10 hex digits (as the manifest states them), else false. */
  async function verified(res, hash) {
    const sum = new Uint8Array(await crypto.subtle.digest("SHA-256", await res.clone().arrayBuffer()), 0, 5);
    return res.ok && !res.redirected && sum.reduce((hex, byte) => hex + (byte + 256).toString(16).slice(1), "") === hash
      && res;
  }

  /** Put one file of this build into its cache: a copy already there (an interrupted install), an unchanged copy of
   *  an older build, or else a fresh one from the server (past the HTTP cache); it must hash as the manifest says. */
  async function precache(cache, url, hash) {
    if (await cache.match(url)) return;
    const old = await caches.match(url);
    const res = (old && (await verified(old, hash))) || (await verified(await fetch(url, { cache: "no-cache" }), hash));
    await cache.put(url, res); // false (a wrong file) throws: the install fails
  }

  addEventListener("install", (e) => e.waitUntil((async () => {
    const files = await (await fetch(`${SCOPE}assets/offline.${BUILD}.json`)).json();
    const cache = await open();
    await Promise.all(Object.keys(files).map((path) => precache(cache, SCOPE + path, files[path])));
    await cache.put(CACHE, new Response(Date.now())); // complete: marked, when (under an address no page asks for)
    await skipWaiting(); // and take over now, so the next page the reader opens is of this build
  })()));

  addEventListener("activate", (e) => e.waitUntil((async () => {
    // The previous build's cache (the last one completed before this one, not one an install left half done) stays:
    // a page of it may still be open and ask for one of its files on first use (a script loaded later, the theme's
    // search worker). A mark of a worker before the time was kept counts as the oldest (then the last listed wins).
    let keep;
    let newest = -1;
    const old = (await caches.keys()).filter((name) => name.startsWith(SCOPE) && name !== CACHE);
    for (const name of old) {
      const mark = await caches.match(name, { cacheName: name });
      const at = mark && Number(await mark.text()) || 0;
      if (mark && at >= newest) [keep, newest] = [name, at];
    }
    for (const name of old) if (name !== keep) await caches.delete(name);
    await clients.claim();
  })()));

  addEventListener("fetch", (e) => {
    const req = e.request;
    // A static host ignores the query (?h=… from search highlighting) and serves a folder's index.html at the folder.
    const url = req.url.replace(/[?#].*/, "").replace(/index\.html$/, "");
    if (req.method === "GET" && url.startsWith(SCOPE)) e.respondWith((async () => {
      const cache = await open();
      try {
        // a file of the previous build (an asset's name holds its hash): for a page of it still open
        return (await cache.match(url)) || (url.includes("/assets/") && (await caches.match(url))) || (await fetch(req));
      } catch (error) {
        // offline, and not in this build: a page gets the 404 page ("Страница не найдена"), anything else the error
        if (req.mode === "navigate") return cache.match(`${SCOPE}404.html`);
        throw error;
      }
    })());
  });
})();
