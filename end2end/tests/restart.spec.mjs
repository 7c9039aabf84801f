// An appeal is stored durably: it is still there after the server stops and starts again, and
// so is the session of the citizen who filed it. This test runs its own, second server (not
// the one Playwright started, and without demo data) on its own data.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import {
  REGISTRATION_NUMBER,
  expectNoPageErrors,
  validDraft,
  watchPageErrors,
} from './helpers.mjs';
import { freePort, startServer, stop, stopIfRunning, waitHealthy } from './server.mjs';

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
    await stopIfRunning(server);
    await testInfo.attach('server-log', { body: log.join(''), contentType: 'text/plain' });
    rmSync(dataDir, { recursive: true, force: true });
  }
});
