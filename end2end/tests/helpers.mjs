// Shared helpers of the end-to-end tests (not a spec file: Playwright only runs *.spec.mjs).
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from '@playwright/test';

const here = path.dirname(fileURLToPath(import.meta.url));

/** The repository root (the release binary is started from here). */
export const repoRoot = path.resolve(here, '..', '..');

/** Where the screenshots for the documentation go: docs/screenshots/ in the repository. */
export function screenshotPath(name) {
  const dir = path.join(repoRoot, 'docs', 'screenshots');
  mkdirSync(dir, { recursive: true });
  return path.join(dir, name);
}

/** `SM-2026-000123`. */
export const REGISTRATION_NUMBER = /^SM-\d{4}-\d{6}$/;

// ---------------------------------------------------------------------------------------------
// Accounts

/** The password of every demo account (the server runs with `--demo`). */
export const DEMO_PASSWORD = 'mahalla-demo-2026';

/** The demo accounts (server/src/demo.rs). */
export const DEMO = {
  /** Dilnoza Karimova. */
  citizen: { phone: '+998 90 111 22 33', name: 'Dilnoza Karimova' },
  /** Aziz Rahimov. */
  otherCitizen: { phone: '+998 91 222 33 44', name: 'Aziz Rahimov' },
  /** Rustam Ergashev: Bodomzor and Minor. */
  inspector: { phone: '+998 90 000 00 01', name: 'Rustam Ergashev' },
  /** Otabek Yusupov: Yunusobod, Qashqar, Shahriston, Bog'ishamol. */
  otherInspector: { phone: '+998 90 000 00 02', name: 'Otabek Yusupov' },
  /** Karim Xolmatov: chair of Bodomzor. */
  chair: { phone: '+998 90 000 00 03', name: 'Karim Xolmatov' },
  /** Nilufar Abdullayeva: Yunusobod district. */
  districtAdmin: { phone: '+998 90 000 00 04', name: 'Nilufar Abdullayeva' },
  systemAdmin: { phone: '+998 90 000 00 05', name: "Tizim ma'muri" },
};

// Phones for accounts the tests create: +998 33 xxx xx xx, unique within a run (a counter on
// top of the time this module was loaded; every run starts on an empty database).
let phoneCounter = (Date.now() + process.pid * 7919) % 10_000_000;

/** A phone nobody has registered yet, written as people type it: `+998 33 123 45 67`. */
export function uniquePhone() {
  phoneCounter = (phoneCounter + 1) % 10_000_000;
  const d = String(phoneCounter).padStart(7, '0');
  return `+998 33 ${d.slice(0, 3)} ${d.slice(3, 5)} ${d.slice(5)}`;
}

/** `+998 33 123 45 67` → `+998331234567`: the stored form of a phone. */
export function normalizedPhone(phone) {
  return phone.replace(/[^\d+]/g, '');
}

/** `+998 33 123 45 67` → `+998 33 *** ** 67`: how boards show a citizen's phone. */
export function maskedPhone(phone) {
  const digits = normalizedPhone(phone).slice(4);
  return `+998 ${digits.slice(0, 2)} *** ** ${digits.slice(7)}`;
}

/** `Zarina Usmonova` → `Z. U.`: how boards show a citizen's name. */
export function initials(name) {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .map((word) => `${word[0].toUpperCase()}.`)
    .join(' ');
}

/**
 * Signs in through the API (`POST /api/auth/sign-in`). `request` is Playwright's `request`
 * fixture or `page.request`; either keeps the session cookie for its later requests (and
 * `page.request` shares it with the page). Returns the account.
 */
export async function signInViaApi(request, phone, password = DEMO_PASSWORD) {
  const response = await request.post('/api/auth/sign-in', { data: { phone, password } });
  expect(response.status(), `sign-in of ${phone}: ${await response.text()}`).toBe(200);
  const account = await response.json();
  expect(account.phone).toBe(normalizedPhone(phone));
  return account;
}

/**
 * Registers a new citizen through the API (`POST /api/auth/register`), which also signs them
 * in on `request`. Returns `{ fullName, phone, password, account }`.
 */
export async function registerViaApi(
  request,
  { fullName = 'Aziz Rahimov', phone = uniquePhone(), password = 'mahalla-sinov-parol' } = {},
) {
  const response = await request.post('/api/auth/register', {
    data: { registration: { full_name: fullName, phone, password, consent: true } },
  });
  expect(response.status(), `registration of ${phone}: ${await response.text()}`).toBe(200);
  const account = await response.json();
  expect(account.role).toBe('citizen');
  expect(account.phone).toBe(normalizedPhone(phone));
  return { fullName, phone, password, account };
}

/**
 * A separate API client signed in as `phone` (e.g. an administrator counting the board while
 * the test acts as a citizen). Dispose of it at the end of the test.
 */
export async function apiClientAs(playwright, baseURL, phone, password = DEMO_PASSWORD) {
  const client = await playwright.request.newContext({ baseURL });
  await signInViaApi(client, phone, password);
  return client;
}

/**
 * Signs in through the form at `/sign-in`; the page reloads signed in (at the board for staff,
 * at the appeal form for citizens). `tap` uses touch instead of a mouse click.
 */
export async function signInViaUi(page, phone, password = DEMO_PASSWORD, { tap = false } = {}) {
  await page.goto('/sign-in');
  const form = page.getByTestId('sign-in-form');
  const submit = form.locator('button[type=submit]');
  await waitForHydrated(page, submit, 'the sign-in form');
  await page.locator('#sign-in-phone').fill(phone);
  await page.locator('#sign-in-password').fill(password);
  await (tap ? submit.tap() : submit.click());
  // The page reloads away from /sign-in, with the sign-out button in the header.
  await expect(page).not.toHaveURL(/\/sign-in/);
  await expect(page.locator('header').getByTestId('sign-out')).toBeVisible();
  const me = await (await page.request.get('/api/auth/me')).json();
  expect(me?.phone, 'the account signed in').toBe(normalizedPhone(phone));
  return me;
}

