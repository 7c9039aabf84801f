// Smart Mahalla's service worker. The build writes it from this template (the pwa crate's
// `pwa-files`), filling in the list of the files it produced: edit this template, never the
// generated /sw.js.
//
// - /pkg/* (hashed names, never changed): from the cache first; the main JS, WASM and
//   stylesheet are cached when this version installs, any other file of the build (a page's
//   chunk) when first loaded. Files of older builds are deleted when this version takes over.
// - Pages: from the network first; each page shown is kept, and shown again when there is no
//   connection; a page never seen offline gets the offline page.
// - /api/*: never from the cache, except for staff who pinned appeals ("take with me"): the
//   board and each pinned appeal's status are then network-first, their last answer kept.
// - A submission, a move, an evaluation or a message posted without a connection is kept in
//   IndexedDB (the outbox) and answered "queued"; it is sent again, in order, when the
//   connection returns (Background Sync where the browser has it, and whenever a page asks),
//   under the same session cookie, so the server checks it as a live request. One the server
//   refuses (a conflict: someone changed the appeal meanwhile) is kept as refused, with what it
//   asked, until the person deals with it: nothing is silently dropped.
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
/** Where the header's language switch posts its form. */
const LANGUAGE_API = '/api/language';
const STATIC_CACHE = `sm-static-${VERSION}`;
const PAGE_CACHE = 'sm-pages';
/** The last answers of the board and of pinned appeals, for staff working offline. */
const PINNED_CACHE = 'sm-pinned';
/** Requests that may wait for a connection (a client-made key in the body makes each once). */
const SUBMISSION = '/api/appeals/submit';
const QUEUEABLE = new Set([SUBMISSION, '/api/board/move', '/api/board/evaluate', '/api/appeals/message']);
/** Readable offline once an appeal is pinned: the board, and a pinned appeal's status. */
const BOARD_API = ['/api/board', '/api/board/mahallas'];
const STATUS_API = '/api/appeals/status';
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
      // Pages kept by an older version name that version's files: they go with them (the
      // pinned ones are fetched again just below). The pinned answers are data: they stay.
      if (name !== STATIC_CACHE && name !== PINNED_CACHE) await caches.delete(name);
    }
    await self.clients.claim();
    replay().catch(() => {});
    pinnedNumbers().then((all) => keepPinned(all)).catch(() => {});
  })());
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.method === 'POST' && QUEUEABLE.has(url.pathname)) {
    event.respondWith(sendOrQueue(request));
  } else if (request.method === 'POST' && url.pathname === LANGUAGE_API) {
    event.respondWith(chooseLanguage(request));
  } else if (request.method === 'GET' && (BOARD_API.includes(url.pathname) || url.pathname === STATUS_API)) {
    event.respondWith(pinnedAnswer(request, url));
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

/** The header's language switch (a plain form): once the server has kept the choice, the
 *  pages kept in the old language go, and the offline page comes again in the new one. */
async function chooseLanguage(request) {
  const response = await fetch(request);
  if (response.ok || response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400)) {
    await caches.delete(PAGE_CACHE);
    const cache = await caches.open(STATIC_CACHE);
    await cache.add(new Request(OFFLINE_PAGE, { cache: 'reload' })).catch(() => {});
  }
  return response;
}

