// Moving cards on the inspector's board: with a mouse, with touch, with the keyboard and with
// the "move to…" menu; the dialogs a stage needs; refusals; conflicts between two browsers;
// live updates without reload.
import { test, expect } from '@playwright/test';
import {
  DEMO,
  eventKind,
  expectNoPageErrors,
  registerViaApi,
  signInViaApi,
  submitViaApi,
  watchPageErrors,
} from './helpers.mjs';

/** A fresh appeal in Bodomzor (the demo inspector's mahalla), filed by a new citizen. */
async function freshAppeal(playwright, baseURL, text = "Ko'chada chiroq yonmayapti.") {
  const citizen = await playwright.request.newContext({ baseURL });
  try {
    await registerViaApi(citizen, { fullName: 'Malika Tursunova' });
    return await submitViaApi(citizen, { text }, 'Bodomzor');
  } finally {
    await citizen.dispose();
  }
}

/** Opens the board as the demo inspector and waits until it is interactive and live. */
async function openBoard(page, query = '') {
  watchPageErrors(page);
  await signInViaApi(page.request, DEMO.inspector.phone);
  await page.goto(`/inspector${query}`);
  await expect(page.locator('section.board-page')).toHaveAttribute('data-hydrated', 'true', { timeout: 15_000 });
  await expect(page.getByTestId('live-status')).toHaveAttribute('data-live', 'on', { timeout: 15_000 });
}

const card = (page, number) => page.locator(`article.card[data-number="${number}"]`);
const column = (page, stage) => page.locator(`section.column[data-stage="${stage}"]`);

async function expectIn(page, number, stage) {
  await expect(column(page, stage).locator(`article.card[data-number="${number}"]`)).toBeVisible();
  await expect(card(page, number)).toHaveCount(1);
}

/** The appeal's history as its page's API shows it (signed in on `request`). */
async function history(request, number) {
  const response = await request.get(`/api/appeals/status?number=${number}`);
  expect(response.status(), await response.text()).toBe(200);
  return (await response.json()).history;
}

/**
 * The filing and the moves between stages, in order: the history without the events that
 * leave the appeal where it is (the system's sorting, messages, links).
 */
async function moves(request, number) {
  return (await history(request, number)).filter((e) => ['filed', 'moved'].includes(eventKind(e)));
}

/**
 * Where the card and the column are on screen. A live update may draw the board anew at any
 * moment (the card's element is replaced), so this waits until both can be measured.
 */
async function boxes(page, number, part, stage) {
  let found = null;
  await expect(async () => {
    await card(page, number).locator(part).first().scrollIntoViewIfNeeded({ timeout: 1_000 });
    const from = await card(page, number).locator(part).first().boundingBox();
    const to = await column(page, stage).boundingBox();
    expect(from && to).toBeTruthy();
    found = { from, to };
  }).toPass();
  return found;
}

/** Drags with the mouse from the card's body to the middle of a column, in small steps. */
async function mouseDrag(page, number, stage) {
  const { from, to } = await boxes(page, number, '.meta', stage);
  await page.mouse.move(from.x + 10, from.y + 5);
  await page.mouse.down();
  const steps = 12;
  for (let i = 1; i <= steps; i++) {
    await page.mouse.move(from.x + 10 + ((to.x + to.width / 2 - from.x - 10) * i) / steps, from.y + 5);
  }
  await page.mouse.up();
}