/**
 * Signs out with the button in the header; the page reloads at `/` for a visitor. The button
 * only works once the page is hydrated, so the tap is repeated until the sign-out happens.
 */
export async function signOutViaUi(page, { tap = false } = {}) {
  const button = page.locator('header').getByTestId('sign-out');
  await expect(async () => {
    if ((await button.count()) > 0) {
      await (tap ? button.tap({ timeout: 2_000 }) : button.click({ timeout: 2_000 }));
    }
    const signIn = page.locator('header').getByRole('link', { name: 'Tizimga kirish' });
    await expect(signIn).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
  await expect(button).toHaveCount(0);
  const me = await (await page.request.get('/api/auth/me')).json();
  expect(me, 'nobody is signed in after signing out').toBeNull();
}

// ---------------------------------------------------------------------------------------------
// Appeals and the board

/** The number of appeals on the board of the signed-in staff member (`GET /api/board`). */
export async function boardTotal(request) {
  const response = await request.get('/api/board');
  expect(response.status(), 'GET /api/board').toBe(200);
  const { columns } = await response.json();
  expect(columns).toHaveLength(5);
  return columns.reduce((sum, column) => sum + column.total, 0);
}

/** The signed-in citizen's appeals (`GET /api/my/appeals`). */
export async function myAppeals(request) {
  const response = await request.get('/api/my/appeals');
  expect(response.status(), 'GET /api/my/appeals').toBe(200);
  return response.json();
}

/** A mahalla `{id, name}` from `GET /api/mahallas` (the named one, or the first). */
export async function someMahalla(request, name) {
  const response = await request.get('/api/mahallas');
  expect(response.status(), 'GET /api/mahallas').toBe(200);
  const all = await response.json();
  expect(all.length).toBeGreaterThan(0);
  const found = name ? all.find((m) => m.name === name) : all[0];
  expect(found, `mahalla ${name}`).toBeTruthy();
  return found;
}

/** A draft that passes every rule, for the given mahalla id. */
export function validDraft(mahallaId, overrides = {}) {
  return {
    kind: 'ariza',
    mahalla_id: mahallaId,
    street_address: "Minor ko'chasi, 5-uy",
    citizen_name: 'Aziz Rahimov',
    citizen_phone: '+998 91 222 33 44',
    text: "Ko'chamizda uch kundan beri chiroqlar yonmayapti.",
    ...overrides,
  };
}

/**
 * Files a valid appeal through the API (as curl would), as the citizen signed in on
 * `request`, in the named mahalla (default: the first one). Returns its registration number.
 */
export async function submitViaApi(request, overrides = {}, mahallaName = undefined) {
  const mahalla = await someMahalla(request, mahallaName);
  const response = await request.post('/api/appeals/submit', {
    data: { draft: validDraft(mahalla.id, overrides) },
  });
  expect(response.status(), await response.text()).toBe(200);
  const body = await response.json();
  expect(body.number).toMatch(REGISTRATION_NUMBER);
  return body.number;
}

// ---------------------------------------------------------------------------------------------
// Pages

/** Collects the page's uncaught errors (e.g. a WASM panic during hydration) for reports. */
export function watchPageErrors(page) {
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.pageErrors = errors;
  return errors;
}

/** Asserts that the page threw no uncaught error (collected by `watchPageErrors`). */
export function expectNoPageErrors(page) {
  expect(page.pageErrors ?? [], 'uncaught errors in the page').toEqual([]);
}

/** Waits until `button` is enabled and its page hydrated: the app's forms keep their button
 *  disabled until then, except the forms that post themselves (`/`, `/register`, `/sign-in`),
 *  whose send button says `data-hydrated="true"` once the page's code runs. */
export async function waitForHydrated(page, button, what = 'the form') {
  try {
    await expect(button).toBeEnabled({ timeout: 15_000 });
    await expect(button).not.toHaveAttribute('data-hydrated', 'false', { timeout: 15_000 });
  } catch (error) {
    const seen = page.pageErrors?.length ? page.pageErrors.join(' | ') : 'none';
    error.message = `${what} never hydrated (submit button still disabled or not hydrated); page errors: ${seen}\n${error.message}`;
    throw error;
  }
}

/** Waits until the citizen's appeal form is hydrated. */
export async function waitForHydratedForm(page) {
  const submit = page.locator('form.appeal-form button[type=submit]');
  await waitForHydrated(page, submit, 'the appeal form');
}

/** Today's date in Tashkent (UTC+5 all year), as a UTC midnight timestamp in milliseconds. */
export function tashkentToday() {
  const now = new Date(Date.now() + 5 * 3600 * 1000);
  return Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
}

/** `dd.mm.yyyy` as a UTC midnight timestamp in milliseconds. */
export function parseDate(text) {
  const [, d, m, y] = text.match(/^(\d{2})\.(\d{2})\.(\d{4})$/) ?? [];
  expect(d, `a dd.mm.yyyy date: ${text}`).toBeTruthy();
  return Date.UTC(Number(y), Number(m) - 1, Number(d));
}

export const DAY_MS = 24 * 3600 * 1000;

/**
 * What an event of an appeal's history is: its kind (`filed`, `classified`, `moved`, …), the
 * one key of its typed `event` (`{"moved": {"from", "to", "note", "record"}}`).
 */
export function eventKind(entry) {
  return Object.keys(entry.event)[0];
}
