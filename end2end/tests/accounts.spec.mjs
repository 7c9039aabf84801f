// Accounts and who may see what: a citizen's appeal is seen by that citizen and by the
// inspector of its mahalla (who sees the citizen masked on the board, in full on the appeal's
// page, and is audited), and by nobody else; administrators create and deactivate staff.
import { test, expect } from '@playwright/test';
import {
  DEMO,
  REGISTRATION_NUMBER,
  expectNoPageErrors,
  initials,
  maskedPhone,
  normalizedPhone,
  screenshotPath,
  signInViaApi,
  signInViaUi,
  signOutViaUi,
  uniquePhone,
  waitForHydrated,
  waitForHydratedForm,
  watchPageErrors,
} from './helpers.mjs';

test.use({ viewport: { width: 360, height: 640 }, hasTouch: true, isMobile: true });

/** Asserts that none of the citizen's identifying data is anywhere in the page's HTML. */
async function expectNoPersonalData(page, citizen, where) {
  const html = await page.content();
  for (const secret of [citizen.fullName, citizen.phone, normalizedPhone(citizen.phone)]) {
    expect(html.includes(secret), `${where} must not contain "${secret}"`).toBe(false);
  }
}

test("a citizen's appeal is seen only by them and by the inspector of its mahalla", async ({ page }) => {
  test.setTimeout(120_000);
  watchPageErrors(page);
  const citizen = { fullName: 'Zarina Usmonova', phone: uniquePhone(), password: 'bodomzor-parol-2026' };

  // 1. A visitor registers on the home page, which then shows the appeal form.
  await page.goto('/');
  const register = page.getByTestId('register-form');
  await expect(register).toBeVisible();
  await expect(page.locator('form.appeal-form')).toHaveCount(0);
  const registerButton = register.locator('button[type=submit]');
  await waitForHydrated(page, registerButton, 'the registration form');
  await page.locator('#register-name').fill(citizen.fullName);
  await page.locator('#register-phone').fill(citizen.phone);
  await page.locator('#register-password').fill(citizen.password);
  await page.locator('#register-consent').check();
  await expect(page.locator('#register-consent')).toBeChecked();
  await expect(register.locator('.field-error')).toHaveCount(0);
  await page.screenshot({ path: screenshotPath('registration.png'), fullPage: true });
  await registerButton.tap();

  await expect(page.locator('h1#form-title')).toHaveText('Murojaat yuborish');
  await waitForHydratedForm(page);
  await expect(page.locator('header').getByTestId('sign-out')).toBeVisible();
  await expect(page.locator('#name')).toHaveValue(citizen.fullName);
  await expect(page.locator('#phone')).toHaveValue(citizen.phone);

  // 2. They file an appeal in Bodomzor and see its number.
  await page.locator('input[name=kind][value=ariza]').check();
  const mahalla = page.locator('#mahalla');
  await mahalla.tap();
  await mahalla.fill('Bodom');
  await page.locator('#mahalla-options [role=option]').filter({ hasText: 'Bodomzor' }).tap();
  await expect(page.locator('#mahalla-hint')).toHaveText('Tanlandi: Bodomzor');
  await page.locator('#address').fill("Bodomzor yo'li, 21-uy");
  await page.locator('#text').fill("Hovlimiz yonidagi ko'cha chirog'i bir haftadan beri yonmayapti.");
  await page.locator('form.appeal-form button[type=submit]').tap();
  const numberBox = page.getByTestId('registration-number');
  await expect(numberBox).toHaveText(REGISTRATION_NUMBER);
  const number = (await numberBox.textContent()).trim();

  // 3. They sign out: the home page offers registration again.
  await signOutViaUi(page, { tap: true });
  await expect(page.getByTestId('register-form')).toBeVisible();

  // 4. Another citizen signs in and cannot open the first one's appeal by its URL.
  await signInViaUi(page, DEMO.otherCitizen.phone, undefined, { tap: true });
  const refused = await page.goto(`/track/${number}`);
  expect(refused.status()).toBe(403);
  await expect(page.getByTestId('forbidden')).toBeVisible();
  await expect(page.getByTestId('personal')).toHaveCount(0);
  await expect(page.locator('h1#track-title')).toHaveCount(0);
  await expectNoPersonalData(page, citizen, "another citizen's view of the appeal");
  const byOtherCitizen = await page.request.get(`/api/appeals/status?number=${number}`);
  expect(byOtherCitizen.status(), await byOtherCitizen.text()).toBe(403);
  await signOutViaUi(page, { tap: true });

  // 5. The inspector of other mahallas does not see it on their board.
  await signInViaUi(page, DEMO.otherInspector.phone, undefined, { tap: true });
  await expect(page).toHaveURL(/\/inspector$/);
  await expect(page.locator('section.column')).toHaveCount(5);
  await expect(page.locator(`article.card[data-number="${number}"]`)).toHaveCount(0);
  await expectNoPersonalData(page, citizen, "the other inspector's board");
  const byOtherInspector = await page.request.get(`/api/appeals/status?number=${number}`);
  expect(byOtherInspector.status(), await byOtherInspector.text()).toBe(403);
  await signOutViaUi(page, { tap: true });

  // 6. Bodomzor's inspector sees it, with the citizen masked ...
  await signInViaUi(page, DEMO.inspector.phone, undefined, { tap: true });
  await expect(page).toHaveURL(/\/inspector$/);
  await expect(page.locator('section.column')).toHaveCount(5);
  const card = page.locator(`section.column[data-stage=received] article.card[data-number="${number}"]`);
  await expect(card).toBeVisible();
  await expect(card).toContainText('Bodomzor');
  await expect(card.getByTestId('card-citizen')).toHaveText(
    `${initials(citizen.fullName)} · ${maskedPhone(citizen.phone)}`,
  );
  await expectNoPersonalData(page, citizen, 'the board');

  // ... and in full once the card is opened (its panel covers the phone's screen).
  await card.locator('h3 a').tap();
  await expect(page).toHaveURL(new RegExp(`/inspector\\?open=${number}$`));
  const panel = page.getByTestId('appeal-panel');
  await expect(panel.locator('h1#track-title')).toContainText(number);
  await expect(panel.getByTestId('personal-name')).toHaveText(citizen.fullName);
  await expect(panel.getByTestId('personal-phone')).toHaveText(citizen.phone);
  await panel.getByTestId('panel-close').tap();
  await expect(panel).toHaveCount(0);
  await signOutViaUi(page, { tap: true });

  // 7. The system administrator's audit log lists that view, by the inspector.
  await signInViaApi(page.request, DEMO.systemAdmin.phone);
  await page.goto('/admin/audit?action=personal_data_viewed');
  const table = page.getByTestId('audit-table');
  await expect(table).toBeVisible();
  const views = table.locator('tr[data-action=personal_data_viewed]').filter({ hasText: number });
  await expect(views.first()).toBeVisible();
  await expect(views.filter({ hasText: DEMO.inspector.name })).not.toHaveCount(0);
  // Only the inspector's view was recorded: the refused attempts left no such entry.
  for (const other of [DEMO.otherInspector.name, DEMO.otherCitizen.name]) {
    await expect(views.filter({ hasText: other })).toHaveCount(0);
  }
  await expect(table.locator('tbody tr:not([data-action=personal_data_viewed])')).toHaveCount(0);
  expectNoPageErrors(page);
});

