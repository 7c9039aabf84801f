// Mahalla announcements on phones: the demo chair of Bodomzor posts an important announcement;
// a resident of Bodomzor sees the badge beside "E'lonlar" and the announcement beside the
// appeal form, opens the announcements, and the badge clears.
import { test, expect } from '@playwright/test';
import {
  DAY_MS,
  DEMO,
  expectNoPageErrors,
  signInViaApi,
  signInViaUi,
  someMahalla,
  tashkentToday,
  waitForHydrated,
  watchPageErrors,
} from './helpers.mjs';

const PHONE = { viewport: { width: 360, height: 640 }, hasTouch: true, isMobile: true };

test.use(PHONE);

/** The Tashkent calendar day `days` from today, `yyyy-mm-dd` (what a date field takes). */
function tashkentDay(days) {
  return new Date(tashkentToday() + days * DAY_MS).toISOString().slice(0, 10);
}

test('the chair posts an important announcement and the resident sees its badge clear', async ({
  page,
  browser,
  baseURL,
}) => {
  watchPageErrors(page);
  // Unique within the run: the suite shares one database.
  const title = `Mahalla fuqarolari yig'ini (${Date.now() % 100_000})`;
  const text =
    "Hurmatli qo'shnilar! Shanba kuni soat 10:00 da guzarda umumiy yig'in bo'ladi.\nKun tartibi: ko'chalarni yoritish.";

  // The demo resident keeps Bodomzor as their mahalla (other tests may file appeals in their
  // name elsewhere), and opens the announcements once: nothing is new to them yet.
  const resident = await browser.newContext({
    ...PHONE,
    baseURL,
    locale: 'uz-UZ',
    timezoneId: 'Asia/Tashkent',
  });
  try {
    await signInViaApi(resident.request, DEMO.citizen.phone);
    const bodomzor = await someMahalla(resident.request, 'Bodomzor');
    const kept = await resident.request.post('/api/announcements/my-mahalla', {
      data: { mahalla_id: bodomzor.id },
    });
    expect(kept.status(), await kept.text()).toBe(200);
    const list = await resident.request.get('/api/announcements');
    expect(list.status(), await list.text()).toBe(200);
    expect((await list.json()).shown?.name).toBe('Bodomzor');
    const before = await (await resident.request.get('/api/auth/me')).json();
    expect(before.unseen_announcements, 'nothing new after opening them').toBe(0);

    // The chair of Bodomzor posts from a phone: the header's link, the form, pinned.
    await signInViaUi(page, DEMO.chair.phone, undefined, { tap: true });
    await page.locator('header nav a[href="/announcements"]').tap();
    await expect(page).toHaveURL(/\/announcements$/);
    await expect(page.locator('h1#announcements-title')).toHaveText("E'lonlar");
    const form = page.getByTestId('announcement-form');
    const submit = form.locator('button[type=submit]');
    await waitForHydrated(page, submit, 'the announcement form');
    // The chair has one mahalla: nothing to choose.
    await expect(form.locator('#announcement-mahalla')).toHaveCount(0);
    await page.locator('#announcement-title').fill(title);
    await page.locator('#announcement-text').fill(text);
    await page.locator('#announcement-ends-on').fill(tashkentDay(7));
    const important = page.locator('#announcement-important');
    await important.tap();
    await expect(important).toBeChecked();
    await expect(submit).toHaveText("E'lon qilish");
    await submit.tap();

    await expect(page.getByTestId('announcements-notice')).toHaveText("E'lon joylandi.");
    const posted = page.getByTestId('announcement').filter({ hasText: title });
    await expect(posted).toHaveCount(1);
    await expect(posted.locator('.badge.important')).toHaveText('Muhim');
    await expect(posted.locator('.announcement-text')).toHaveText(text);
    await expect(posted.locator('.meta')).toContainText(DEMO.chair.name);
    // The form is empty again for the next one.
    await expect(page.locator('#announcement-title')).toHaveValue('');
    expectNoPageErrors(page);

    // The resident on their phone: the badge beside "E'lonlar" counts the new one, and the
    // home page shows it beside the form.
    const phone = await resident.newPage();
    watchPageErrors(phone);
    await phone.goto('/');
    const link = phone.locator('header nav a[href="/announcements"]');
    const badge = link.getByTestId('announcements-badge');
    await expect(badge).toHaveText('1');
    await expect(link).toContainText('1 ta yangi');
    const home = phone.getByTestId('home-announcements');
    await expect(home.getByTestId('announcement').filter({ hasText: title })).toBeVisible();

    // Opening the announcements clears the badge; the newest pinned one comes first.
    await link.tap();
    await expect(phone).toHaveURL(/\/announcements$/);
    const first = phone.getByTestId('announcement').first();
    await expect(first.locator('h3')).toHaveText(title);
    await expect(first.locator('.badge.important')).toHaveText('Muhim');
    await expect(first.locator('.announcement-text')).toHaveText(text);
    await expect(badge).toHaveCount(0);

    // It stays cleared on the next page the server renders.
    await phone.goto('/');
    await expect(phone.getByTestId('home-announcements')).toBeVisible();
    await expect(phone.locator('header').getByTestId('announcements-badge')).toHaveCount(0);
    const after = await (await resident.request.get('/api/auth/me')).json();
    expect(after.unseen_announcements).toBe(0);
    expectNoPageErrors(phone);
  } finally {
    await resident.close();
  }
});
