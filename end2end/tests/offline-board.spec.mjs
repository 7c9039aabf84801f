// The inspector's offline shortlist: appeals pinned ("take with me") open without a
// connection, with their history and thread; moves made offline wait in the worker's outbox
// (shown on the board and counted in the header) and are sent when the connection returns,
// with the dialog's record; a move another staff member overtook meanwhile is shown as a
// conflict with both versions, never lost nor applied over theirs.
import { test, expect } from '@playwright/test';
import {
  DEMO,
  apiClientAs,
  eventKind,
  expectNoPageErrors,
  registerViaApi,
  signInViaApi,
  submitViaApi,
  watchPageErrors,
} from './helpers.mjs';

test.use({ viewport: { width: 1280, height: 900 } });

/** A fresh appeal in Bodomzor, moved to Analysis by `staff` (so that Resolution asks for the
 *  analysis in a dialog). */
async function analysedAppeal(playwright, baseURL, staff, text) {
  const citizen = await playwright.request.newContext({ baseURL });
  try {
    await registerViaApi(citizen, { fullName: 'Shahnoza Olimova' });
    const number = await submitViaApi(citizen, { text }, 'Bodomzor');
    const moved = await staff.post('/api/board/move', { data: { draft: { number, version: 1, to: 'analysis' } } });
    expect(moved.status(), await moved.text()).toBe(200);
    return number;
  } finally {
    await citizen.dispose();
  }
}

const card = (page, number) => page.locator(`article.card[data-number="${number}"]`);
const column = (page, stage) => page.locator(`section.column[data-stage="${stage}"]`);
const panel = (page, number) => page.locator(`[data-testid=appeal-panel][data-number="${number}"]`);

async function waitForBoard(page) {
  await expect(page.locator('section.board-page')).toHaveAttribute('data-hydrated', 'true', { timeout: 15_000 });
}

/** Waits until the worker keeps the appeal's page and status for offline reading. */
async function waitUntilKept(page, number) {
  await expect
    .poll(() => page.evaluate(async (n) => {
      const pageKept = await caches.match(`/inspector?open=${n}`, { cacheName: 'sm-pages' });
      const statusKept = await caches.match(`/api/appeals/status?number=${n}`, { cacheName: 'sm-pinned' });
      return !!pageKept && !!statusKept;
    }, number), { timeout: 15_000 })
    .toBe(true);
}

/** Moves the card to Resolution through its menu and the dialog's analysis. */
async function moveToResolution(page, number, analysis) {
  await card(page, number).getByRole('button', { name: `${number}: boshqa bosqichga o'tkazish` }).click();
  await card(page, number).locator('.move-targets button[data-stage=resolution]').click();
  const dialog = page.getByRole('dialog');
  await dialog.locator('#move-analysis').fill(analysis);
  await dialog.getByLabel("O'rta").check();
  await dialog.getByRole('button', { name: "Saqlash va o'tkazish" }).click();
  await expect(dialog).toHaveCount(0);
}

