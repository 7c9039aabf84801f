// Bundle-size benchmark: starts the release server (with demo accounts), reads what a page
// loads (JS, the main WASM, the lazy-route chunks it preloads, CSS), and prints raw, gzip and
// brotli sizes of each and in total — for `/` as a first-time visitor (sent on to /register)
// and as a signed-in citizen (the appeal form), and, for information, the inspector's board.
// Fails when either first load of `/` is over the budget.
// Usage: node bench/bundle.mjs   (after `make build`)
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';

const BUDGET_BROTLI_KB = 250;
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const bin = process.env.SMART_MAHALLA_BIN
  || join(process.env.CARGO_TARGET_DIR || join(root, 'target'), 'release', 'smart-mahalla');

const freePort = () => new Promise((ok, fail) => {
  const srv = createServer();
  srv.on('error', fail);
  srv.listen(0, '127.0.0.1', () => { const { port } = srv.address(); srv.close(() => ok(port)); });
});

async function waitFor(url, ms) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    try { if ((await fetch(url)).ok) return; } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`server did not answer at ${url}`);
}

const kb = (n) => (n / 1024).toFixed(1).padStart(8);

const port = await freePort();
const dataDir = mkdtempSync(join(tmpdir(), 'sm-bundle-'));
const server = spawn(bin, ['serve', '--addr', `127.0.0.1:${port}`, '--data-dir', dataDir, '--demo'], {
  cwd: root, stdio: ['ignore', 'ignore', 'inherit'],
});

/** Signs a demo account in and returns its session cookie. */
async function signIn(base, phone) {
  const response = await fetch(`${base}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ phone, password: 'mahalla-demo-2026' }),
  });
  if (!response.ok) throw new Error(`sign-in as ${phone}: HTTP ${response.status}`);
  return (response.headers.get('set-cookie') || '').split(';')[0];
}

/** Prints and returns the brotli total (bytes) of what `path` loads for this cookie. */
async function measure(base, label, path, cookie) {
  const response = await fetch(`${base}${path}`, { headers: cookie ? { cookie } : {} });
  const html = await response.text();
  const assets = [...new Set([...html.matchAll(/(?:href|src)="(\/pkg\/[^"]+\.(?:js|wasm|css))"/g)].map((m) => m[1]))];
  if (!assets.some((a) => a.endsWith('.wasm')) || !assets.some((a) => a.endsWith('.js'))) {
    throw new Error(`${path} references no JS/WASM under /pkg: ${assets.join(', ')}`);
  }
  console.log(`\n${label}: ${path} → ${new URL(response.url).pathname} (${assets.length} files)`);
  console.log(`${'file'.padEnd(60)}      raw     gzip   brotli  (KB)`);
  const total = { raw: 0, gzip: 0, brotli: 0 };
  for (const asset of assets) {
    const file = await fetch(`${base}${asset}`, { headers: { 'accept-encoding': 'identity' } });
    if (!file.ok) throw new Error(`${asset}: HTTP ${file.status}`);
    const body = Buffer.from(await file.arrayBuffer());
    const sizes = {
      raw: body.length,
      gzip: gzipSync(body, { level: 9 }).length,
      brotli: brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
    };
    for (const k of Object.keys(total)) total[k] += sizes[k];
    console.log(`${asset.slice(0, 60).padEnd(60)} ${kb(sizes.raw)} ${kb(sizes.gzip)} ${kb(sizes.brotli)}`);
  }
  console.log(`${'total'.padEnd(60)} ${kb(total.raw)} ${kb(total.gzip)} ${kb(total.brotli)}`);
  return { total: total.brotli, wasm: assets.find((a) => a.endsWith('.wasm')) };
}
let failed = false;
try {
  const base = `http://127.0.0.1:${port}`;
  await waitFor(`${base}/healthz`, 30_000);
  const visitor = await measure(base, 'first visit', '/');
  const citizen = await measure(base, 'signed-in citizen', '/', await signIn(base, '+998 90 111 22 33'));
  await measure(base, 'inspector (for information)', '/inspector', await signIn(base, '+998 90 000 00 01'));
  const served = await fetch(`${base}${visitor.wasm}`, { headers: { 'accept-encoding': 'br' } });
  console.log(`\nserver sends the WASM with content-encoding: ${served.headers.get('content-encoding') || 'none'}, `
    + `cache-control: ${served.headers.get('cache-control') || 'none'}`);
  const total = { brotli: Math.max(visitor.total, citizen.total) };
  const brotliKb = total.brotli / 1024;
  if (brotliKb > BUDGET_BROTLI_KB) {
    console.error(`OVER BUDGET: a first load of / is ${brotliKb.toFixed(1)} KB brotli > ${BUDGET_BROTLI_KB} KB`);
    failed = true;
  } else {
    console.log(`within budget: the larger first load of / is ${brotliKb.toFixed(1)} KB brotli <= ${BUDGET_BROTLI_KB} KB`);
  }
} catch (error) {
  console.error(`bundle benchmark failed: ${error.message}`);
  failed = true;
} finally {
  server.kill('SIGTERM');
  rmSync(dataDir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
