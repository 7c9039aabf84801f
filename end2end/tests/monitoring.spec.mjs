// Monitoring and the citizen's verdict: the district administrator follows the work on the
// dashboard (figures, charts, traffic lights, filters, CSV export), and a citizen whose
// problem was not solved files the appeal again, which the board flags as a repeat.
import { readFile } from 'node:fs/promises';
import { test, expect } from '@playwright/test';
import {
  DAY_MS,
  DEMO,
  REGISTRATION_NUMBER,
  expectNoPageErrors,
  myAppeals,
  signInViaApi,
  signInViaUi,
  screenshotPath,
  tashkentToday,
  waitForHydrated,
  watchPageErrors,
} from './helpers.mjs';

const TABLET = { width: 1024, height: 768 };

/** A UTC midnight timestamp as `yyyy-mm-dd` (the filter's form) … */
const iso = (ms) => new Date(ms).toISOString().slice(0, 10);
/** … and as `dd.mm.yyyy` (how the page writes it). */
const shown = (ms) => iso(ms).split('-').reverse().join('.');

/** The dashboard's summary for the page's current filter (`GET /api/monitoring/summary`). */
async function summaryOfPage(page) {
  const response = await page.request.get(`/api/monitoring/summary${new URL(page.url()).search}`);
  expect(response.status(), await response.text()).toBe(200);
  return response.json();
}

