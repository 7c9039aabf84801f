// Sorting: the form suggests a category as the citizen types, the system records its sorting
// in the history, staff correct it from the panel, and at the Analysis stage the panel lists
// related appeals with a one-click link.
import { test, expect } from '@playwright/test';
import {
  DEMO,
  eventKind,
  REGISTRATION_NUMBER,
  expectNoPageErrors,
  registerViaApi,
  signInViaApi,
  submitViaApi,
  uniquePhone,
  waitForHydratedForm,
  watchPageErrors,
} from './helpers.mjs';

/** The appeal's history as the status API shows it to the client signed in on `request`. */
async function history(request, number) {
  const response = await request.get(`/api/appeals/status?number=${number}`);
  expect(response.status(), await response.text()).toBe(200);
  return (await response.json()).history;
}

/** Opens the panel of `number` on the board as the demo inspector, once it is interactive. */
async function openPanel(page, number) {
  watchPageErrors(page);
  await signInViaApi(page.request, DEMO.inspector.phone);
  await page.goto(`/inspector?open=${number}`);
  await expect(page.locator('section.board-page')).toHaveAttribute('data-hydrated', 'true', { timeout: 15_000 });
  const panel = page.getByTestId('appeal-panel');
  await expect(panel).toHaveAttribute('data-number', number);
  // The panel's code is a chunk of its own: it may come alive a moment after the board.
  await expect(panel).toHaveAttribute('data-hydrated', 'true', { timeout: 15_000 });
  await expect(panel.getByTestId('side-actions')).toBeVisible();
  return panel;
}

/** Moves `number` one stage on as the inspector signed in on `request` (as the board does). */
async function moveViaApi(request, number, to) {
  const status = await (await request.get(`/api/appeals/status?number=${number}`)).json();
  const moved = await request.post('/api/board/move', {
    data: { draft: { number, version: status.version, to } },
  });
  expect(moved.status(), await moved.text()).toBe(200);
}

test.describe('on a phone', () => {
  test.use({ viewport: { width: 360, height: 640 }, hasTouch: true, isMobile: true });

  test('the form suggests a category as the citizen types, and their own choice is kept', async ({ page }) => {
    watchPageErrors(page);
    await registerViaApi(page.request, { fullName: 'Gulnora Saidova' });
    await page.goto('/');
    await waitForHydratedForm(page);
    const category = page.locator('#category');
    const hint = page.getByTestId('category-suggestion');
    await expect(category).toHaveValue('');
    await expect(hint).toContainText('tizim toifani taklif qiladi');

    // A pause in typing asks the system; the choice follows the suggestion.
    await page.locator('#text').fill("Uyimizga uch kundan beri gaz kelmayapti, ovqat pishirolmayapmiz.");
    await expect(category).toHaveValue('utilities');
    await expect(hint).toHaveText('Tizim taklifi: Kommunal xizmatlar. Boshqasini tanlashingiz mumkin.');

    // The citizen picks another category; what they type next no longer changes it.
    await category.selectOption('social');
    await page.locator('#text').fill(
      "Uyimizga uch kundan beri gaz kelmayapti. Men yolg'iz nafaqaxo'rman, ballon olishga pulim yo'q.",
    );
    await expect(hint).toContainText('Tizim taklifi:');
    await page.waitForTimeout(1_500);
    await expect(category).toHaveValue('social');

    await page.locator('input[name=kind][value=ariza]').check();
    const mahalla = page.locator('#mahalla');
    await mahalla.fill('Bodom');
    await page.locator('#mahalla-options [role=option]').filter({ hasText: 'Bodomzor' }).tap();
    await page.locator('#address').fill("Bodomzor yo'li, 3-uy");
    await page.locator('form.appeal-form button[type=submit]').tap();
    await expect(page.getByTestId('registration-number')).toHaveText(REGISTRATION_NUMBER);
    const number = (await page.getByTestId('registration-number').textContent()).trim();

    // Registered in the citizen's category; the history says what the system proposed.
    const events = await history(page.request, number);
    expect(events.map((e) => [eventKind(e), e.actor])).toEqual([
      ['filed', 'citizen'],
      ['classified', 'system'],
    ]);
    await page.goto(`/track/${number}`);
    await expect(page.getByTestId('track-history').locator('li').nth(1)).toContainText(
      'fuqaro tanlagan toifa qoldi: Ijtimoiy yordam',
    );
    expectNoPageErrors(page);
  });
});

