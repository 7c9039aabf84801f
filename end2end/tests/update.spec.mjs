// A new build deployed while a page is open reaches that page only through the prompt ("a new
// version is ready — reload"), and the page never runs a mix of two builds: before the reload
// it keeps the files it started with, after it only the new build's files load.
//
// The test makes the "new build" from the release build: a copy whose every hashed file
// carries another hash (as a rebuild after a code change gives them), with the references
// between them and the server's hash.txt rewritten, and its own service worker written by
// `pwa-files`, as the release build writes it. Each build runs from
// its own folder with its own copy of the binary (the server reads hash.txt next to it).
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { expectNoPageErrors, repoRoot, watchPageErrors } from './helpers.mjs';
import { BINARY, freePort, startServer, stop, stopIfRunning, waitHealthy } from './server.mjs';

const binary = path.resolve(repoRoot, BINARY);
const site = path.resolve(repoRoot, process.env.LEPTOS_SITE_ROOT || 'target/site');
const targetDir = path.resolve(repoRoot, process.env.CARGO_TARGET_DIR || 'target');
const pwaFiles = process.env.PWA_FILES_BIN || path.join(targetDir, 'debug', 'pwa-files');

/** The hashes of hash.txt, by kind (`js`, `wasm`, `css`, `split`, …). */
function readHashes(file) {
  return Object.fromEntries(
    readFileSync(file, 'utf8').trim().split('\n').map((line) => line.split(':').map((s) => s.trim())),
  );
}

/** Copies the release build (binary, hash.txt, site) into `dir`. */
function copyBuild(dir) {
  mkdirSync(path.join(dir, 'bin'), { recursive: true });
  copyFileSync(binary, path.join(dir, 'bin', 'smart-mahalla'));
  copyFileSync(path.join(path.dirname(binary), 'hash.txt'), path.join(dir, 'bin', 'hash.txt'));
  cpSync(site, path.join(dir, 'site'), { recursive: true });
  return { dir, binary: path.join(dir, 'bin', 'smart-mahalla'), site: path.join(dir, 'site') };
}

/** `name.HASH.ext`: a hashed file of the build (22 characters of base64url). */
const HASHED = /^(.+)\.([A-Za-z0-9_-]{22})\.([a-z]+)$/;

/**
 * Turns the copy `build` into another build, as a rebuild after a code change gives it: every
 * hashed file gets a new hash of the same length, and every reference to it is rewritten — in
 * the JS and the split manifest, in the WASM chunks (which import the split loader by its
 * name), in hash.txt — and the service worker is written again. Answers the paths of the
 * main files (JS, WASM, stylesheet, split loader) before and after.
 */
function rebuildWithNewNames(build) {
  const hashFile = path.join(build.dir, 'bin', 'hash.txt');
  const pkg = path.join(build.site, 'pkg');
  const renamed = new Map();
  for (const name of readdirSync(pkg)) {
    const plain = name.replace(/\.(br|gz)$/, '');
    const hashed = HASHED.exec(plain);
    if (!hashed) continue;
    // The server would send the compressed copies of the old contents.
    if (plain !== name) {
      rmSync(path.join(pkg, name));
      continue;
    }
    renamed.set(name, `${hashed[1]}.${hashed[2].slice(0, -4)}nEw0.${hashed[3]}`);
  }
  for (const [from, to] of renamed) {
    let bytes = readFileSync(path.join(pkg, from));
    for (const [old, next] of renamed) {
      // Same length: a name inside a WASM binary is length-prefixed.
      bytes = replaceAll(bytes, Buffer.from(old.replace(/\.[a-z]+$/, '')), Buffer.from(next.replace(/\.[a-z]+$/, '')));
    }
    rmSync(path.join(pkg, from));
    writeFileSync(path.join(pkg, to), bytes);
  }
  const hashes = readHashes(hashFile);
  const main = { before: [], after: [] };
  for (const kind of Object.keys(hashes)) {
    const old = hashes[kind];
    hashes[kind] = `${old.slice(0, -4)}nEw0`;
    for (const [from, to] of renamed) {
      if (from.includes(`.${old}.`) && ['js', 'wasm', 'css', 'split'].includes(kind)) {
        main.before.push(`/pkg/${from}`);
        main.after.push(`/pkg/${to}`);
      }
    }
  }
  writeFileSync(hashFile, `${Object.entries(hashes).map(([k, v]) => `${k}: ${v}`).join('\n')}\n`);
  execFileSync(pwaFiles, [build.site, 'smart-mahalla']);
  return main;
}

