// An appeal is stored durably: it is still there after the server stops and starts again, and
// so is the session of the citizen who filed it. This test runs its own, second server (not
// the one Playwright started, and without demo data) on its own data.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import {
  REGISTRATION_NUMBER,
  expectNoPageErrors,
  repoRoot,
  validDraft,
  watchPageErrors,
} from './helpers.mjs';

// The binary scripts/test.sh built (it honours CARGO_TARGET_DIR), else the default place.
const BINARY = process.env.SMART_MAHALLA_BIN || './target/release/smart-mahalla';

/** A TCP port that nothing listens on right now. */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Starts the server; its output is kept for the report when something fails. */
function startServer(port, dataDir, log) {
  const child = spawn(BINARY, ['serve', '--addr', `127.0.0.1:${port}`, '--data-dir', dataDir], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.exited = new Promise((resolve) => {
    child.on('exit', (code, signal) => resolve({ code, signal }));
  });
  child.stdout.on('data', (chunk) => log.push(chunk.toString()));
  child.stderr.on('data', (chunk) => log.push(chunk.toString()));
  return child;
}

/** Polls `/healthz` until it answers 200 (or the process dies, or time runs out). */
async function waitHealthy(base, child, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited early with code ${child.exitCode}`);
    try {
      const response = await fetch(`${base}/healthz`);
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${base}/healthz did not answer 200 within ${timeoutMs} ms`);
}

/** Sends SIGTERM and waits for the exit. */
async function stop(child, timeoutMs = 10_000) {
  child.kill('SIGTERM');
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no exit within ${timeoutMs} ms of SIGTERM`)), timeoutMs);
  });
  try {
    return await Promise.race([child.exited, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** The `sm_session=…` pair of a response's Set-Cookie headers. */
function sessionCookie(response) {
  const pair = response.headers
    .getSetCookie()
    .map((header) => header.split(';')[0])
    .find((p) => p.startsWith('sm_session='));
  expect(pair, 'the session cookie').toBeTruthy();
  return pair;
}

test('an appeal survives a server restart', async ({ page }, testInfo) => {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'smart-mahalla-e2e-'));
  const log = [];
  let server;
  watchPageErrors(page);
  try {
    server = startServer(port, dataDir, log);
    await waitHealthy(base, server);

    // A citizen registers (which signs them in) and files an appeal, as curl would.
    const json = { 'content-type': 'application/json', accept: 'application/json' };
    const registered = await fetch(`${base}/api/auth/register`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({
        registration: {
          full_name: 'Aziz Rahimov',
          phone: '+998 91 222 33 44',
          password: 'mahalla-sinov-parol',
          consent: true,
        },
      }),
    });
    expect(registered.status, await registered.clone().text()).toBe(200);
    const cookie = sessionCookie(registered);

    const mahallas = await (await fetch(`${base}/api/mahallas`)).json();
    const submitted = await fetch(`${base}/api/appeals/submit`, {
      method: 'POST',
      headers: { ...json, cookie },
      body: JSON.stringify({ draft: validDraft(mahallas[0].id) }),
    });
    expect(submitted.status, await submitted.clone().text()).toBe(200);
    const { number } = await submitted.json();
    expect(number).toMatch(REGISTRATION_NUMBER);

    // Graceful shutdown: SIGTERM ends the process with exit code 0.
    const first = await stop(server);
    expect(first).toEqual({ code: 0, signal: null });

    server = startServer(port, dataDir, log);
    await waitHealthy(base, server);

    // Sessions are stored in the database too: the citizen is still signed in and sees the
    // appeal with their data.
    const [name, value] = cookie.split(/=(.*)/s);
    await page.context().addCookies([{ name, value, url: base }]);
    const response = await page.goto(`${base}/track/${number}`);
    expect(response.status()).toBe(200);
    await expect(page.locator('h1#track-title')).toContainText(number);
    await expect(page.getByTestId('track-stage')).toHaveText("Qabul qilish va ro'yxatga olish");
    await expect(page.getByTestId('track-history').locator('li')).toHaveCount(2);
    await expect(page.getByTestId('personal-name')).toHaveText('Aziz Rahimov');
    expectNoPageErrors(page);
  } finally {
    if (server && server.exitCode === null && server.signalCode === null) {
      server.kill('SIGTERM');
      const ended = await Promise.race([server.exited, new Promise((r) => setTimeout(r, 5_000, null))]);
      if (!ended) server.kill('SIGKILL');
    }
    await testInfo.attach('server-log', { body: log.join(''), contentType: 'text/plain' });
    rmSync(dataDir, { recursive: true, force: true });
  }
});
