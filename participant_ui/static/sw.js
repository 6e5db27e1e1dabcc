// The phone's service worker: the phone page and its scripts come from the network when
// there is one, and from this cache when there is not, so a phone reloaded on a venue's
// failing Wi-Fi still shows its page and its outbox (kept in localStorage), which goes
// out once the connection comes back. Never the live connection (/socket.io/), never
// anything but the phone's own pages and files.
const CACHE = "rundabord-phone-v1";
const CACHED = [/^\/j\/[^/]+$/, /^\/static\//, /^\/integritet$/, /^\/tillganglighet$/];

self.addEventListener("install", () => self.skipWaiting());

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) if (name !== CACHE) await caches.delete(name);
    await self.clients.claim(); // the page that installed it is served from now on
  })());
});

// The page that installed the worker loaded before it: it names what it loaded, and
// that is cached at once, so the very first visit already works offline.
self.addEventListener("message", (event) => {
  const urls = (event.data?.cache || []).filter((u) => CACHED.some((p) => p.test(new URL(u, self.location).pathname)));
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(urls)).catch(() => {}));
});

self.addEventListener("fetch", (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== "GET" || url.origin !== self.location.origin) return;
  if (!CACHED.some((pattern) => pattern.test(url.pathname))) return;
  event.respondWith(networkFirst(event.request));
});

async function networkFirst(request) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (response.ok && response.type === "basic") await cache.put(request, response.clone());
    return response;
  } catch (error) {
    const cached = await cache.match(request, { ignoreVary: true });
    if (cached) return cached;
    throw error;
  }
}
