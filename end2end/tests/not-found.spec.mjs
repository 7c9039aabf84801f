// Unknown appeals and unknown pages answer 404 with a page that says so.
import { test, expect } from '@playwright/test';
import { expectNoPageErrors, registerViaApi, watchPageErrors } from './helpers.mjs';

test('unknown number gives a 404 page', async ({ page }) => {
  watchPageErrors(page);
  const response = await page.goto('/track/SM-2099-999999');
  expect(response.status()).toBe(404);
  await expect(page.getByText('Topilmadi', { exact: true })).toBeVisible();
  await expect(page.locator('section.not-found')).toContainText('SM-2099-999999');

  const missing = await page.goto('/no-such-page');
  expect(missing.status()).toBe(404);
  await expect(page.getByText('Topilmadi', { exact: true })).toBeVisible();
  await expect(page.locator('section.not-found')).toContainText("Bunday sahifa yo'q.");

  // The same for a signed-in citizen.
  await registerViaApi(page.request);
  const signedIn = await page.goto('/track/SM-2099-999998');
  expect(signedIn.status()).toBe(404);
  await expect(page.locator('section.not-found')).toContainText('SM-2099-999998');
  expectNoPageErrors(page);
});
