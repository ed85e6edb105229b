/**
 * The guide's service worker (contract: components/offline/README.md). hooks/offline.py writes it to the site root
 * as sw.js, minified, after a first line `const BUILD = "<10 hex digits>";` — the build's id: the name of its
 * precache manifest (assets/offline.<BUILD>.json: {"<path under the scope>": "<10 hex digits of its SHA-256>"}) and
 * of its cache.
 *
 * Install: every file of the manifest goes into this build's own cache, checked against its hash (a previous build's
 * copy is reused when the bytes are the same, anything else is fetched past the HTTP cache); one wrong or missing file
 * and the install fails, the old worker keeps serving the old build whole, and the browser tries again later.
 * Activate: this worker takes over every page of the scope, the other builds' caches are dropped.
 * Fetch: only GET requests under our scope; answered from this build's cache, else the network; a page that is in
 * neither is the cached 404 page. Other origins and paths are never touched.
 */
const SCOPE = registration.scope; // e.g. https://<user>.github.io/ozon-propal-zakaz/
// All of a user's GitHub Pages project sites share one origin, hence one CacheStorage: our names start with our scope.
const CACHE = SCOPE + BUILD;

/** The first 10 hex digits of the SHA-256 of a response's body, as the manifest states them. */
async function digest(response) {
  const sum = await crypto.subtle.digest("SHA-256", await response.clone().arrayBuffer());
  return [...new Uint8Array(sum, 0, 5)].map((byte) => (byte + 256).toString(16).slice(1)).join("");
}

/** Put one file of this build into its cache: a copy already there (an interrupted install), an unchanged copy of
 *  an older build, or a fresh one from the server; whichever it is, its bytes must hash to what the manifest says. */
async function precache(cache, path, hash) {
  const url = SCOPE + path;
  if (await cache.match(url)) return;
  let response = await caches.match(url);
  if (!response || (await digest(response)) !== hash) {
    response = await fetch(url, { cache: "no-cache" });
    if (!response.ok || response.redirected || (await digest(response)) !== hash) throw Error(`not this build: ${url}`);
  }
  await cache.put(url, response);
}

addEventListener("install", (event) => {
  event.waitUntil((async () => {
    const files = await (await fetch(`${SCOPE}assets/offline.${BUILD}.json`)).json();
    const cache = await caches.open(CACHE);
    await Promise.all(Object.entries(files).map(([path, hash]) => precache(cache, path, hash)));
    await skipWaiting(); // complete: take over now, so the next page the reader opens is of this build
  })());
});

addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith(SCOPE) && name !== CACHE) await caches.delete(name);
    }
    await clients.claim();
  })());
});

addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || !request.url.startsWith(SCOPE)) return;
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    // A static host ignores the query (?h=… from search highlighting) and serves a folder's index.html at the folder.
    const url = new URL(request.url);
    const key = url.origin + url.pathname.replace(/index\.html$/, "");
    try {
      return (await cache.match(key)) || (await fetch(request));
    } catch (error) {
      const missing = request.mode === "navigate" && (await cache.match(`${SCOPE}404.html`));
      if (!missing) throw error;
      return new Response(missing.body, { status: 404, headers: missing.headers });
    }
  })());
});
