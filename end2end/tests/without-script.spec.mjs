// The citizen's way in works before the page's code arrives, or with no JavaScript at all: the
// registration, sign-in and appeal forms post to their page, which answers them. And what a
// citizen types while the code is still on its way is kept once it runs.
import { test, expect } from '@playwright/test';
import {
  REGISTRATION_NUMBER,
  expectNoPageErrors,
  myAppeals,
  registerViaApi,
  uniquePhone,
  waitForHydratedForm,
  watchPageErrors,
} from './helpers.mjs';

test.describe('with JavaScript switched off', () => {
  test.use({ javaScriptEnabled: false, viewport: { width: 360, height: 640 } });

  test('a visitor registers and files an appeal; a refused form comes back as typed', async ({ page }) => {
    const phone = uniquePhone();
    await page.goto('/');
    await expect(page).toHaveURL(/\/register$/);
    await page.locator('#register-name').fill('Gulnora Tursunova');
    await page.locator('#register-phone').fill(phone);
    await page.locator('#register-password').fill('bodomzor-parol-2026');
    // Without consent the server refuses, and says why under the box; the name stays.
    await page.getByTestId('register-form').locator('button[type=submit]').click();
    await expect(page.locator('#register-consent-error')).toBeVisible();
    await expect(page.locator('#register-name')).toHaveValue('Gulnora Tursunova');
    await expect(page.locator('#register-password')).toHaveValue('');
    await page.locator('#register-password').fill('bodomzor-parol-2026');
    await page.locator('#register-consent').check();
    await page.getByTestId('register-form').locator('button[type=submit]').click();

    // Registered and signed in: the appeal form, with the account's name.
    await expect(page.locator('h1#form-title')).toHaveText('Murojaat yuborish');
    await expect(page.locator('#name')).toHaveValue('Gulnora Tursunova');
    await page.locator('input[name=kind][value=shikoyat]').check();
    await page.locator('#mahalla').fill('Bodomzor');
    await page.locator('#address').fill("Bodomzor yo'li, 3-uy");
    // The text is left empty: refused, everything else as typed, the problem under the text.
    const submit = page.locator('form.appeal-form button[type=submit]');
    await submit.click();
    await expect(page.locator('#text-error')).toBeVisible();
    await expect(page.locator('#address')).toHaveValue("Bodomzor yo'li, 3-uy");
    await expect(page.locator('#mahalla')).toHaveValue('Bodomzor');
    await expect(page.locator('input[name=kind][value=shikoyat]')).toBeChecked();
    expect(await myAppeals(page.request)).toHaveLength(0);

    await page.locator('#text').fill("Hovlidagi bolalar maydonchasining arg'imchog'i singan.");
    await submit.click();
    // Registered: the appeal's own page, with its number and first stage.
    await expect(page).toHaveURL(/\/track\/SM-\d{4}-\d{6}$/);
    const number = page.url().split('/track/')[1];
    expect(number).toMatch(REGISTRATION_NUMBER);
    await expect(page.locator('h1#track-title')).toContainText(number);
    await expect(page.getByTestId('track-stage')).toHaveText("Qabul qilish va ro'yxatga olish");
    const mine = await myAppeals(page.request);
    expect(mine.map((a) => a.number)).toEqual([number]);
  });

  test('sign-in works without the page code and goes on where it was asked to', async ({ page }) => {
    const citizen = await registerViaApi(page.request, { fullName: 'Olim Sobirov' });
    await page.context().clearCookies();
    await page.goto('/sign-in?next=/my');
    await page.locator('#sign-in-phone').fill(citizen.phone);
    await page.locator('#sign-in-password').fill('noto-g-ri-parol');
    await page.getByTestId('sign-in-form').locator('button[type=submit]').click();
    await expect(page.locator('#sign-in-password-error')).toBeVisible();
    await expect(page.locator('#sign-in-phone')).toHaveValue(citizen.phone);
    await page.locator('#sign-in-password').fill(citizen.password);
    await page.getByTestId('sign-in-form').locator('button[type=submit]').click();
    await expect(page).toHaveURL(/\/my$/);
  });
});

test.describe('while the page code is on its way', () => {
  test.use({ viewport: { width: 360, height: 640 }, hasTouch: true, isMobile: true });

  test('what the citizen typed before the page became interactive is kept', async ({ page }) => {
    watchPageErrors(page);
    await registerViaApi(page.request, { fullName: 'Kamola Yusupova' });
    // Hold the page's WebAssembly until the citizen has typed.
    let release;
    const held = new Promise((resolve) => { release = resolve; });
    await page.route((url) => url.pathname.endsWith('.wasm'), async (route) => {
      await held;
      await route.continue();
    });
    await page.goto('/');
    await expect(page.locator('h1#form-title')).toHaveText('Murojaat yuborish');
    const submit = page.locator('form.appeal-form button[type=submit]');
    await expect(submit).toHaveAttribute('data-hydrated', 'false');
    await page.locator('input[name=kind][value=ariza]').check();
    await page.locator('#mahalla').fill('Bodomzor');
    await page.locator('#address').fill("Bodomzor yo'li, 21-uy");
    const text = "Ko'chadagi quduq qopqog'i yo'q, bolalar uchun xavfli.";
    await page.locator('#text').fill(text);
    release();
    await waitForHydratedForm(page);
    await expect(page.locator('#address')).toHaveValue("Bodomzor yo'li, 21-uy");
    await expect(page.locator('#text')).toHaveValue(text);
    await expect(page.locator('#mahalla')).toHaveValue('Bodomzor');
    await expect(page.locator('input[name=kind][value=ariza]')).toBeChecked();
    // The page's code follows what was typed: the counter counts it.
    await expect(page.getByTestId('text-counter')).toHaveText(`${text.length} / 4000 belgi`);
    await submit.tap();
    await expect(page.getByTestId('registration-number')).toHaveText(REGISTRATION_NUMBER);
    expect(await myAppeals(page.request)).toHaveLength(1);
    expectNoPageErrors(page);
  });
});