test.describe('on a tablet in landscape (1024×768) with a mouse', () => {
  test.use({ viewport: { width: 1024, height: 768 } });

  test('dragging to Analysis assigns the inspector and is recorded', async ({ page, playwright, baseURL }) => {
    const number = await freshAppeal(playwright, baseURL);
    await openBoard(page);
    await expectIn(page, number, 'received');

    await mouseDrag(page, number, 'analysis');

    await expectIn(page, number, 'analysis');
    await expect(card(page, number).getByTestId('card-assignee')).toHaveText(`Ijrochi: ${DEMO.inspector.name}`);
    await expect(page.getByTestId('board-announcer')).toContainText(`${number} «Tahlil» bosqichiga o'tkazildi`);
    // Still there after a reload: the server recorded it, with its author.
    await page.reload();
    await expectIn(page, number, 'analysis');
    const events = await history(page.request, number);
    // Registered by the citizen, sorted by the system, moved by the inspector.
    expect(events.map((e) => [eventKind(e), e.actor])).toEqual([
      ['filed', 'citizen'],
      ['classified', 'system'],
      ['moved', 'inspector'],
    ]);
    expect(events[2]).toMatchObject({
      stage: 'analysis',
      actor: 'inspector',
      event: { moved: { from: 'received', to: 'analysis' } },
    });
    expectNoPageErrors(page);
  });

  test('a click without movement opens the appeal, never moves it', async ({ page, playwright, baseURL }) => {
    const number = await freshAppeal(playwright, baseURL);
    await openBoard(page);
    await card(page, number).locator('h3 a').click();
    await expect(page).toHaveURL(new RegExp(`/inspector\\?open=${number}$`));
    await expect(page.getByTestId('appeal-panel')).toHaveAttribute('data-number', number);
    await expectIn(page, number, 'received');
    expect(await moves(page.request, number)).toHaveLength(1);
  });

  test('Resolution asks for the analysis; cancelling snaps the card back', async ({ page, playwright, baseURL }) => {
    const number = await freshAppeal(playwright, baseURL);
    await openBoard(page);
    await mouseDrag(page, number, 'analysis');
    await expectIn(page, number, 'analysis');

    await mouseDrag(page, number, 'resolution');
    const dialog = page.getByRole('dialog');
    await expect(dialog).toBeVisible();
    await expect(dialog.locator('#move-analysis')).toBeFocused();
    await dialog.getByRole('button', { name: 'Bekor qilish' }).click();
    await expect(dialog).toHaveCount(0);
    await expectIn(page, number, 'analysis');

    // Again; saving empty shows what is missing, and nothing moves.
    await mouseDrag(page, number, 'resolution');
    await dialog.getByRole('button', { name: "Saqlash va o'tkazish" }).click();
    await expect(dialog.locator('#move-analysis-error')).toHaveText("Bu maydonni to'ldiring.");
    await expect(dialog.getByRole('group', { name: 'Jiddiylik darajasi' })).toContainText("Bu maydonni to'ldiring.");
    await dialog.locator('#move-analysis').fill("Qo'shnilar o'rtasidagi nizo; fuqaroga huquqiy maslahat kerak.");
    await dialog.getByLabel('Yuqori').check();
    await dialog.getByRole('button', { name: "Saqlash va o'tkazish" }).click();
    await expect(dialog).toHaveCount(0);
    await expectIn(page, number, 'resolution');
    expect((await moves(page.request, number)).map((e) => e.stage)).toEqual([
      'received',
      'analysis',
      'resolution',
    ]);
    expectNoPageErrors(page);
  });

  test('a stage cannot be skipped: the card snaps back with the reason', async ({ page, playwright, baseURL }) => {
    const number = await freshAppeal(playwright, baseURL);
    await openBoard(page);
    await mouseDrag(page, number, 'answer');
    await expect(page.getByTestId('board-notice')).toContainText('Bosqichlar ketma-ket');
    await expectIn(page, number, 'received');
    expect(await moves(page.request, number)).toHaveLength(1);
  });

  test('the "move to…" menu moves a card, and a move back needs a reason', async ({ page, playwright, baseURL }) => {
    const number = await freshAppeal(playwright, baseURL);
    await openBoard(page);
    await card(page, number).getByRole('button', { name: `${number}: boshqa bosqichga o'tkazish` }).click();
    await card(page, number).locator('.move-targets button[data-stage=analysis]').click();
    await expectIn(page, number, 'analysis');

    await card(page, number).getByRole('button', { name: `${number}: boshqa bosqichga o'tkazish` }).click();
    await card(page, number).locator('.move-targets button[data-stage=received]').click();
    const dialog = page.getByRole('dialog');
    await expect(dialog).toContainText('Sababini yozing');
    await dialog.locator('#move-note').fill("Manzil noto'g'ri ko'rsatilgan, aniqlashtirish kerak.");
    await dialog.getByRole('button', { name: "Saqlash va o'tkazish" }).click();
    await expectIn(page, number, 'received');
    expect(await moves(page.request, number)).toHaveLength(3);
  });
});

