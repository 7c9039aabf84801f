// The detail panel on the board and its side actions: forwarding to a competent body and
// handing over, linking two appeals, rejecting as not an appeal, extending the term — what the
// board, the panel and the citizen's page show afterwards. Also the directory of bodies.
import { test, expect } from '@playwright/test';
import {
  DEMO,
  apiClientAs,
  expectNoPageErrors,
  registerViaApi,
  screenshotPath,
  signInViaApi,
  submitViaApi,
  watchPageErrors,
} from './helpers.mjs';

test.use({ viewport: { width: 1024, height: 768 } });

/** A fresh appeal in Bodomzor, filed by a new citizen; returns the number and the citizen's client. */
async function freshAppeal(playwright, baseURL, text = "Hovlimizdagi suv quvuri yorilib ketdi.") {
  const citizen = await playwright.request.newContext({ baseURL });
  await registerViaApi(citizen, { fullName: 'Sevara Nazarova' });
  const number = await submitViaApi(citizen, { text }, 'Bodomzor');
  return { number, citizen };
}

/**
 * Opens the board as `phone` with the panel of `number` open, once it is interactive: by a
 * click on the card, or (`direct`) by its address, for a board whose first page may not hold
 * the card.
 */
async function openPanel(page, phone, number, { direct = false } = {}) {
  watchPageErrors(page);
  await signInViaApi(page.request, phone);
  await page.goto(direct ? `/inspector?open=${number}` : '/inspector');
  await expect(page.locator('section.board-page')).toHaveAttribute('data-hydrated', 'true', { timeout: 15_000 });
  if (!direct) {
    await page.locator(`article.card[data-number="${number}"] h3 a`).click();
  }
  await expect(page).toHaveURL(new RegExp(`[?&]open=${number}$`));
  const panel = page.getByTestId('appeal-panel');
  await expect(panel).toHaveAttribute('data-number', number);
  // The panel's code is a chunk of its own: it may come alive a moment after the board.
  await expect(panel).toHaveAttribute('data-hydrated', 'true', { timeout: 15_000 });
  await expect(panel.getByTestId('side-actions')).toBeVisible();
  return panel;
}

const card = (page, number) => page.locator(`article.card[data-number="${number}"]`);

test('an inspector forwards an appeal from the panel and records the hand-over', async ({ page, playwright, baseURL }) => {
  const { number, citizen } = await freshAppeal(playwright, baseURL);
  const panel = await openPanel(page, DEMO.inspector.phone, number);
  // The panel shows the appeal: the citizen's words and the history.
  await expect(panel.getByTestId('personal')).toContainText('Hovlimizdagi suv quvuri yorilib ketdi.');
  await expect(panel.getByTestId('track-history').locator('li')).toHaveCount(2);

  await panel.locator('button[data-action=forward]').click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('vakolatli organga yuborish');
  // Saving an empty form names what is missing and sends nothing.
  await dialog.getByRole('button', { name: 'Saqlash' }).click();
  await expect(dialog.locator('.field-error')).toHaveCount(2);
  await dialog.locator('#forward-body').selectOption({ label: "Yunusobod tumani hokimligi (Hokimlik)" });
  await dialog.locator('#forward-reason').fill("Suv quvurlari hokimlik kommunal xizmatining vakolatida.");
  await dialog.getByRole('button', { name: 'Saqlash' }).click();
  await expect(dialog).toHaveCount(0);

  await expect(panel.getByTestId('forwarding')).toContainText('Yunusobod tumani hokimligi');
  await expect(panel.getByTestId('track-history').locator('li')).toHaveCount(3);
  await expect(card(page, number).getByTestId('forward-badge')).toContainText('Topshirish:');

  await panel.locator('button[data-action=hand-over]').click();
  await expect(panel.getByTestId('forwarding')).toContainText('Topshirildi:');
  await expect(card(page, number).getByTestId('forward-badge')).toContainText('Yuborildi: Yunusobod tumani hokimligi');
  await page.screenshot({ path: screenshotPath('board-panel.png') });

  // Closing the panel leaves the board as it was.
  await panel.getByTestId('panel-close').click();
  await expect(page.getByTestId('appeal-panel')).toHaveCount(0);
  await expect(page).toHaveURL(/\/inspector$/);

  // The citizen reads where the appeal went and why.
  const seen = await (await citizen.get(`/api/appeals/status?number=${number}`)).json();
  expect(seen.forwarding.body).toBe('Yunusobod tumani hokimligi');
  expect(seen.forwarding.reason).toBe("Suv quvurlari hokimlik kommunal xizmatining vakolatida.");
  expect(seen.forwarding.handed_over_at).toBeTruthy();
  await citizen.dispose();
  expectNoPageErrors(page);
});

