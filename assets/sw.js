// sw.js: funnelsim's service worker: once the app has been opened, it works without a network.
//
// On install it caches the app shell of this build: the page, the hashed .js/.wasm/.css, the sample CRM
// exports, every file of dist/ (scripts/post-build.mjs writes that list and the build's version below, at
// build time). Then it answers every GET inside its scope from that cache first, and from the network when
// a file is not there. Its cache is named after its scope and the build's version, so a new deploy (a new
// sw.js, since its list and version change) installs a fresh cache and deletes the old one of the same
// scope, and never touches another deployment's cache on the same origin. Every URL is relative to the
// worker's own address: it works under any sub-path. It fetches nothing but the app's own files.
'use strict';

// Replaced by scripts/post-build.mjs; without it (a build that skipped the hook) nothing is precached and
// the worker only keeps the files the page fetched.
const BUILD_VERSION = 'dev';
const PRECACHE = [];

const SCOPE = self.registration.scope; // e.g. https://example.com/tools/funnelsim/
const PREFIX = `funnelsim:${SCOPE}:`;
const CACHE = PREFIX + BUILD_VERSION;
const PAGE = new URL('./', SCOPE).href; // the page itself, whatever its query string

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      // cache: 'reload' skips the HTTP cache: the files must be this build's.
      await cache.addAll(PRECACHE.map((path) => new Request(new URL(path, SCOPE), { cache: 'reload' })));
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith(PREFIX) && name !== CACHE) await caches.delete(name);
      }
      await self.clients.claim();
    })(),
  );
});

/** The cache key of a request: the page for every navigation to the app (any query string). */
function cacheKey(request) {
  const url = new URL(request.url);
  const address = url.href.split(/[?#]/)[0];
  if (request.mode === 'navigate' && (address === PAGE || address === PAGE + 'index.html')) {
    return PAGE;
  }
  url.hash = '';
  return url.href;
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET' || !request.url.startsWith(SCOPE)) return; // not ours: the browser handles it
  event.respondWith(
    (async () => {
      const cache = await caches.open(CACHE);
      const key = cacheKey(request);
      const cached = await cache.match(key);
      if (cached) return cached;
      const response = await fetch(request);
      // Keep what the page fetched that the list did not name (same origin, complete answers only).
      if (response.ok && response.type === 'basic' && response.status === 200) {
        event.waitUntil(cache.put(key, response.clone()));
      }
      return response;
    })(),
  );
});
