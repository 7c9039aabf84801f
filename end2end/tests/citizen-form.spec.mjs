// A signed-in citizen files an appeal from a phone and follows it on the tracking page.
import { test, expect } from '@playwright/test';
import {
  DAY_MS,
  REGISTRATION_NUMBER,
  expectNoPageErrors,
  parseDate,
  registerViaApi,
  screenshotPath,
  tashkentToday,
  waitForHydratedForm,
  watchPageErrors,
} from './helpers.mjs';

test.use({ viewport: { width: 360, height: 640 }, hasTouch: true, isMobile: true });

test('citizen files an appeal on a phone', async ({ page }) => {
  const text = "Ko'chamizda kechasi chiroq yonmayapti.";

  watchPageErrors(page);
  // A citizen with an account, signed in on this page's browser context.
  const citizen = await registerViaApi(page.request, { fullName: 'Dilnoza Karimova' });
  await page.goto('/');
  await expect(page.locator('h1#form-title')).toHaveText('Murojaat yuborish');
  await waitForHydratedForm(page);

  // Kind: shikoyat (complaint).
  const shikoyat = page.locator('input[name=kind][value=shikoyat]');
  await shikoyat.check();
  await expect(shikoyat).toBeChecked();

  // Mahalla: type part of the name, tap the suggestion.
  const mahalla = page.locator('#mahalla');
  await mahalla.tap();
  await mahalla.fill('Bodom');
  const options = page.locator('#mahalla-options [role=option]');
  await expect(page.locator('#mahalla-options')).toBeVisible();
  await expect(options).toHaveText(['Bodomzor']);
  await options.filter({ hasText: 'Bodomzor' }).tap();
  await expect(mahalla).toHaveValue('Bodomzor');
  await expect(page.locator('#mahalla-options')).toBeHidden();
  await expect(page.locator('#mahalla-hint')).toHaveText('Tanlandi: Bodomzor');

  await page.locator('#address').fill("Bodomzor yo'li, 12-uy");
  // Name and phone come from the account; the citizen may change them for this appeal.
  await expect(page.locator('#name')).toHaveValue(citizen.fullName);
  await expect(page.locator('#phone')).toHaveValue(citizen.phone);
  await page.locator('#phone').fill('+998 90 123 45 67');
  await page.locator('#text').fill(text);

  // The live counter counts characters as they are typed.
  await expect(page.getByTestId('text-counter')).toHaveText(`${text.length} / 4000 belgi`);
  expect(text.length).toBe(38);

  // No errors before the first submission.
  await expect(page.locator('.field-error')).toHaveCount(0);

  await page.screenshot({ path: screenshotPath('citizen-form.png'), fullPage: true });

  await page.locator('form.appeal-form button[type=submit]').tap();

  const numberBox = page.getByTestId('registration-number');
  await expect(numberBox).toHaveText(REGISTRATION_NUMBER);
  const number = (await numberBox.textContent()).trim();

  // Follow the link to the tracking page.
  const link = page.locator(`a[href="/track/${number}"]`);
  await expect(link).toBeVisible();
  await link.tap();
  await expect(page).toHaveURL(new RegExp(`/track/${number}$`));

  await expect(page.locator('h1#track-title')).toContainText(number);
  await expect(page.getByTestId('track-stage')).toHaveText("Qabul qilish va ro'yxatga olish");
  const due = page.getByTestId('track-due');
  await expect(due).toHaveText(/^\d{2}\.\d{2}\.\d{4}$/);
  // A complaint is answered within 15 days of registration (registered today or on the next
  // working day), counted in Tashkent's calendar.
  const dueDay = parseDate((await due.textContent()).trim());
  expect((dueDay - tashkentToday()) / DAY_MS).toBeGreaterThanOrEqual(15);
  await expect(page.getByTestId('track-history').locator('li')).toHaveCount(2);
  // The citizen sees their own data and words.
  await expect(page.getByTestId('personal-name')).toHaveText('Dilnoza Karimova');
  await expect(page.getByTestId('personal-phone')).toHaveText('+998 90 123 45 67');
  await expect(page.getByTestId('personal')).toContainText(text);

  // And finds it under "My appeals".
  await page.goto('/my');
  await expect(page.getByTestId('my-appeals').locator(`a[href="/track/${number}"]`)).toHaveText(number);
  expectNoPageErrors(page);
});