self.addEventListener('message', (event) => {
  const message = event.data || {};
  const work = {
    'skip-waiting': () => self.skipWaiting(),
    account: () => changeAccount(message.id ?? null)
      .then(() => replay())
      .then(() => keepPages(message.id == null ? 'visitor' : message.staff ? 'staff' : 'citizen')),
    'signed-out': () => Promise.all([
      caches.delete(PAGE_CACHE), caches.delete(PINNED_CACHE), setMeta('account', null), setPinned([]),
    ]),
    pin: () => pin(message.numbers || [], message.refresh || []),
    dismiss: () => inStore('refused', 'readwrite', (store) => store.delete(message.id)).then(announceCount),
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

// Pinned appeals ("take with me"): an inspector's shortlist readable offline. The list is kept
// per account in the outbox's database; their pages and statuses are fetched when pinned (and
// whenever a page sends the list again), and the board's and statuses' answers are kept while
// something is pinned. Signing out deletes them all.

let pinnedNow = null;

/** Notes who is signed in; another account than before does not see the pinned appeals. */
async function changeAccount(id) {
  const before = await getMeta('account');
  if (before != null && before !== id) {
    await Promise.all([setPinned([]), caches.delete(PINNED_CACHE), caches.delete(PAGE_CACHE)]);
  }
  await setMeta('account', id);
}

/** The numbers of the appeals pinned by the signed-in account. */
async function pinnedNumbers() {
  if (pinnedNow == null) pinnedNow = (await getMeta('pinned')) || [];
  return pinnedNow;
}

async function setPinned(numbers) {
  pinnedNow = numbers.filter((n) => typeof n === 'string' && n.length > 0);
  await setMeta('pinned', pinnedNow);
}

/** A pinned appeal's status kept under one address, however the request spelled it. */
function statusKey(number) {
  return `${STATUS_API}?number=${encodeURIComponent(number)}`;
}

/** The board's or an appeal's status, from the network; for a staff member with pinned
 *  appeals, its last answer is kept and served when there is no connection. */
async function pinnedAnswer(request, url) {
  const pinned = await pinnedNumbers();
  const number = url.searchParams.get('number');
  const keepable = pinned.length > 0 && (url.pathname !== STATUS_API || pinned.includes(number));
  const key = url.pathname === STATUS_API ? statusKey(number || '') : request.url;
  try {
    const response = await fetch(request);
    if (keepable && response.ok) {
      const cache = await caches.open(PINNED_CACHE);
      await cache.put(key, response.clone());
    }
    return response;
  } catch (offline) {
    const kept = keepable && (await caches.match(key, { cacheName: PINNED_CACHE }));
    if (kept) return kept;
    throw offline;
  }
}

/** Takes the pinned list; fetches what the newly pinned appeals need, and again for those of
 *  `refresh` (changed since). Each fetch is a view of personal data: never more than asked. */
async function pin(numbers, refresh) {
  const before = await pinnedNumbers();
  await setPinned(numbers);
  const now = await pinnedNumbers();
  await keepPinned(now.filter((n) => !before.includes(n) || refresh.includes(n)));
}

/** Fetches and keeps the page and status of the pinned appeals `fetching`; forgets what it
 *  kept of appeals no longer pinned. */
async function keepPinned(fetching) {
  const pinned = await pinnedNumbers();
  const kept = await caches.open(PINNED_CACHE);
  for (const request of await kept.keys()) {
    const url = new URL(request.url);
    if (url.pathname === STATUS_API && !pinned.includes(url.searchParams.get('number'))) {
      await kept.delete(request);
    }
  }
  if (pinned.length === 0) await caches.delete(PINNED_CACHE);
  for (const number of fetching.filter((n) => pinned.includes(n))) {
    try {
      await page(new Request(`/inspector?open=${encodeURIComponent(number)}`, { credentials: 'same-origin' }));
      const status = await fetch(statusKey(number), { headers: { accept: 'application/json' } });
      if (status.ok) await (await caches.open(PINNED_CACHE)).put(statusKey(number), status);
    } catch (offline) {
      return; // Kept when the list is next sent with a connection.
    }
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
    const key = changeKey(body);
    if (key != null && response.status < 500 && response.status !== 429 && response.status !== 401) {
      await forget(key);
    }
    return response;
  } catch (offline) {
    await keep({
      key: changeKey(body),
      path: new URL(request.url).pathname,
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
    // Read as the answer of each kind: a submission's (no number yet), a change's (the
    // version it was based on), a message's.
    const version = (parsed(body).draft || {}).version || 0;
    return new Response(JSON.stringify({ number: '', version, queued: true }), {
      status: 202,
      headers: { 'content-type': 'application/json' },
    });
  }
}

function parsed(body) {
  try {
    return JSON.parse(body) || {};
  } catch (notJson) {
    return {};
  }
}

/** The client's key of a submission or of a change (each is sent once, however often). */
function changeKey(body) {
  const json = parsed(body);
  return json.submission_key || (json.draft || {}).change_key || null;
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
  if (entries.length === 0) return announceCount();
  let me;
  try {
    const answer = await fetch('/api/auth/me', { headers: { accept: 'application/json' } });
    me = answer.ok ? await answer.json() : null;
  } catch (offline) {
    return announceCount();
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
    const answer = await response.json().catch(() => null);
    if (!response.ok && entryPath(entry) !== SUBMISSION) {
      // Refused (a conflict, a rule, a scope): kept with what it asked, for the person.
      const { id, ...asked } = entry;
      await inStore('refused', 'readwrite', (store) => store.add({
        ...asked, status: response.status, answer, refusedAt: Date.now(),
      }));
    }
    await removeEntry(entry.id);
    await tellPages({ type: 'sent', key: entry.key, path: entryPath(entry), status: response.status, answer });
    // A pinned appeal changed: what is read offline is its new state.
    const number = summary(entry).number;
    if (response.ok && (await pinnedNumbers()).includes(number)) await keepPinned([number]).catch(() => {});
  }
  return announceCount();
}

function entryPath(entry) {
  return entry.path || new URL(entry.url).pathname;
}

/** What a page shows of an entry: its kind (the address), appeal, and a move's target. */
function summary(entry) {
  const draft = parsed(entry.body).draft || {};
  return {
    id: entry.id,
    key: entry.key,
    path: entryPath(entry),
    number: draft.number || '',
    to: draft.to || '',
    body: entry.body,
    status: entry.status || 0,
    answer: entry.answer == null ? '' : JSON.stringify(entry.answer),
    at: entry.refusedAt || entry.queuedAt || 0,
  };
}

/** Tells the pages what waits (and what was refused) under the signed-in account. */
async function announceCount() {
  const account = await getMeta('account');
  const mine = (entry) => entry.account == null || entry.account === account;
  const entries = await keptEntries();
  const refused = (await inStore('refused', 'readonly', (store) => store.getAll())).filter(mine);
  await tellPages({
    type: 'outbox',
    waiting: entries.length,
    queued: JSON.stringify(entries.filter(mine).map(summary)),
    refused: JSON.stringify(refused.map(summary)),
  });
  return entries.length;
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
    const open = indexedDB.open(OUTBOX_DB, 2);
    open.onupgradeneeded = (event) => {
      const db = open.result;
      if (event.oldVersion < 1) {
        const entries = db.createObjectStore('entries', { keyPath: 'id', autoIncrement: true });
        entries.createIndex('key', 'key');
        db.createObjectStore('meta');
      }
      // Version 2: changes the server refused when sent from the outbox.
      if (event.oldVersion < 2) db.createObjectStore('refused', { keyPath: 'id', autoIncrement: true });
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