test.describe('on a tablet', () => {
  test.use({ viewport: { width: 1024, height: 768 } });

  test('an inspector corrects the category and urgency; the correction is recorded', async ({ page, playwright, baseURL }) => {
    const citizen = await playwright.request.newContext({ baseURL });
    await registerViaApi(citizen, { fullName: 'Shavkat Mirzayev' });
    const number = await submitViaApi(
      citizen,
      { text: "Ko'chamizdagi chiqindi qutilari bir haftadan beri olib ketilmayapti." },
      'Bodomzor',
    );
    await citizen.dispose();

    const panel = await openPanel(page, number);
    const card = page.locator(`article.card[data-number="${number}"]`);
    await expect(card).toContainText('Kommunal xizmatlar');
    await panel.locator('button[data-action=recategorise]').click();
    const dialog = page.getByRole('dialog');
    await expect(dialog.locator('#recategorise-category')).toHaveValue('utilities');
    await expect(dialog.locator('#recategorise-urgent')).not.toBeChecked();

    // Saving it unchanged is refused with the reason; nothing is recorded.
    await dialog.getByRole('button', { name: 'Saqlash' }).click();
    await expect(dialog.locator('.field-error')).toHaveText("Toifa va shoshilinchlik o'zgarmadi.");

    await dialog.locator('#recategorise-category').selectOption('safety');
    await dialog.locator('#recategorise-urgent').check();
    await dialog.locator('#recategorise-note').fill("Chiqindi yonib ketdi, tutun bolalar maydonchasiga ketyapti.");
    await dialog.getByRole('button', { name: 'Saqlash' }).click();
    await expect(dialog).toHaveCount(0);

    await expect(card).toContainText('Jamoat xavfsizligi');
    await expect(card.locator('.badge.urgent')).toBeVisible();
    await expect(panel.getByTestId('track-history')).toContainText('Toifa tuzatildi: Jamoat xavfsizligi, shoshilinch');
    const last = (await history(page.request, number)).at(-1);
    expect(eventKind(last)).toBe('recategorised');
    expect(last).toMatchObject({ actor: 'inspector', actor_name: DEMO.inspector.name });
    expectNoPageErrors(page);
  });

  test('at Analysis the panel lists related appeals with the reason, and one click links a duplicate', async ({ page, playwright, baseURL }) => {
    // One citizen writes twice from the same house about the same leak, in other words.
    const citizen = await playwright.request.newContext({ baseURL });
    const phone = uniquePhone();
    await registerViaApi(citizen, { fullName: 'Zilola Qodirova', phone });
    const address = `Navro'z ko'chasi, ${(Date.now() % 900) + 100}-uy`;
    const first = await submitViaApi(
      citizen,
      { citizen_phone: phone, street_address: address, text: "Ko'chadagi kanalizatsiya quvuri yorilib, iflos suv hovlilarga oqyapti." },
      'Bodomzor',
    );
    const again = await submitViaApi(
      citizen,
      {
        citizen_phone: phone,
        street_address: address.toUpperCase().replace(', ', ' '),
        text: "Kanalizatsiya quvuri hali ham yorilgan, iflos suv hovlilarga oqishda davom etyapti.",
      },
      'Bodomzor',
    );
    await citizen.dispose();

    await signInViaApi(page.request, DEMO.inspector.phone);
    await moveViaApi(page.request, again, 'analysis');
    const panel = await openPanel(page, again);
    const related = panel.getByTestId('related-appeals');
    const item = related.locator(`li.related-item[data-number="${first}"]`);
    await expect(item).toBeVisible();
    await expect(item.locator('[data-reason=same_citizen]')).toHaveText('Shu fuqaro');
    await expect(item.locator('[data-reason=same_address]')).toHaveText('Shu manzil');
    await expect(item.locator('[data-reason=similar_text]')).toHaveText("O'xshash matn");
    await expect(item.locator('.likeness')).toHaveText(/^So'zlari \d+% o'xshash$/);
    await expect(item).toContainText("Ko'chadagi kanalizatsiya quvuri yorilib");

    await item.getByRole('button', { name: `${first}: Takroriy (xuddi shu masala) deb bog'lash` }).click();
    await expect(item).toContainText("Bog'langan: Takroriy (xuddi shu masala)");
    await expect(item.locator('button[data-link]')).toHaveCount(0);
    await expect(panel.getByTestId('links')).toContainText(first);

    const status = await (await page.request.get(`/api/appeals/status?number=${again}`)).json();
    expect(status.links).toEqual([expect.objectContaining({ number: first, kind: 'duplicate' })]);
    expectNoPageErrors(page);
  });
});
