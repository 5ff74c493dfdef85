// The POS service worker: precaches the app shell (index.html and every built asset, listed at
// build time) and serves it cache-first, so a reload with no network opens the POS. Only
// /pos/ is in scope; /db and /api (replication, login) are never touched.
// The two placeholders below are filled in by the build (vite.config.ts).
const VERSION = __VERSION__;
const PRECACHE = __PRECACHE__;
const CACHE = `pronto-pos-${VERSION}`;
const scope = new URL(self.registration.scope);
const INDEX = new URL('index.html', scope).href;

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((c) => c.addAll(PRECACHE.map((p) => new URL(p, scope).href))).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) if (key.startsWith('pronto-pos-') && key !== CACHE) await caches.delete(key);
    await self.clients.claim();
  })());
});

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET' || !req.url.startsWith(scope.href)) return;
  // Every navigation inside /pos/ is the single-page app: answer with the cached shell.
  const key = req.mode === 'navigate' ? INDEX : req.url;
  event.respondWith((async () => {
    const cached = await caches.match(key, { ignoreSearch: true });
    return cached ?? fetch(req);
  })());
});