test.describe(() => {
  test.use({ viewport: TABLET });

  test('a district administrator follows the work on /monitoring on a tablet', async ({ page }) => {
    watchPageErrors(page);
    await signInViaApi(page.request, DEMO.districtAdmin.phone);
    await page.goto('/monitoring');
    await expect(page.locator('h1#monitoring-title')).toHaveText('Monitoring va tahlil');

    // The key figures, as tiles with a number each.
    for (const id of ['filed', 'answered', 'open-now', 'overdue-now']) {
      await expect(page.getByTestId(`figure-${id}`).locator('.tile-value')).toHaveText(/^\d+$/);
    }
    // Four months of worked history: the default period (90 days) has appeals filed and answered.
    const initial = await summaryOfPage(page);
    expect(initial.total.filed).toBeGreaterThan(0);
    expect(initial.total.answered).toBeGreaterThan(0);
    await expect(page.getByTestId('figure-filed').locator('.tile-value')).toHaveText(String(initial.total.filed));

    // Three charts, each drawn in SVG, stated in words, and given as a table for screen readers.
    for (const id of ['chart-weeks', 'chart-categories', 'chart-breaches']) {
      const chart = page.getByTestId(id);
      await expect(chart.locator('svg')).toBeVisible();
      await expect(chart.locator('figcaption')).not.toBeEmpty();
      const table = chart.locator('.visually-hidden table');
      await expect(table).toBeAttached();
      expect((await table.locator('tbody tr').count()), `rows of the ${id} table`).toBeGreaterThan(0);
      // Clipped away on screen, in a wrapper (a table grows to its content, so its own box
      // would not be 1 px and would widen a phone's page).
      const clipped = await table.evaluate((el) => {
        const css = getComputedStyle(el.parentElement);
        const clip = css.clip === 'rect(0px, 0px, 0px, 0px)' || css.clipPath !== 'none';
        return css.position === 'absolute' && clip;
      });
      expect(clipped, `the ${id} table is visually hidden`).toBe(true);
    }
    await expect(page.getByTestId('chart-weeks').locator('figcaption')).toContainText(
      `${initial.total.filed} ta murojaat kelib tushdi, ${initial.total.answered} tasiga javob berildi.`,
    );

    // Each mahalla's traffic light has a colour and says why.
    const lights = page.getByTestId('lights').locator('li');
    expect(await lights.count()).toBeGreaterThan(0);
    const names = { green: 'Yashil', yellow: 'Sariq', red: 'Qizil' };
    const reason = /Barcha ko'rsatkichlar chegaradan yaxshi|Muddat buzilishi .+ \(chegara |Qayta murojaatlar .+ \(chegara |«Hal bo'ldi» .+ \(chegara /;
    for (const light of await lights.all()) {
      const colour = await light.getAttribute('data-light');
      expect(Object.keys(names)).toContain(colour);
      await expect(light).toContainText(names[colour]);
      await expect(light.locator('.hint')).toHaveText(reason);
      if (colour !== 'green') {
        await expect(light.locator('.hint')).not.toContainText("Barcha ko'rsatkichlar chegaradan yaxshi");
      }
    }

    // A period typed into the filter form: the address keeps it, the page shows it.
    const today = tashkentToday();
    const [from, to] = [today - 59 * DAY_MS, today - 30 * DAY_MS];
    const filters = page.locator('form.filters[action="/monitoring"]');
    await filters.locator('input[name="from"]').fill(iso(from));
    await filters.locator('input[name="to"]').fill(iso(to));
    await filters.getByRole('button', { name: "Ko'rsatish" }).click();
    await expect(page).toHaveURL(new RegExp(`[?&]from=${iso(from)}&to=${iso(to)}(&|$)`));
    await expect(page.getByTestId('period')).toContainText(`${shown(from)} — ${shown(to)}`);
    await expect(filters.locator('input[name="from"]')).toHaveValue(iso(from));

    // A preset: the last 30 days, today included.
    const preset = page.locator('nav.presets').getByRole('link', { name: "So'nggi 30 kun" });
    const [from30, to30] = [iso(today - 29 * DAY_MS), iso(today)];
    await expect(preset).toHaveAttribute('href', `/monitoring?from=${from30}&to=${to30}`);
    await preset.click();
    await expect(page).toHaveURL(new RegExp(`[?&]from=${from30}&to=${to30}$`));
    await expect(page.getByTestId('period')).toContainText(`${shown(today - 29 * DAY_MS)} — ${shown(today)}`);

    // The page and the API agree on the count of appeals filed in the period.
    const summary = await summaryOfPage(page);
    expect(summary.total.filed).toBeGreaterThan(0);
    await expect(page.getByTestId('figure-filed').locator('.tile-value')).toHaveText(String(summary.total.filed));
    const exporting = page.getByTestId('export');
    await expect(exporting).toContainText(`Tanlangan davrda ${summary.total.filed} ta murojaat.`);
    await page.screenshot({ path: screenshotPath('monitoring-dashboard.png'), fullPage: true });

    // The CSV of the period's appeals, without personal data: a header and one line per appeal.
    await exporting.locator('select[name="content"]').selectOption('appeals');
    await exporting.locator('select[name="format"]').selectOption('csv');
    await expect(exporting.locator('input[name="personal"]')).not.toBeChecked();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      exporting.getByRole('button', { name: 'Yuklab olish' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    expect(await download.failure(), 'the CSV download completed').toBeNull();
    const text = (await readFile(await download.path(), 'utf8')).replace(/^\uFEFF/, '');
    const lines = text.split('\r\n').filter((line) => line.length > 0);
    expect(lines[0]).toMatch(/^number,kind,category/);
    expect(lines[0]).not.toContain('citizen_phone');
    const rows = lines.slice(1);
    expect(rows).toHaveLength(summary.total.filed);
    for (const row of rows) expect(row).toMatch(/^SM-\d{4}-\d{6},/);
    expectNoPageErrors(page);
  });
});

test.describe(() => {
  test.use({ viewport: { width: 360, height: 640 }, hasTouch: true, isMobile: true });

  test('a citizen says an answer did not solve the problem and the repeat is flagged on the board', async ({ page, browser, baseURL }) => {
    test.setTimeout(60_000);
    watchPageErrors(page);
    await signInViaUi(page, DEMO.citizen.phone, undefined, { tap: true });

    // Her answered appeal waits for her verdict (stage Monitoring).
    const answered = (await myAppeals(page.request)).filter((a) => a.stage === 'monitoring');
    expect(answered, 'the demo citizen has one answered appeal').toHaveLength(1);
    const original = answered[0].number;
    await page.goto(`/track/${original}`);
    await expect(page.getByTestId('track-stage')).toHaveText('Monitoring va tahlil');

    // The verdict: not solved, marks 1 and 2, a comment.
    const verdict = page.getByTestId('verdict');
    const send = verdict.getByRole('button', { name: 'Bahoni yuborish' });
    await waitForHydrated(page, send, 'the verdict form');
    await expect(page.getByTestId('reopen')).toHaveCount(0);
    await verdict.getByLabel("Yo'q, hal bo'lmadi").check();
    await verdict.locator('input[name="answer_mark"][value="1"]').check();
    await verdict.locator('input[name="inspector_mark"][value="2"]').check();
    const comment = "Ariq hali ham tozalanmagan, kecha yomg'irda yana suv hovliga kirdi.";
    await page.locator('#verdict-comment').fill(comment);
    await send.tap();

    // The page shows the verdict, and offers to file the appeal again.
    await expect(page.getByTestId('verdict-given')).toHaveText("Yo'q, hal bo'lmadi · javob: 1/5 · inspektor ishi: 2/5");
    await expect(verdict).toContainText(comment);
    const reopen = page.getByTestId('reopen');
    const again = reopen.getByRole('button', { name: 'Qayta murojaat yuborish' });
    await waitForHydrated(page, again, 'the reopen form');
    await page.locator('#reopen-reason').fill(
      "Javobda ariq tozalandi deyilgan, lekin u tozalanmagan: yomg'irdan keyin suv yana hovlimizga kirdi.",
    );
    await again.tap();

    // The repeat has its own number, linked from the original.
    const repeatedBy = page.getByTestId('repeated-by').locator('a');
    await expect(repeatedBy).toHaveText(REGISTRATION_NUMBER);
    const repeat = (await repeatedBy.textContent()).trim();
    expect(repeat).not.toBe(original);
    await expect(repeatedBy).toHaveAttribute('href', `/track/${repeat}`);
    await expect(page.getByTestId('track-history')).toContainText(`Hal bo'lmagani uchun qayta murojaat qilindi: ${repeat}`);
    expect((await myAppeals(page.request)).map((a) => a.number)).toContain(repeat);
    expectNoPageErrors(page);

    // On the inspector's board (Bodomzor), the new card is flagged as a repeat.
    const device = await browser.newContext({ baseURL, viewport: TABLET, locale: 'uz-UZ', timezoneId: 'Asia/Tashkent' });
    try {
      const board = await device.newPage();
      watchPageErrors(board);
      await signInViaApi(board.request, DEMO.inspector.phone);
      await board.goto('/inspector');
      await expect(board.locator('section.board-page')).toHaveAttribute('data-hydrated', 'true', { timeout: 15_000 });
      const card = board.locator(`article.card[data-number="${repeat}"]`);
      await expect(card).toHaveAttribute('data-stage', 'received');
      const badge = card.getByTestId('repeat-badge');
      await expect(badge).toHaveText('Takroriy');
      await expect(badge).toHaveAttribute('title', new RegExp(`${original}$`));

      // Its page links back to the original.
      await board.goto(`/track/${repeat}`);
      const repeatOf = board.getByTestId('repeat-of').locator('a');
      await expect(repeatOf).toHaveText(original);
      await expect(repeatOf).toHaveAttribute('href', `/track/${original}`);
      expectNoPageErrors(board);
    } finally {
      await device.close();
    }
  });
});
