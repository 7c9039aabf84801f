// The optional map point on a phone: the citizen taps "Use my location" (the browser's
// geolocation), the form says how precise it is, and the appeal is filed with the address and
// the point; the citizen's page links their point to a map, while staff see it hidden until
// they ask (each view audited). A refused permission is said plainly and the form still sends.
import { test, expect } from '@playwright/test';
import {
  DEMO,
  REGISTRATION_NUMBER,
  expectNoPageErrors,
  registerViaApi,
  signInViaApi,
  waitForHydratedForm,
  watchPageErrors,
} from './helpers.mjs';

const PHONE = { viewport: { width: 360, height: 640 }, hasTouch: true, isMobile: true };
const HERE = { latitude: 41.36612, longitude: 69.28753, accuracy: 12 };

/** Registers `fullName`, opens the form, fills its required fields in Bodomzor (the demo
 *  inspector's mahalla) and taps "Use my location". */
async function fillTheFormAskingForLocation(page, fullName) {
  await registerViaApi(page.request, { fullName });
  await page.goto('/');
  await waitForHydratedForm(page);
  await page.locator('input[name=kind][value=ariza]').check();
  await page.locator('#mahalla').fill('Bodom');
  await page.locator('#mahalla-options [role=option]').filter({ hasText: 'Bodomzor' }).tap();
  await page.locator('#address').fill("Bodomzor yo'li, 14-uy");
  await page.locator('#text').fill("Hovlimizdagi quduq qopqog'i singan, bolalar tushib ketishi mumkin.");
  await page.getByTestId('use-location').tap();
}

test.describe('with the position allowed', () => {
  test.use({ ...PHONE, geolocation: HERE, permissions: ['geolocation'] });

  test('a citizen adds their location; staff see it only when they ask', async ({ page, browser }) => {
    watchPageErrors(page);
    await fillTheFormAskingForLocation(page, 'Sardor Aliyev');
    await expect(page.getByTestId('location-added')).toContainText("Joylashuv qo'shildi (±12 m)");
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.locator('form.appeal-form button[type=submit]').tap();
    const numberBox = page.getByTestId('registration-number');
    await expect(numberBox).toHaveText(REGISTRATION_NUMBER);
    const number = (await numberBox.textContent()).trim();

    await page.goto(`/track/${number}`);
    const own = page.getByTestId('location-link');
    await expect(own).toHaveAttribute('href', /openstreetmap\.org\/\?mlat=41\.36612&mlon=69\.28753/);

    const staff = await browser.newContext(PHONE);
    const inspector = await staff.newPage();
    await signInViaApi(inspector.request, DEMO.inspector.phone);
    await inspector.goto(`/track/${number}`);
    const row = inspector.getByTestId('personal-location');
    await expect(row).toContainText('yashirilgan');
    expect(await inspector.content()).not.toContain('41.36612');
    await inspector.getByTestId('reveal-location').tap();
    await expect(inspector.getByTestId('location-link')).toHaveAttribute('href', /mlat=41\.36612/);
    await staff.close();
    expectNoPageErrors(page);
  });
});

test.describe('with the position refused', () => {
  test.use({ ...PHONE, permissions: [] });

  test('a refused permission is said plainly and the appeal goes with its address', async ({ page }) => {
    watchPageErrors(page);
    await fillTheFormAskingForLocation(page, 'Malika Tursunova');
    await expect(page.getByTestId('location-failure')).toContainText('Joylashuvga ruxsat berilmadi');
    await page.locator('form.appeal-form button[type=submit]').tap();
    await expect(page.getByTestId('registration-number')).toHaveText(REGISTRATION_NUMBER);
    expectNoPageErrors(page);
  });
});
