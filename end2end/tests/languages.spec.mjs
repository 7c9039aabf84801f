// The four UI languages: a citizen on a phone switches to Russian in the header, files an
// appeal, and after a reload the answer page is still in Russian (only the Russian strings'
// chunk is fetched, none of the others); the citizen's own words stay as written.
import { test, expect } from '@playwright/test';
import {
  REGISTRATION_NUMBER,
  expectNoPageErrors,
  registerViaApi,
  screenshotPath,
  waitForHydratedForm,
  watchPageErrors,
} from './helpers.mjs';

test.use({ viewport: { width: 360, height: 640 }, hasTouch: true, isMobile: true });

test('a citizen switches to Russian on a phone, files, and reads the answer in Russian', async ({ page }) => {
  // Written in Uzbek Cyrillic: shown as written, never translated.
  const text = 'Кўчамизда кечаси чироқ ёнмаяпти, болалар қоронғида юришади.';
  watchPageErrors(page);
  await registerViaApi(page.request, { fullName: 'Dilnoza Karimova' });
  await page.goto('/');
  await expect(page.locator('html')).toHaveAttribute('lang', 'uz-Latn');
  await expect(page.locator('h1#form-title')).toHaveText('Murojaat yuborish');
  await waitForHydratedForm(page);

  // The switch: its name says what it is and which language is on.
  const summary = page.locator('.language-switch summary');
  await expect(summary).toHaveAttribute('aria-label', "O‘z — Til: O‘zbekcha");
  await summary.tap();
  await page.getByRole('button', { name: 'Русский' }).tap();

  await expect(page.locator('html')).toHaveAttribute('lang', 'ru');
  await expect(page.locator('h1#form-title')).toHaveText('Подать обращение');
  await expect(page.locator('.language-switch summary')).toHaveAttribute('aria-label', 'Ру — Язык: Русский');
  await waitForHydratedForm(page);
  // Longer words, same phone: nothing wider than the screen.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

  // Hydrated in Russian: a refused submission says so in Russian, from the shared validators.
  await page.locator('form.appeal-form button[type=submit]').tap();
  await expect(page.locator('.field-error').first()).toContainText(/[А-Яа-яЁё]/);
  await expect(page.locator('.field-error', { hasText: /[a-z]{3}/ })).toHaveCount(0);

  await page.locator('input[name=kind][value=shikoyat]').check();
  const mahalla = page.locator('#mahalla');
  await mahalla.fill('Bodom');
  await page.locator('#mahalla-options [role=option]').filter({ hasText: 'Bodomzor' }).tap();
  await page.locator('#address').fill('Bodomzor yo‘li, 12-uy');
  await page.locator('#text').fill(text);
  await expect(page.getByTestId('text-counter')).toContainText('символ');
  await page.screenshot({ path: screenshotPath('citizen-form-ru.png'), fullPage: true });

  await page.locator('form.appeal-form button[type=submit]').tap();
  const numberBox = page.getByTestId('registration-number');
  await expect(numberBox).toHaveText(REGISTRATION_NUMBER);
  const number = (await numberBox.textContent()).trim();

  // The answer page, loaded afresh: still Russian, with the citizen's words as written.
  const chunks = [];
  page.on('request', (request) => {
    if (request.url().includes('/pkg/')) chunks.push(request.url());
  });
  await page.goto(`/track/${number}`);
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('lang', 'ru');
  await expect(page.getByTestId('track-stage')).toHaveText('Приём и регистрация');
  await expect(page.getByTestId('track-due')).toHaveText(/^\d{2}\.\d{2}\.\d{4}$/);
  await expect(page.getByText(text)).toBeVisible();
  await expect(page.locator('.site-footer')).toContainText('Smart Mahalla');
  await expect(page.locator('.site-footer')).not.toContainText('fuqarolari');
  expectNoPageErrors(page);
});

test('the language switch works before the page has its code, and keeps the choice in a cookie', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 360, height: 640 } });
  const page = await context.newPage();
  await page.goto('/sign-in');
  await expect(page.locator('html')).toHaveAttribute('lang', 'uz-Latn');
  await page.locator('.language-switch summary').click();
  await page.getByRole('button', { name: 'Ўзбекча' }).click();
  // Sent back to the page it was on (server functions' redirect may leave an empty query).
  await expect(page).toHaveURL(/\/sign-in\??$/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'uz-Cyrl');
  await expect(page.locator('h1')).toHaveText('Тизимга кириш');
  const cookies = await context.cookies();
  expect(cookies.find((c) => c.name === 'sm_lang')?.value).toBe('uz-Cyrl');
  await context.close();
});
