// Bundle-size benchmark: starts the release server (with demo accounts), opens pages in
// Debian's Chromium with an empty cache, records every file under /pkg/ the page loads (the JS,
// the main WASM, the lazy-route chunks of that page, the CSS), and prints raw, gzip and brotli
// sizes of each and in total:
//   - a first visit of `/` (a visitor, sent on to /register) — the budget applies here: it is
//     what a phone downloads the first time anyone opens the site;
//   - `/` for a signed-in citizen and `/inspector` for an inspector, with an empty cache, for
//     information (their main WASM is normally cached from the first visit: hashed names,
//     `immutable`).
// Usage: node bench/bundle.mjs   (after `make build`)
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';
import { freePort, waitFor } from './server.mjs';

// About 220 KB today. Tight enough to catch the splitter keeping every page's constants in the
// main file (+20 KB; see SPLIT_DATA_SLACK in frontend/src/lib.rs), loose enough for a feature.
const BUDGET_BROTLI_KB = 230;
const DEMO_PASSWORD = 'mahalla-demo-2026';
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { chromium } = createRequire(join(root, 'end2end', 'package.json'))('playwright-core');
const bin = process.env.SMART_MAHALLA_BIN
  || join(process.env.CARGO_TARGET_DIR || join(root, 'target'), 'release', 'smart-mahalla');

const kb = (n) => (n / 1024).toFixed(1).padStart(8);

/** Opens `path` in a fresh context (signed in as `phone` when given) and sizes what it loads. */
async function measure(browser, base, label, path, phone) {
  const context = await browser.newContext({ viewport: { width: 360, height: 640 } });
  if (phone) {
    const signed = await context.request.post(`${base}/api/auth/sign-in`, {
      data: { phone, password: DEMO_PASSWORD },
    });
    if (!signed.ok()) throw new Error(`sign-in as ${phone}: HTTP ${signed.status()}`);
  }
  const page = await context.newPage();
  const loads = [];
  page.on('response', (response) => {
    if (new URL(response.url()).pathname.startsWith('/pkg/')) loads.push(response);
  });
  await page.goto(`${base}${path}`, { waitUntil: 'networkidle' });
  const landed = new URL(page.url()).pathname;
  const files = [];
  for (const response of loads) {
    const body = await response.body();
    files.push({ name: new URL(response.url()).pathname, body });
  }
  await context.close();
  if (!files.some((f) => f.name.endsWith('.wasm')) || !files.some((f) => f.name.endsWith('.js'))) {
    throw new Error(`${path} loaded no JS/WASM under /pkg: ${files.map((f) => f.name).join(', ')}`);
  }
  console.log(`\n${label}: ${path} → ${landed} (${files.length} files)`);
  console.log(`${'file'.padEnd(60)}      raw     gzip   brotli  (KB)`);
  const total = { raw: 0, gzip: 0, brotli: 0 };
  for (const { name, body } of files.sort((a, b) => b.body.length - a.body.length)) {
    const sizes = {
      raw: body.length,
      gzip: gzipSync(body, { level: 9 }).length,
      brotli: brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
    };
    for (const k of Object.keys(total)) total[k] += sizes[k];
    if (sizes.raw >= 2048) console.log(`${name.slice(0, 60).padEnd(60)} ${kb(sizes.raw)} ${kb(sizes.gzip)} ${kb(sizes.brotli)}`);
  }
  console.log(`${'(files under 2 KB are counted, not listed)'.padEnd(60)}`);
  console.log(`${'total'.padEnd(60)} ${kb(total.raw)} ${kb(total.gzip)} ${kb(total.brotli)}`);
  return { total: total.brotli, wasm: files.find((f) => f.name.endsWith('.wasm')).name };
}

const port = await freePort();
const dataDir = mkdtempSync(join(tmpdir(), 'sm-bundle-'));
const server = spawn(bin, ['serve', '--addr', `127.0.0.1:${port}`, '--data-dir', dataDir, '--demo'], {
  cwd: root, stdio: ['ignore', 'ignore', 'inherit'],
});
let failed = false;
let browser;
try {
  const base = `http://127.0.0.1:${port}`;
  await waitFor(`${base}/healthz`, 30_000);
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  const first = await measure(browser, base, 'first visit', '/');
  await measure(browser, base, 'signed-in citizen, empty cache (information)', '/', '+998 90 111 22 33');
  await measure(browser, base, 'inspector, empty cache (information)', '/inspector', '+998 90 000 00 01');
  const served = await fetch(`${base}${first.wasm}`, { headers: { 'accept-encoding': 'br' } });
  console.log(`\nserver sends the WASM with content-encoding: ${served.headers.get('content-encoding') || 'none'}, `
    + `cache-control: ${served.headers.get('cache-control') || 'none'}`);
  const brotliKb = first.total / 1024;
  if (brotliKb > BUDGET_BROTLI_KB) {
    console.error(`OVER BUDGET: the first visit loads ${brotliKb.toFixed(1)} KB brotli > ${BUDGET_BROTLI_KB} KB`);
    failed = true;
  } else {
    console.log(`within budget: the first visit loads ${brotliKb.toFixed(1)} KB brotli <= ${BUDGET_BROTLI_KB} KB`);
  }
} catch (error) {
  console.error(`bundle benchmark failed: ${error.message}`);
  failed = true;
} finally {
  await browser?.close();
  server.kill('SIGTERM');
  rmSync(dataDir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
