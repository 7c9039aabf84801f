// The installable app: a manifest and icons Chromium accepts for installing, a service worker
// that keeps pages for offline reading, and the citizen's form that loses no appeal and files
// none twice — its draft survives a closed tab, a double tap or a retried request registers one
// appeal, and an appeal sent without a connection waits in the worker's outbox until the
// connection returns.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test, expect, chromium } from '@playwright/test';
import {
  REGISTRATION_NUMBER,
  expectNoPageErrors,
  myAppeals,
  registerViaApi,
  waitForHydratedForm,
  watchPageErrors,
} from './helpers.mjs';

test.use({ viewport: { width: 360, height: 640 }, hasTouch: true, isMobile: true });

/** Width and height of a PNG, from its IHDR chunk. */
function pngSize(bytes) {
  expect([...bytes.subarray(1, 4)].map((b) => String.fromCharCode(b)).join('')).toBe('PNG');
  return [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
}

/** Waits until a service worker controls the page. */
async function waitForWorker(page) {
  await expect
    .poll(() => page.evaluate(() => !!navigator.serviceWorker.controller), { timeout: 15_000 })
    .toBe(true);
}

/** Fills the appeal form with a valid appeal in Bodomzor. */
async function fillForm(page, text) {
  await page.locator('input[name=kind][value=ariza]').check();
  const mahalla = page.locator('#mahalla');
  await mahalla.fill('Bodom');
  await page.locator('#mahalla-options [role=option]').filter({ hasText: 'Bodomzor' }).tap();
  await expect(page.locator('#mahalla-hint')).toHaveText('Tanlandi: Bodomzor');
  await page.locator('#address').fill("Bodomzor yo'li, 7-uy");
  await page.locator('#text').fill(text);
}

const submitButton = (page) => page.locator('form.appeal-form button[type=submit]');

test('the app is installable: manifest, icons and a service worker Chromium accepts', async ({ request, baseURL, browserName }, testInfo) => {
  const answer = await request.get('/manifest.webmanifest');
  expect(answer.status()).toBe(200);
  expect(answer.headers()['content-type']).toContain('application/manifest+json');
  const manifest = await answer.json();
  expect(manifest).toMatchObject({
    name: 'Smart Mahalla — murojaatlar',
    short_name: 'Smart Mahalla',
    lang: 'uz-Latn',
    start_url: '/',
    display: 'standalone',
    theme_color: '#0b6e4f',
  });
  expect(manifest.shortcuts.map((s) => [s.name, s.url])).toEqual([
    ['Yangi murojaat', '/'],
    ['Murojaatlar taxtasi', '/inspector'],
  ]);
  const purposes = new Set();
  for (const icon of manifest.icons) {
    const file = await request.get(icon.src);
    expect(file.status(), icon.src).toBe(200);
    expect(file.headers()['content-type']).toBe('image/png');
    const [width, height] = pngSize(await file.body());
    expect(`${width}x${height}`).toBe(icon.sizes);
    purposes.add(`${icon.sizes} ${icon.purpose}`);
  }
  expect([...purposes].sort()).toEqual(['192x192 any', '192x192 maskable', '512x512 any', '512x512 maskable']);

  const worker = await request.get('/sw.js');
  expect(worker.status()).toBe(200);
  expect(worker.headers()['cache-control']).toBe('no-cache');
  expect(await worker.text()).toMatch(/const BUILD_FILES = new Set\(\["\/pkg\//);

  // Chromium installs nothing from an incognito window, which every test context is: this
  // check runs in a browser with a profile of its own.
  expect(browserName).toBe('chromium');
  const profile = mkdtempSync(path.join(tmpdir(), 'sm-install-'));
  const { launchOptions, viewport } = testInfo.project.use;
  const browser = await chromium.launchPersistentContext(profile, { ...launchOptions, baseURL, viewport });
  try {
    const page = browser.pages()[0] || (await browser.newPage());
    watchPageErrors(page);
    await page.goto('/register');
    await expect(page.locator('link[rel=manifest]')).toHaveAttribute('href', '/manifest.webmanifest?lang=uz-Latn');
    await waitForWorker(page);
    const devtools = await browser.newCDPSession(page);
    const { installabilityErrors } = await devtools.send('Page.getInstallabilityErrors');
    expect(installabilityErrors).toEqual([]);

    // A page never opened before shows the offline page without a connection.
    await browser.setOffline(true);
    await page.goto('/track');
    await expect(page.locator('h1')).toHaveText("Internet aloqasi yo'q");
    await browser.setOffline(false);
    expectNoPageErrors(page);
  } finally {
    await browser.close();
    rmSync(profile, { recursive: true, force: true });
  }
});

test('offline, the form keeps the appeal and sends it once when the connection returns', async ({ page, context }) => {
  watchPageErrors(page);
  await registerViaApi(page.request, { fullName: 'Gulnora Saidova' });
  await page.goto('/');
  await waitForHydratedForm(page);
  await waitForWorker(page);
  const text = "Mahallamizdagi bolalar maydonchasida belanchak singan.";
  await fillForm(page, text);

  await context.setOffline(true);
  await submitButton(page).tap();
  const queued = page.getByTestId('appeal-queued');
  await expect(queued).toContainText('Murojaat saqlandi');
  await expect(page.getByTestId('waiting-badge')).toHaveText("1 ta o'zgarish yuborilishini kutmoqda");

  // Still offline, the page opens again from the worker, the appeal still waiting.
  await page.reload();
  await expect(page.getByTestId('appeal-queued')).toBeVisible();
  await expect(page.locator('#text')).toHaveValue(text);

  await context.setOffline(false);
  const number = page.getByTestId('registration-number');
  await expect(number).toHaveText(REGISTRATION_NUMBER, { timeout: 15_000 });
  const mine = await myAppeals(page.request);
  expect(mine.map((a) => a.number)).toEqual([await number.textContent()]);
  await expect(page.getByTestId('waiting-badge')).toHaveCount(0);
  // Registered: the form starts empty next time.
  await page.reload();
  await waitForHydratedForm(page);
  await expect(page.locator('#text')).toHaveValue('');
  await expect(page.getByTestId('draft-restored')).toHaveCount(0);
  expectNoPageErrors(page);
});

test.describe('without a service worker', () => {
  // The page's own requests, so that the test can lose an answer on its way back.
  test.use({ serviceWorkers: 'block' });

  test('a double tap and a retried request register one appeal, and a closed tab keeps the draft', async ({ page, context }) => {
    watchPageErrors(page);
    await registerViaApi(page.request, { fullName: 'Jasur Qodirov' });
    await page.goto('/');
    await waitForHydratedForm(page);
    const text = "Ko'chamizdagi ariq to'lib, suv yo'lga chiqmoqda.";
    await fillForm(page, text);

    // The tab is closed before sending; the citizen comes back to what they typed.
    await page.close();
    const again = await context.newPage();
    watchPageErrors(again);
    await again.goto('/');
    await waitForHydratedForm(again);
    await expect(again.getByTestId('draft-restored')).toBeVisible();
    await expect(again.locator('#text')).toHaveValue(text);
    await expect(again.locator('#mahalla')).toHaveValue('Bodomzor');

    // The first answer is lost after the server stored the appeal.
    let lost = 0;
    await again.route('**/api/appeals/submit', async (route) => {
      if (lost === 0) {
        lost += 1;
        await route.fetch();
        await route.abort('connectionreset');
      } else {
        await route.continue();
      }
    });
    await submitButton(again).tap();
    await expect(again.locator('.notice.error[role=alert]')).toContainText("Internet aloqasi yo'q");
    expect(lost).toBe(1);
    // Tapped twice in a row.
    await submitButton(again).dblclick();
    const number = again.getByTestId('registration-number');
    await expect(number).toHaveText(REGISTRATION_NUMBER);
    const mine = await myAppeals(again.request);
    expect(mine.map((a) => a.number)).toEqual([await number.textContent()]);
    expectNoPageErrors(again);
  });
});
