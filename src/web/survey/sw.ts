/**
 * Service worker of the survey page (scope /survei/, or /r/{slug}/survei/): makes the
 * page itself open offline after the first visit. Answers and the form definition are the
 * page's business (queue.ts, load.ts, in localStorage); this only keeps the HTML and its
 * content-hashed assets.
 *  - install: fetch the survey page of the scope and cache it with the assets it names;
 *  - navigation: network first (a new build reaches the phone at once), cache when offline;
 *  - /assets/*: cache first (their names change with their content), cached on first use;
 *    after a new copy of the page is cached, assets no cached page names are dropped
 *    (sw-assets.ts), so old builds do not pile up on the phone.
 * API calls pass straight through.
 */
import { assetsOf, staleAssets } from './sw-assets.js';
interface FetchEventLike {
  request: Request;
  respondWith(r: Promise<Response>): void;
}
interface WaitEventLike {
  waitUntil(p: Promise<unknown>): void;
}
const sw = self as unknown as {
  location: Location;
  registration: { scope: string };
  skipWaiting(): Promise<void>;
  clients: { claim(): Promise<void> };
  addEventListener(type: 'install' | 'activate', fn: (e: WaitEventLike) => void): void;
  addEventListener(type: 'fetch', fn: (e: FetchEventLike) => void): void;
};

const CACHE = 'prima-survei-v1';
/** One cached copy of the page serves every /survei/{unitId}?… link (the HTML is the same). */
const PAGE_KEY = `${sw.registration.scope}__survey.html`;

async function precache(): Promise<void> {
  const cache = await caches.open(CACHE);
  const res = await fetch(sw.registration.scope, { cache: 'no-cache', credentials: 'omit' });
  if (!res.ok) return;
  const html = await res.clone().text();
  await cache.put(PAGE_KEY, res);
  await cache.addAll(assetsOf(html));
  await prune();
}

/** Drops cached assets that no cached copy of the page (any scope) names any more. */
async function prune(): Promise<void> {
  const cache = await caches.open(CACHE);
  const keys = await cache.keys();
  const text = async (k: Request) => (await cache.match(k))?.text() ?? '';
  const pages = await Promise.all(keys.filter((k) => k.url.endsWith('__survey.html')).map(text));
  // scripts and stylesheets, to follow the chunks and fonts they refer to
  const code = new Map(await Promise.all(keys.filter((k) => /\/assets\/[^/]+\.(?:js|css)$/.test(new URL(k.url).pathname)).map(async (k) => [new URL(k.url).pathname, await text(k)] as const)));
  const stale = new Set(staleAssets(keys.map((k) => new URL(k.url).pathname), pages, (p) => code.get(p)));
  await Promise.all(keys.filter((k) => stale.has(new URL(k.url).pathname)).map((k) => cache.delete(k)));
}

sw.addEventListener('install', (event) => {
  event.waitUntil(precache().catch(() => undefined).then(() => sw.skipWaiting()));
});

sw.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('prima-survei-') && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => sw.clients.claim()),
  );
});

sw.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET') return;
  const url = new URL(req.url);
  if (req.mode === 'navigate') {
    event.respondWith(
      fetch(req)
        .then((res) => {
          if (res.ok) {
            const copy = res.clone();
            void caches.open(CACHE).then((c) => c.put(PAGE_KEY, copy)).then(prune).catch(() => undefined);
          }
          return res;
        })
        .catch(async () => (await caches.match(PAGE_KEY)) ?? Response.error()),
    );
    return;
  }
  if (url.origin === sw.location.origin && url.pathname.startsWith('/assets/')) {
    event.respondWith(
      caches.match(req).then((hit) => hit ?? fetch(req).then((res) => {
        if (res.ok) {
          const copy = res.clone();
          void caches.open(CACHE).then((c) => c.put(req, copy));
        }
        return res;
      })),
    );
  }
});