test.describe('on a tablet in portrait (768×1024) with touch', () => {
  test.use({ viewport: { width: 768, height: 1024 }, hasTouch: true, isMobile: true });

  /** Touches the card's handle and drags it to the column, as a finger would. */
  async function touchDrag(page, number, stage) {
    const { from: grip, to: target } = await boxes(page, number, '.grip', stage);
    const client = await page.context().newCDPSession(page);
    const start = { x: grip.x + grip.width / 2, y: grip.y + grip.height / 2 };
    // Across to the middle of the target column, at the same height (the column is taller
    // than the screen).
    const end = { x: target.x + target.width / 2, y: start.y };
    await client.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [start] });
    const steps = 10;
    for (let i = 1; i <= steps; i++) {
      await client.send('Input.dispatchTouchEvent', {
        type: 'touchMove',
        touchPoints: [{ x: start.x + ((end.x - start.x) * i) / steps, y: start.y + ((end.y - start.y) * i) / steps }],
      });
    }
    // The finger rests a moment before it lifts, as fingers do: lifted while still moving,
    // the browser would take it for a fling and swallow the next tap as the fling's stop.
    await page.waitForTimeout(150);
    await client.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [end] });
    await client.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    await client.detach();
  }

  test('a finger drags a card by its handle; a tap on the handle moves nothing', async ({ page, playwright, baseURL }) => {
    const number = await freshAppeal(playwright, baseURL);
    await openBoard(page);
    // Portrait: the columns scroll sideways; the first two are in view.
    await card(page, number).locator('.grip').tap();
    await expectIn(page, number, 'received');

    await touchDrag(page, number, 'analysis');
    await expectIn(page, number, 'analysis');
    expect(await moves(page.request, number)).toHaveLength(2);
    expectNoPageErrors(page);
  });

  test('after a touch drag, the next tap on a card number opens its panel', async ({ page, playwright, baseURL }) => {
    const number = await freshAppeal(playwright, baseURL);
    await openBoard(page);
    const filed = await card(page, number).getAttribute('data-version');
    await touchDrag(page, number, 'analysis');
    await expectIn(page, number, 'analysis');
    // The card as the server now has it (the board draws it anew once the move is stored).
    await expect(card(page, number)).not.toHaveAttribute('data-version', filed);
    // No click follows a touch drag; the tap after it must not be taken for the drag's end.
    await card(page, number).locator('h3 a').tap();
    await expect(page).toHaveURL(new RegExp(`/inspector\\?open=${number}$`));
    await expect(page.getByTestId('appeal-panel')).toHaveAttribute('data-number', number);
    expect(await moves(page.request, number)).toHaveLength(2);
    expectNoPageErrors(page);
  });
});

test.describe('with the keyboard', () => {
  test.use({ viewport: { width: 1024, height: 768 } });

  test('Space picks up, arrows choose the column, Space drops, Escape cancels', async ({ page, playwright, baseURL }) => {
    const number = await freshAppeal(playwright, baseURL);
    await openBoard(page);
    const grip = card(page, number).locator('.grip');
    await grip.focus();
    await page.keyboard.press('Space');
    await expect(grip).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByTestId('board-announcer')).toContainText(`${number} olindi`);
    await page.keyboard.press('ArrowRight');
    await expect(column(page, 'analysis')).toHaveClass(/drop-target/);
    await expect(page.getByTestId('board-announcer')).toHaveText('«Tahlil» ustuni.');
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('board-announcer')).toContainText('bekor qilindi');
    await expectIn(page, number, 'received');

    await grip.focus();
    await page.keyboard.press('Enter');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    await expectIn(page, number, 'analysis');
    // The handle keeps the focus in the new column.
    await expect(card(page, number).locator('.grip')).toBeFocused();
    expect(await moves(page.request, number)).toHaveLength(2);
    expectNoPageErrors(page);
  });

  test('a keyboard drop that needs a dialog puts the focus in the dialog, and back on the handle when it closes', async ({ page, playwright, baseURL }) => {
    const number = await freshAppeal(playwright, baseURL);
    await openBoard(page);
    const grip = () => card(page, number).locator('.grip');
    await grip().focus();
    await page.keyboard.press('Enter');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    await expectIn(page, number, 'analysis');
    // The board is drawn again with the server's data (the mover is assigned), and the new
    // handle has the focus: keys pressed while the card is drawn anew would reach nothing.
    await expect(card(page, number).getByTestId('card-assignee')).toContainText(DEMO.inspector.name);
    await expect(grip()).toBeFocused();

    // To Resolution: the dialog asks for the analysis, and the keyboard types straight into it.
    await page.keyboard.press('Space');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Space');
    const dialog = page.getByRole('dialog');
    await expect(dialog).toBeVisible();
    const analysis = dialog.locator('#move-analysis');
    await expect(analysis).toBeFocused();
    // It stays there: nothing takes it back to the handle behind the dialog.
    await page.waitForTimeout(1_000);
    await expect(analysis).toBeFocused();
    await page.keyboard.type("Qo'shnilar o'rtasidagi nizo");
    await expect(analysis).toHaveValue("Qo'shnilar o'rtasidagi nizo");
    // Escape closes the dialog, nothing moves, and the handle has the focus again.
    await page.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);
    await expectIn(page, number, 'analysis');
    await expect(grip()).toBeFocused();

    // Again, and this time the dialog is filled in and saved from the keyboard.
    await page.keyboard.press('Space');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Space');
    await expect(analysis).toBeFocused();
    await page.keyboard.type("Qo'shnilar o'rtasidagi nizo; fuqaroga maslahat kerak.");
    await dialog.getByLabel('Yuqori').check();
    await dialog.getByRole('button', { name: "Saqlash va o'tkazish" }).click();
    await expect(dialog).toHaveCount(0);
    await expectIn(page, number, 'resolution');
    await expect(grip()).toBeFocused();
    expect((await moves(page.request, number)).map((e) => e.stage)).toEqual(['received', 'analysis', 'resolution']);
    expectNoPageErrors(page);
  });
});

