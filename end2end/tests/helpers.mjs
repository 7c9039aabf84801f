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

/** The number of appeals on the board: the sum of the five columns' totals (`GET /api/board`). */
export async function boardTotal(request) {
  const response = await request.get('/api/board');
  expect(response.status(), 'GET /api/board').toBe(200);
  const columns = await response.json();
  expect(columns).toHaveLength(5);
  return columns.reduce((sum, column) => sum + column.total, 0);
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

/** Files a valid appeal through the API (as curl would) and returns its registration number. */
export async function submitViaApi(request, overrides = {}) {
  const mahalla = await someMahalla(request);
  const response = await request.post('/api/appeals/submit', {
    data: { draft: validDraft(mahalla.id, overrides) },
  });
  expect(response.status(), await response.text()).toBe(200);
  const body = await response.json();
  expect(body.number).toMatch(REGISTRATION_NUMBER);
  return body.number;
}

/** Collects the page's uncaught errors (e.g. a WASM panic during hydration) for reports. */
export function watchPageErrors(page) {
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.pageErrors = errors;
  return errors;
}

/** Waits until the citizen's form is hydrated: its submit button is disabled until then. */
export async function waitForHydratedForm(page) {
  try {
    await expect(page.locator('form.appeal-form button[type=submit]')).toBeEnabled({ timeout: 15_000 });
  } catch (error) {
    const seen = page.pageErrors?.length ? page.pageErrors.join(' | ') : 'none';
    error.message = `the form never hydrated (submit button still disabled); page errors: ${seen}\n${error.message}`;
    throw error;
  }
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