test.describe('staff administration', () => {
  // Administrators work at a desk.
  test.use({ viewport: { width: 1280, height: 800 }, hasTouch: false, isMobile: false });

  test('a district administrator adds an inspector and deactivates them', async ({
    page,
    browser,
    baseURL,
  }) => {
    test.setTimeout(120_000);
    watchPageErrors(page);
    const inspector = {
      fullName: 'Jamshid Toshmatov',
      phone: uniquePhone(),
      password: 'inspektor-parol-2026',
    };

    await signInViaApi(page.request, DEMO.districtAdmin.phone);
    await page.goto('/admin/staff');
    await expect(page.locator('h1#staff-title')).toHaveText('Xodimlar');
    const staffTable = page.getByTestId('staff-table');
    await expect(staffTable).toContainText(DEMO.inspector.name);
    const form = page.getByTestId('staff-form');
    const formTitle = form.locator('h2#staff-form-title');
    await expect(formTitle).toHaveText('Yangi xodim');

    // The form's buttons only work once the page is hydrated: pick an existing inspector for
    // editing until the form follows, then go back to a new, empty one.
    await expect(async () => {
      const edit = page.getByRole('button', { name: `Tahrirlash ${DEMO.inspector.name}` });
      await edit.click({ timeout: 2_000 });
      await expect(formTitle).toHaveText('Xodimni tahrirlash', { timeout: 1_000 });
    }).toPass({ timeout: 20_000 });
    await expect(page.locator('#staff-name')).toHaveValue(DEMO.inspector.name);
    await form.getByRole('button', { name: 'Yangi xodim' }).click();
    await expect(formTitle).toHaveText('Yangi xodim');
    await expect(page.locator('#staff-name')).toHaveValue('');

    // 1. A new inspector of Bodomzor.
    await page.locator('#staff-name').fill(inspector.fullName);
    await page.locator('#staff-phone').fill(inspector.phone);
    await expect(page.locator('#staff-role')).toHaveValue('inspector');
    const bodomzor = form.locator('.mahalla-choices label.choice').filter({ hasText: /^Bodomzor$/ });
    await bodomzor.locator('input[type=checkbox]').check();
    await page.locator('#staff-password').fill(inspector.password);
    await form.getByRole('button', { name: 'Saqlash' }).click();

    const row = staffTable.locator('tbody tr').filter({ hasText: inspector.phone });
    await expect(row).toHaveCount(1);
    await expect(row).toContainText(inspector.fullName);
    await expect(row).toContainText('Profilaktika inspektori');
    await expect(row).toContainText('Bodomzor');
    await expect(row).toContainText('Faol');
    await expect(row).not.toContainText('Faol emas');
    await expect(form.locator('.field-error')).toHaveCount(0);

    // 2. The inspector signs in on another device and sees the board.
    const device = await browser.newContext({ baseURL, locale: 'uz-UZ', timezoneId: 'Asia/Tashkent' });
    try {
      const inspectorPage = await device.newPage();
      watchPageErrors(inspectorPage);
      await signInViaUi(inspectorPage, inspector.phone, inspector.password);
      await expect(inspectorPage).toHaveURL(/\/inspector$/);
      await expect(inspectorPage.locator('h1#board-title')).toHaveText('Inspektor doskasi');
      await expect(inspectorPage.locator('section.column')).toHaveCount(5);

      // 3. The administrator deactivates the inspector.
      await row.getByRole('button', { name: `Tahrirlash ${inspector.fullName}` }).click();
      await expect(formTitle).toHaveText('Xodimni tahrirlash');
      await expect(page.locator('#staff-name')).toHaveValue(inspector.fullName);
      const active = page.locator('#staff-active');
      await expect(active).toBeChecked();
      await active.uncheck();
      await form.getByRole('button', { name: 'Saqlash' }).click();
      await expect(row).toContainText('Faol emas');

      // 4. The inspector's next page asks them to sign in, and the board is closed to them.
      const closed = await inspectorPage.goto('/inspector');
      expect(closed.status()).toBe(401);
      await expect(inspectorPage.getByTestId('sign-in-link')).toHaveAttribute('href', '/sign-in?next=%2Finspector');
      await expect(inspectorPage.locator('section.column')).toHaveCount(0);
      await expect(inspectorPage.locator('header').getByTestId('sign-out')).toHaveCount(0);
      const board = await inspectorPage.request.get('/api/board');
      expect(board.status(), await board.text()).toBe(401);
      // Nor can they sign in again.
      const again = await inspectorPage.request.post('/api/auth/sign-in', {
        data: { phone: inspector.phone, password: inspector.password },
      });
      expect(again.status(), await again.text()).toBe(422);
      expectNoPageErrors(inspectorPage);
      expectNoPageErrors(page);
    } finally {
      await device.close();
    }
  });
});
