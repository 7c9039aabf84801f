// Invalid input on the citizen's form: every field says what is wrong, and nothing is filed.
import { test, expect } from '@playwright/test';
import {
  DEMO,
  apiClientAs,
  boardTotal,
  expectNoPageErrors,
  myAppeals,
  registerViaApi,
  waitForHydratedForm,
  watchPageErrors,
} from './helpers.mjs';

test('invalid input shows errors and creates nothing', async ({ page, playwright, baseURL }) => {
  // The system administrator's board counts every appeal there is.
  const admin = await apiClientAs(playwright, baseURL, DEMO.systemAdmin.phone);
  const before = await boardTotal(admin);

  watchPageErrors(page);
  await registerViaApi(page.request, { fullName: 'Aziz Rahimov' });
  await page.goto('/');
  await waitForHydratedForm(page);
  const form = page.locator('form.appeal-form');
  const submit = form.locator('button[type=submit]');

  // 1. The empty form: one message per field. Name and phone come filled in from the
  // account; they are emptied here so that every field is empty.
  await expect(page.locator('#name')).toHaveValue('Aziz Rahimov');
  await page.locator('#name').fill('');
  await page.locator('#phone').fill('');
  await submit.click();
  const errors = page.locator('.field-error');
  await expect(errors).toHaveCount(6);
  for (const id of ['kind', 'mahalla', 'address', 'name', 'phone', 'text']) {
    await expect(page.locator(`#${id}-error`), `#${id}-error`).toBeVisible();
  }
  await expect(page.locator('#text-error')).toContainText("Bu maydonni to'ldiring.");
  await expect(page.locator('#name-error')).toContainText("Bu maydonni to'ldiring.");
  await expect(form.locator('.notice.error[role=alert]')).toContainText('belgilangan maydonlarni tuzating');
  await expect(form).toBeVisible();
  await expect(page.getByTestId('registration-number')).toHaveCount(0);
  // The focus goes to the first field in error.
  await expect(page.locator('input[name=kind]').first()).toBeFocused();

  // 2. Wrong values: the messages follow the input.
  await page.locator('#mahalla').fill("Yo'q mahalla");
  await expect(page.locator('#mahalla-options .combobox-empty')).toHaveText('Bunday mahalla topilmadi');
  await page.locator('#phone').fill('12345');
  await page.locator('#text').fill('a'.repeat(4001));
  await expect(page.getByTestId('text-counter')).toHaveText('4001 / 4000 belgi');
  await expect(page.getByTestId('text-counter')).toHaveClass(/\bover\b/);
  await expect(page.locator('#text-error')).toContainText('4000');
  await expect(page.locator('#phone-error')).toContainText('+998');
  await expect(page.locator('#mahalla-error')).toHaveText("Mahallani ro'yxatdan tanlang.");
  await expect(page.locator('#text')).toHaveAttribute('aria-invalid', 'true');

  // 3. Submitting again files nothing.
  await submit.click();
  await expect(form).toBeVisible();
  await expect(page.locator('#text-error')).toContainText('4000');
  await expect(page.getByTestId('registration-number')).toHaveCount(0);

  expect(await boardTotal(admin)).toBe(before);
  expect(await myAppeals(page.request)).toEqual([]);
  await admin.dispose();
  expectNoPageErrors(page);
});
