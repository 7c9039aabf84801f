// Smart Mahalla's service worker. The build writes it from this template (the pwa crate's
// `pwa-files`), filling in the list of the files it produced: edit this template, never the
// generated /sw.js.
//
// - /pkg/* (hashed names, never changed): from the cache first; the main JS, WASM and
//   stylesheet are cached when this version installs, any other file of the build (a page's
//   chunk) when first loaded. Files of older builds are deleted when this version takes over.
// - Pages: from the network first; each page shown is kept, and shown again when there is no
//   connection; a page never seen offline gets the offline page.
// - /api/*: never from the cache. A submission posted without a connection is kept in
//   IndexedDB (the outbox) and answered "queued"; it is sent again, in order, when the
//   connection returns (Background Sync where the browser has it, and whenever a page asks).
// - A new version waits until the person reloads (a page shows the prompt): an open page
//   keeps the files it started with, never a mix of two builds.
'use strict';

const VERSION = '__SM_VERSION__';
/** Every file of this build under /pkg/. */
const BUILD_FILES = new Set(__SM_BUILD_FILES__);
/** Cached when this version installs: what every page loads, and the pages shown offline. */
const INSTALL_FILES = __SM_INSTALL_FILES__;
/** Each page's code (its lazy route's WASM and chunks), by the page's name. */
const PAGE_FILES = __SM_PAGE_FILES__;
/** The pages whose code is kept ahead for each kind of visitor (staff: every page), so that an
 *  open page goes on working on its own build after a new one is deployed, and offline. */
const PAGES_KEPT = {
  visitor: ['sign_in', 'new_appeal'],
  citizen: ['new_appeal', 'my_appeals', 'appeal', 'track_lookup', 'account', 'sign_in'],
};
const OFFLINE_PAGE = '/offline';
const STATIC_CACHE = `sm-static-${VERSION}`;
const PAGE_CACHE = 'sm-pages';
/** Requests that may wait for a connection (a client-made key in the body makes each once). */
const QUEUEABLE = new Set(['/api/appeals/submit']);
const OUTBOX_DB = 'sm-outbox';
const SYNC_TAG = 'outbox';

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(STATIC_CACHE);
    await cache.addAll(INSTALL_FILES.map((url) => new Request(url, { cache: 'reload' })));
    // The first version takes over at once; a later one waits for the person's reload.
    if (!self.registration.active) await self.skipWaiting();
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      // Pages kept by an older version name that version's files: they go with them.
      if (name !== STATIC_CACHE) await caches.delete(name);
    }
    await self.clients.claim();
    replay().catch(() => {});
  })());
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.method === 'POST' && QUEUEABLE.has(url.pathname)) {
    event.respondWith(sendOrQueue(request));
  } else if (request.method !== 'GET' || url.pathname.startsWith('/api/')) {
    // Left to the network, as if there were no worker.
  } else if (url.pathname.startsWith('/pkg/')) {
    event.respondWith(buildFile(request, url.pathname));
  } else if (request.mode === 'navigate') {
    event.respondWith(page(request));
  } else if (INSTALL_FILES.includes(url.pathname)) {
    event.respondWith(networkThenCache(request));
  }
});

self.addEventListener('message', (event) => {
  const message = event.data || {};
  const work = {
    'skip-waiting': () => self.skipWaiting(),
    account: () => setMeta('account', message.id ?? null)
      .then(() => replay())
      .then(() => keepPages(message.id == null ? 'visitor' : message.staff ? 'staff' : 'citizen')),
    'signed-out': () => Promise.all([caches.delete(PAGE_CACHE), setMeta('account', null)]),
    keep: () => keepLoaded(message.urls || []),
    replay: () => replay(),
    count: () => announceCount(),
  }[message.type];
  if (work) event.waitUntil(work().catch(() => {}));
});

self.addEventListener('sync', (event) => {
  // A rejected promise tells the browser to try again later.
  if (event.tag === SYNC_TAG) event.waitUntil(replay(true));
});

/** A file of a build: the cached copy, or the network's (kept when it is one of this build). */
async function buildFile(request, path) {
  const cached = await caches.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok && BUILD_FILES.has(path)) {
    const cache = await caches.open(STATIC_CACHE);
    await cache.put(request, response.clone());
  }
  return response;
}

/** Keeps ahead the code of the pages `who` may open (not when the person saves data). */
async function keepPages(who) {
  if (self.navigator.connection && self.navigator.connection.saveData) return;
  const cache = await caches.open(STATIC_CACHE);
  // The visitor's and the citizen's pages in the order they are likely opened.
  const pages = who === 'staff' ? Object.keys(PAGE_FILES) : PAGES_KEPT[who];
  for (const file of pages.flatMap((page) => PAGE_FILES[page] || [])) {
    if (await cache.match(file)) continue;
    try {
      await cache.add(file);
    } catch (failed) {
      return; // No connection now: kept next time.
    }
  }
}

/** Keeps what a page loaded before this worker controlled it (its first visit): the page
 *  itself and the build files it loaded, so that it opens offline too. */
async function keepLoaded(urls) {
  const files = await caches.open(STATIC_CACHE);
  for (const href of urls) {
    const url = new URL(href, self.location.origin);
    if (url.origin !== self.location.origin || url.pathname.startsWith('/api/')) continue;
    try {
      if (url.pathname.startsWith('/pkg/')) {
        if (BUILD_FILES.has(url.pathname) && !(await files.match(url.pathname))) await files.add(url.pathname);
      } else {
        await page(new Request(url.href, { credentials: 'same-origin' }));
      }
    } catch (failed) {
      // Not kept now; kept when next loaded under this worker.
    }
  }
}

