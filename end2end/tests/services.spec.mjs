// The catalogue of public services on a phone: a visitor finds a service by a word, a citizen
// files an appeal about one (the form opens with its category chosen), the page reads offline
// once visited, and an administrator edits a service.
import { test, expect } from '@playwright/test';
import {
  DEMO,
  expectNoPageErrors,
  registerViaApi,
  signInViaApi,
  waitForHydrated,
  waitForHydratedForm,
  watchPageErrors,
} from './helpers.mjs';

test.use({ viewport: { width: 360, height: 640 }, hasTouch: true, isMobile: true });

test('a visitor finds a service by a word, and it reads offline once visited', async ({ page, context }) => {
  watchPageErrors(page);
  await page.goto('/register');
  await page.locator('header nav').getByRole('link', { name: 'Xizmatlar' }).tap();
  await expect(page).toHaveURL(/\/services$/);
  await expect(page.locator('h1')).toHaveText('Davlat xizmatlari');
  const cards = page.getByTestId('service');
  await expect(cards).toHaveCount(15);
  await expect(page.getByTestId('services-found')).toHaveText('15 ta xizmat');

  const search = page.locator('#services-q');
  await waitForHydrated(page, page.locator('.search button'), 'the search');
  await search.fill('gaz');
  await expect(cards).toHaveCount(1);
  await expect(cards.first().locator('h2')).toHaveText("Tabiiy gaz tarmog'iga ulanish");
  await expect(page.getByTestId('services-found')).toHaveText('1 ta xizmat');
  await search.fill('nafaqa');
  await expect(cards).toHaveCount(2);
  await search.fill('qwertyuiop');
  await expect(cards).toHaveCount(0);
  await expect(page.getByTestId('services-found')).toContainText('topilmadi');
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

  // Kept by the service worker: the catalogue opens without a connection.
  await expect
    .poll(() => page.evaluate(() => !!navigator.serviceWorker.controller), { timeout: 15_000 })
    .toBe(true);
  await page.goto('/services');
  await expect(cards).toHaveCount(15);
  await context.setOffline(true);
  await page.reload();
  await expect(page.locator('h1')).toHaveText('Davlat xizmatlari');
  await expect(cards).toHaveCount(15);
  await context.setOffline(false);
  expectNoPageErrors(page);
});

test('a citizen files an appeal about a service: the form opens with its category', async ({ page }) => {
  watchPageErrors(page);
  await registerViaApi(page.request, { fullName: 'Malika Tursunova' });
  await page.goto('/services?q=yuridik');
  const card = page.getByTestId('service').filter({ hasText: 'Bepul yuridik maslahat' });
  await expect(card).toHaveCount(1);
  await card.getByRole('link', { name: 'Shu haqda murojaat yuborish' }).tap();
  await expect(page).toHaveURL(/\/\?category=legal$/);
  await waitForHydratedForm(page);
  await expect(page.locator('#category')).toHaveValue('legal');
  // Typing does not change a category chosen on purpose.
  await page.locator('#text').fill("Qo'shnim hovlimizning bir qismini o'ziniki deb da'vo qilyapti, hujjatlarim bor.");
  await page.waitForTimeout(1500);
  await expect(page.locator('#category')).toHaveValue('legal');
  expectNoPageErrors(page);
});

test('an administrator edits a service and citizens read the new words', async ({ page }) => {
  watchPageErrors(page);
  await signInViaApi(page.request, DEMO.systemAdmin.phone);
  await page.goto('/admin/services');
  const form = page.getByTestId('service-form');
  await waitForHydrated(page, form.locator('button[type=submit]'), 'the catalogue form');
  const row = page.getByTestId('services-table').locator('tr').filter({ hasText: 'Profilaktika inspektorining qabuli' });
  await row.getByRole('button').tap();
  await expect(page.locator('#service-name')).toHaveValue('Profilaktika inspektorining qabuli');
  await page.locator('#service-hours').fill('Se, Pa, 18:00–20:00; Sha, 10:00–14:00');
  await form.locator('button[type=submit]').tap();
  await expect(page.locator('#service-name')).toHaveValue('');

  await page.goto('/services?q=inspektor');
  await expect(page.getByTestId('service').filter({ hasText: 'Sha, 10:00–14:00' })).toHaveCount(1);
  expectNoPageErrors(page);
});