test.describe('two inspectors at once', () => {
  test.use({ viewport: { width: 1024, height: 768 } });

  test('the same card moved in two browsers: one wins, the other sees the conflict', async ({ browser, playwright, baseURL }) => {
    const number = await freshAppeal(playwright, baseURL);
    const first = await browser.newContext({ baseURL, viewport: { width: 1024, height: 768 } });
    const second = await browser.newContext({ baseURL, viewport: { width: 1024, height: 768 } });
    try {
      const pageA = await first.newPage();
      const pageB = await second.newPage();
      await openBoard(pageA);
      await openBoard(pageB);
      for (const page of [pageA, pageB]) {
        await card(page, number).getByRole('button', { name: `${number}: boshqa bosqichga o'tkazish` }).click();
      }
      await Promise.all(
        [pageA, pageB].map((page) => card(page, number).locator('.move-targets button[data-stage=analysis]').click()),
      );
      // Exactly one of them is told about the conflict; both end with the card in Analysis.
      await expect
        .poll(async () => (await pageA.getByTestId('board-notice').count()) + (await pageB.getByTestId('board-notice').count()))
        .toBe(1);
      const loser = (await pageA.getByTestId('board-notice').count()) ? pageA : pageB;
      await expect(loser.getByTestId('board-notice')).toContainText("boshqa xodim o'zgartirdi");
      await expectIn(pageA, number, 'analysis');
      await expectIn(pageB, number, 'analysis');
      const events = await history(pageA.request, number);
      expect(events.filter((e) => eventKind(e) === 'moved' && e.stage === 'analysis')).toHaveLength(1);
    } finally {
      await first.close();
      await second.close();
    }
  });

  test('a new appeal and a move show on an open board within 2 seconds, without reload', async ({ browser, playwright, baseURL, page }) => {
    await openBoard(page);
    const number = await freshAppeal(playwright, baseURL, 'Bolalar maydonchasidagi arg\'imchoq singan.');
    await expect(column(page, 'received').locator(`article.card[data-number="${number}"]`)).toBeVisible({ timeout: 2_000 });

    const other = await browser.newContext({ baseURL });
    try {
      await signInViaApi(other.request, DEMO.inspector.phone);
      const version = Number(await card(page, number).getAttribute('data-version'));
      const moved = await other.request.post('/api/board/move', {
        data: { draft: { number, version, to: 'analysis' } },
      });
      expect(moved.status(), await moved.text()).toBe(200);
      await expect(column(page, 'analysis').locator(`article.card[data-number="${number}"]`)).toBeVisible({ timeout: 2_000 });
    } finally {
      await other.close();
    }
    expectNoPageErrors(page);
  });
});