/** A page: the network's, kept for offline; without a connection the kept copy, or the offline page. */
async function page(request) {
  try {
    const response = await fetch(request);
    const html = (response.headers.get('content-type') || '').startsWith('text/html');
    if (response.ok && html && !response.redirected) {
      const cache = await caches.open(PAGE_CACHE);
      await cache.put(request, response.clone());
    }
    return response;
  } catch (offline) {
    return (await caches.match(request, { cacheName: PAGE_CACHE }))
      || (await caches.match(OFFLINE_PAGE, { cacheName: STATIC_CACHE }))
      || Response.error();
  }
}

async function networkThenCache(request) {
  try {
    return await fetch(request);
  } catch (offline) {
    return (await caches.match(request, { cacheName: STATIC_CACHE })) || Response.error();
  }
}

/** Sends a queueable request; without a connection keeps it in the outbox and answers "queued". */
async function sendOrQueue(request) {
  const body = await request.clone().text();
  try {
    const response = await fetch(request);
    // Sent by the page itself: a copy kept from an earlier attempt is not sent again.
    const key = submissionKey(body);
    if (key != null && response.status < 500 && response.status !== 429 && response.status !== 401) {
      await forget(key);
    }
    return response;
  } catch (offline) {
    await keep({
      key: submissionKey(body),
      url: request.url,
      body,
      contentType: request.headers.get('content-type') || 'application/json',
      account: await getMeta('account'),
      queuedAt: Date.now(),
    });
    try {
      await self.registration.sync.register(SYNC_TAG);
    } catch (noBackgroundSync) {
      // Sent when a page asks (the `online` event, the app's start).
    }
    await announceCount();
    return new Response(JSON.stringify({ number: '', queued: true }), {
      status: 202,
      headers: { 'content-type': 'application/json' },
    });
  }
}

function submissionKey(body) {
  try {
    return JSON.parse(body).submission_key || null;
  } catch (notJson) {
    return null;
  }
}

let replaying = null;

/** Sends what the outbox keeps, oldest first; one replay at a time. `strict`: rejects when
 *  something is left to send (Background Sync then tries again later). */
function replay(strict = false) {
  replaying = replaying || sendKept().finally(() => { replaying = null; });
  return replaying.then((left) => {
    if (strict && left > 0) throw new Error(`${left} waiting`);
    return left;
  });
}

/** Answers how many entries are left to send. Entries of another account than the one signed
 *  in wait for theirs; a signed-out session sends nothing. */
async function sendKept() {
  const entries = await keptEntries();
  if (entries.length === 0) return 0;
  let me;
  try {
    const answer = await fetch('/api/auth/me', { headers: { accept: 'application/json' } });
    me = answer.ok ? await answer.json() : null;
  } catch (offline) {
    return entries.length;
  }
  for (const entry of entries) {
    if (!me || (entry.account != null && entry.account !== me.id)) continue;
    let response;
    try {
      response = await fetch(entry.url, {
        method: 'POST',
        headers: { 'content-type': entry.contentType, accept: 'application/json' },
        body: entry.body,
        credentials: 'same-origin',
      });
    } catch (offline) {
      break;
    }
    // Unavailable, too many requests, signed out: kept, in order, for the next attempt.
    if (response.status >= 500 || response.status === 429 || response.status === 401) break;
    await removeEntry(entry.id);
    const answer = await response.json().catch(() => null);
    await tellPages({ type: 'sent', key: entry.key, status: response.status, answer });
  }
  return announceCount();
}

async function announceCount() {
  const waiting = (await keptEntries()).length;
  await tellPages({ type: 'outbox', waiting });
  return waiting;
}

async function tellPages(message) {
  for (const client of await self.clients.matchAll({ includeUncontrolled: true })) {
    client.postMessage(message);
  }
}

// The outbox: IndexedDB, because a worker has no localStorage and must keep entries across
// restarts of the browser.

function openOutbox() {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open(OUTBOX_DB, 1);
    open.onupgradeneeded = () => {
      const entries = open.result.createObjectStore('entries', { keyPath: 'id', autoIncrement: true });
      entries.createIndex('key', 'key');
      open.result.createObjectStore('meta');
    };
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
}

/** Runs `work` on `store` in one transaction; answers what `work` gives once it commits. */
async function inStore(store, mode, work) {
  const db = await openOutbox();
  try {
    return await new Promise((resolve, reject) => {
      const tx = db.transaction(store, mode);
      let result;
      tx.oncomplete = () => resolve(result);
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
      const request = work(tx.objectStore(store));
      if (request) request.onsuccess = () => { result = request.result; };
    });
  } finally {
    db.close();
  }
}

/** Keeps `entry`, replacing one of the same key (a submission queued twice is sent once). */
function keep(entry) {
  return inStore('entries', 'readwrite', (store) => {
    if (entry.key == null) return store.add(entry);
    const same = store.index('key').getKey(entry.key);
    same.onsuccess = () => {
      if (same.result != null) store.put({ ...entry, id: same.result });
      else store.add(entry);
    };
    return null;
  });
}

/** Removes the entry of `key`, if any, and tells the pages the new count. */
async function forget(key) {
  const id = await inStore('entries', 'readonly', (store) => store.index('key').getKey(key));
  if (id == null) return;
  await removeEntry(id);
  await announceCount();
}

function keptEntries() {
  return inStore('entries', 'readonly', (store) => store.getAll());
}

function removeEntry(id) {
  return inStore('entries', 'readwrite', (store) => store.delete(id));
}

function getMeta(name) {
  return inStore('meta', 'readonly', (store) => store.get(name));
}

function setMeta(name, value) {
  return inStore('meta', 'readwrite', (store) => store.put(value, name));
}