test('pinned appeals open offline; a move made there is sent once online, a conflict is kept', async ({ page, context, playwright, baseURL }) => {
  watchPageErrors(page);
  const inspectorApi = await apiClientAs(playwright, baseURL, DEMO.inspector.phone);
  const adminApi = await apiClientAs(playwright, baseURL, DEMO.districtAdmin.phone);
  try {
    const first = await analysedAppeal(playwright, baseURL, inspectorApi, "Hovlimiz oldidagi chiroq bir haftadan beri yonmaydi.");
    const second = await analysedAppeal(playwright, baseURL, inspectorApi, "Qo'shnimiz kechasi baland ovozda musiqa qo'yadi.");

    await signInViaApi(page.request, DEMO.inspector.phone);
    for (const number of [first, second]) {
      await page.goto(`/inspector?open=${number}`);
      await waitForBoard(page);
      await expect
        .poll(() => page.evaluate(() => !!navigator.serviceWorker.controller), { timeout: 15_000 })
        .toBe(true);
      const pin = panel(page, number).getByTestId('pin-toggle');
      await expect(pin).toHaveText("O'zim bilan olish");
      await pin.click();
      await expect(pin).toHaveAttribute('aria-pressed', 'true');
      await expect(card(page, number).getByTestId('card-pinned')).toBeVisible();
    }
    await waitUntilKept(page, first);
    await waitUntilKept(page, second);

    // In the mahalla, without a connection: both open, with their history and thread.
    await context.setOffline(true);
    for (const number of [first, second]) {
      await page.goto(`/inspector?open=${number}`);
      await waitForBoard(page);
      await expect(panel(page, number)).toBeVisible();
      await expect(panel(page, number).getByTestId('thread')).toBeVisible();
      await expect(panel(page, number).locator('.history li').first()).toBeVisible();
    }

    // Meanwhile, at the office, the district administrator moves the second one on.
    const overtaking = await adminApi.post('/api/board/move', { data: { draft: {
      number: second, version: 2, to: 'resolution',
      analysis: "Tuman ma'muri tahlili: shovqin kechasi takrorlanadi.", severity: 'low',
    } } });
    expect(overtaking.status(), await overtaking.text()).toBe(200);

    // Both moved offline, the first with the dialog's analysis: they wait, shown where they go.
    const analysis = "Chiroq simlari eskirgan; elektr tarmoqlariga xabar berish kerak.";
    await moveToResolution(page, first, analysis);
    await expect(column(page, 'resolution').locator(`article.card[data-number="${first}"]`)).toBeVisible();
    await expect(card(page, first).getByTestId('card-waiting')).toBeVisible();
    await moveToResolution(page, second, "Inspektor tahlili: qo'shnilar bilan suhbat kerak.");
    await expect(page.getByTestId('waiting-badge')).toHaveText("2 ta o'zgarish yuborilishini kutmoqda");

    // Back online: the first move is stored with its record; the second is a conflict.
    await context.setOffline(false);
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    await expect(page.getByTestId('waiting-badge')).toHaveCount(0, { timeout: 15_000 });
    const status = await (await inspectorApi.get(`/api/appeals/status?number=${first}`)).json();
    const moved = status.history.filter((e) => eventKind(e) === 'moved');
    expect(moved.map((e) => e.stage)).toEqual(['analysis', 'resolution']);
    expect(moved[1].actor_name).toBe(DEMO.inspector.name);
    expect(JSON.stringify(moved[1].event)).toContain(analysis);

    const conflict = page.getByTestId('refused-change');
    await expect(conflict).toHaveCount(1);
    await expect(conflict).toHaveAttribute('data-number', second);
    await expect(conflict).toContainText('boshqa xodim');
    await expect(conflict.getByTestId('refused-yours')).toContainText("Inspektor tahlili: qo'shnilar bilan suhbat kerak.");
    await expect(conflict.getByTestId('refused-yours')).toContainText('2-versiya asosida');
    await expect(conflict.getByTestId('refused-now')).toContainText('3-versiya');
    await expect(conflict.getByTestId('refused-now')).toContainText(DEMO.districtAdmin.name);
    const theirs = await (await inspectorApi.get(`/api/appeals/status?number=${second}`)).json();
    expect(theirs.history.filter((e) => eventKind(e) === 'moved').map((e) => e.actor_name))
      .toEqual([DEMO.inspector.name, DEMO.districtAdmin.name]);

    // Seen and dismissed: it leaves the list (and stays gone after a reload).
    await conflict.getByRole('button', { name: 'Bekor qilish' }).click();
    await expect(page.getByTestId('refused-changes')).toHaveCount(0);
    await page.reload();
    await waitForBoard(page);
    await expect(page.getByTestId('refused-changes')).toHaveCount(0);
    expectNoPageErrors(page);
  } finally {
    await inspectorApi.dispose();
    await adminApi.dispose();
  }
});