test('two appeals about the same thing are linked, and a nameless one is rejected', async ({ page, playwright, baseURL }) => {
  const first = await freshAppeal(playwright, baseURL, 'Ariq tozalanmagan, suv toshib ketmoqda.');
  const repeat = await freshAppeal(playwright, baseURL, 'Yana ariq haqida: suv toshib ketmoqda.');
  const panel = await openPanel(page, DEMO.inspector.phone, repeat.number);

  await panel.locator('button[data-action=link]').click();
  let dialog = page.getByRole('dialog');
  await dialog.locator('#link-other').fill(repeat.number);
  await dialog.getByLabel('Takroriy (xuddi shu masala)').check();
  await dialog.getByRole('button', { name: 'Saqlash' }).click();
  await expect(dialog.locator('.field-error')).toContainText("o'zi bilan");
  await dialog.locator('#link-other').fill(first.number.toLowerCase());
  await dialog.getByRole('button', { name: 'Saqlash' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(panel.getByTestId('links')).toContainText(first.number);

  // The repeat names no real person: not considered as an appeal; it leaves the board.
  await panel.locator('button[data-action=reject]').click();
  dialog = page.getByRole('dialog');
  await dialog.getByLabel("Ism yoki yashash joyi yolg'on").check();
  await dialog.locator('#reject-reason').fill("Ko'rsatilgan manzilda bunday fuqaro yashamaydi.");
  await dialog.getByRole('button', { name: 'Saqlash' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(panel.getByTestId('rejection')).toContainText("Ko'rsatilgan manzilda bunday fuqaro yashamaydi.");
  await expect(card(page, repeat.number)).toHaveCount(0);
  await expect(panel.locator('button[data-action=reject]')).toHaveCount(0);

  const seen = await (await repeat.citizen.get(`/api/appeals/status?number=${repeat.number}`)).json();
  expect(seen.rejection.ground).toBe('false_identity');
  expect(seen.links).toEqual([]);
  await first.citizen.dispose();
  await repeat.citizen.dispose();
  expectNoPageErrors(page);
});

test('the district administrator extends a term once, at most by a month', async ({ page, playwright, baseURL }) => {
  const { number, citizen } = await freshAppeal(playwright, baseURL);
  const panel = await openPanel(page, DEMO.districtAdmin.phone, number, { direct: true });
  const before = (await (await citizen.get(`/api/appeals/status?number=${number}`)).json()).due_at;

  await panel.locator('button[data-action=extend]').click();
  const dialog = page.getByRole('dialog');
  const due = dialog.locator('#extend-due');
  const latest = await due.getAttribute('max');
  expect(latest).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  await expect(due).toHaveValue(latest);
  await dialog.locator('#extend-reason').fill("Qo'shimcha tekshiruv: suv idorasidan javob kutilmoqda.");
  await dialog.getByRole('button', { name: 'Saqlash' }).click();
  await expect(dialog).toHaveCount(0);

  await expect(panel.getByTestId('extension')).toContainText('Muddat uzaytirildi');
  const [y, m, d] = latest.split('-');
  await expect(panel.getByTestId('track-due')).toHaveText(`${d}.${m}.${y}`);
  await expect(panel.locator('button[data-action=extend]')).toHaveCount(0);

  const seen = await (await citizen.get(`/api/appeals/status?number=${number}`)).json();
  expect(seen.due_at).toBeGreaterThan(before);
  expect(seen.extension.reason).toBe("Qo'shimcha tekshiruv: suv idorasidan javob kutilmoqda.");
  await citizen.dispose();

  // An inspector has no such button.
  const inspector = await apiClientAs(playwright, baseURL, DEMO.inspector.phone);
  const asInspector = await (await inspector.get(`/api/appeals/status?number=${number}`)).json();
  expect(asInspector.actions.extend_until).toBeNull();
  await inspector.dispose();
  expectNoPageErrors(page);
});

test('an administrator adds a body that the forwarding dialog then offers', async ({ page, playwright, baseURL }) => {
  watchPageErrors(page);
  await signInViaApi(page.request, DEMO.districtAdmin.phone);
  await page.goto('/admin/bodies');
  const form = page.getByTestId('body-form');
  const save = form.locator('button[type=submit]');
  await expect(save).toBeEnabled({ timeout: 15_000 });
  const name = `Yunusobod tumani sudi ${Date.now() % 100000}`;
  await page.locator('#body-name').fill(name);
  await page.locator('#body-kind').selectOption('other');
  await page.locator('#body-contact').fill('Yunusobod, 19-mavze');
  await save.click();
  await expect(page.getByTestId('bodies-table')).toContainText(name);

  const { number, citizen } = await freshAppeal(playwright, baseURL);
  await citizen.dispose();
  const panel = await openPanel(page, DEMO.inspector.phone, number);
  await panel.locator('button[data-action=forward]').click();
  await expect(page.getByRole('dialog').locator('#forward-body option', { hasText: name })).toHaveCount(1);
  expectNoPageErrors(page);
});

test("the open panel shows what someone else does to its appeal, and reloads for it alone", async ({ page, playwright, baseURL }) => {
  const watched = await freshAppeal(playwright, baseURL);
  const other = await freshAppeal(playwright, baseURL, 'Boshqa murojaat: yoritish chirog\'i singan.');
  const panel = await openPanel(page, DEMO.inspector.phone, watched.number);
  await expect(page.getByTestId('live-status')).toHaveAttribute('data-live', 'on', { timeout: 15_000 });

  const admin = await apiClientAs(playwright, baseURL, DEMO.districtAdmin.phone);
  const auditor = await apiClientAs(playwright, baseURL, DEMO.systemAdmin.phone);
  const views = async () => {
    const response = await auditor.get(`/api/audit?action=personal_data_viewed&appeal=${watched.number}&actor_phone=${encodeURIComponent(DEMO.inspector.phone)}`);
    expect(response.status()).toBe(200);
    return (await response.json()).length;
  };

  // Someone else writes to the citizen: the panel shows it without a reload.
  const posted = await admin.post('/api/appeals/message', {
    data: { draft: { number: watched.number, internal: false, body: 'Ertaga usta keladi.' } },
  });
  expect(posted.status(), await posted.text()).toBe(200);
  await expect(panel.getByTestId('thread')).toContainText('Ertaga usta keladi.', { timeout: 5_000 });

  // A change to another appeal reloads the board, not the panel: no new view of this
  // citizen's data is recorded.
  const before = await views();
  const moved = await admin.post('/api/board/move', {
    data: { draft: { number: other.number, version: 1, to: 'analysis' } },
  });
  expect(moved.status(), await moved.text()).toBe(200);
  await expect(page.locator(`section.column[data-stage=analysis] article.card[data-number="${other.number}"]`)).toBeVisible({ timeout: 5_000 });
  await page.waitForTimeout(500);
  expect(await views()).toBe(before);

  for (const client of [admin, auditor, watched.citizen, other.citizen]) await client.dispose();
  expectNoPageErrors(page);
});