/** `bytes` with every `from` replaced by `to` (both the same length). */
function replaceAll(bytes, from, to) {
  let at = bytes.indexOf(from);
  if (at < 0) return bytes;
  const copy = Buffer.from(bytes);
  while (at >= 0) {
    to.copy(copy, at);
    at = copy.indexOf(from, at + to.length);
  }
  return copy;
}

test('a new build reaches an open page through the prompt, and the page never mixes two builds', async ({ page, context }, testInfo) => {
  expect(existsSync(pwaFiles), `${pwaFiles} (written by the release build)`).toBe(true);
  const root = mkdtempSync(path.join(tmpdir(), 'sm-update-'));
  const log = [];
  let server;
  try {
    const oldBuild = copyBuild(path.join(root, 'old'));
    const newBuild = copyBuild(path.join(root, 'new'));
    const { before: oldMain, after: newMain } = rebuildWithNewNames(newBuild);
    expect(newMain).toHaveLength(4);
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const dataDir = path.join(root, 'data');
    const serve = (build) => startServer(port, dataDir, log, { binary: build.binary, extraArgs: ['--site-root', build.site] });

    server = serve(oldBuild);
    await waitHealthy(base, server);
    watchPageErrors(page);
    const loaded = [];
    page.on('request', (request) => {
      const { pathname } = new URL(request.url());
      if (pathname.startsWith('/pkg/')) loaded.push(pathname);
    });
    await page.goto(`${base}/register`);
    await expect
      .poll(() => page.evaluate(() => !!navigator.serviceWorker.controller), { timeout: 15_000 })
      .toBe(true);
    await expect(page.locator('form button[type=submit]').first()).toBeEnabled();
    // The worker keeps ahead the code of the pages a visitor may open: every file of the
    // sign-in page (its view and the chunks it shares), as the worker's list names them.
    await expect
      .poll(() => page.evaluate(async () => {
        const worker = await (await fetch('/sw.js')).text();
        const files = JSON.parse(worker.match(/const PAGE_FILES = (.*);/)[1]).sign_in;
        for (const file of files) {
          if (!(await caches.match(file))) return false;
        }
        return files.length > 0;
      }), { timeout: 15_000 })
      .toBe(true);
    expect(loaded.filter((p) => newMain.includes(p))).toEqual([]);

    // The new build is deployed while the page is open.
    await stop(server);
    server = serve(newBuild);
    await waitHealthy(base, server);
    // The app asks for a new version when the connection returns (and when the page comes
    // back into view, and every half hour).
    await context.setOffline(true);
    await context.setOffline(false);
    const prompt = page.getByTestId('update-prompt');
    await expect(prompt).toContainText('Ilovaning yangi versiyasi tayyor', { timeout: 15_000 });
    // Until the reload, the open page keeps its own build: a client-side visit to a page
    // whose code it has not loaded yet loads it from the old build.
    const beforeReload = loaded.length;
    await page.getByRole('link', { name: 'Tizimga kirish' }).first().click();
    await expect(page.locator('#sign-in-phone')).toBeVisible();
    expect(loaded.slice(beforeReload).filter((p) => newMain.includes(p))).toEqual([]);

    loaded.length = 0;
    await prompt.getByRole('button', { name: 'Qayta yuklash' }).click();
    await expect(prompt).toHaveCount(0);
    await expect(page.locator('#sign-in-phone')).toBeVisible();
    await expect
      .poll(() => newMain.filter((p) => p.endsWith('.wasm') || p.endsWith('.js')).every((p) => loaded.includes(p)), {
        timeout: 15_000,
        message: `the new build's JS and WASM load after the reload: ${loaded.join(', ')}`,
      })
      .toBe(true);
    expect(loaded.filter((p) => oldMain.includes(p)), 'no file of the old build after the reload').toEqual([]);
    const served = await page.evaluate(() => [...document.querySelectorAll('link[rel=stylesheet], script[src], link[rel=modulepreload], link[rel=preload]')].map((e) => e.getAttribute('href') || e.getAttribute('src')));
    expect(served.filter((p) => oldMain.includes(p))).toEqual([]);
    expectNoPageErrors(page);
  } finally {
    await stopIfRunning(server);
    await testInfo.attach('server-log', { body: log.join(''), contentType: 'text/plain' });
    rmSync(root, { recursive: true, force: true });
  }
});
