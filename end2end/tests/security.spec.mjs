// The pages under their Content-Security-Policy: every main page hydrates and breaks none of
// its rules; a sign-in link cannot send the person to another site.
import { test, expect } from '@playwright/test';
import {
  DEMO,
  DEMO_PASSWORD,
  expectNoPageErrors,
  signInViaApi,
  signInViaUi,
  waitForHydrated,
  waitForHydratedForm,
  watchPageErrors,
} from './helpers.mjs';

/**
 * Collects `page`'s violations of its Content-Security-Policy: the `securitypolicyviolation`
 * events of every document it loads, and Chromium's console reports of them.
 */
async function watchPolicy(page) {
  const violations = [];
  await page.exposeFunction('reportPolicyViolation', (text) => violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      window.reportPolicyViolation(
        `${event.effectiveDirective} blocked ${event.blockedURI || 'inline'} at ${event.sourceFile}:${event.lineNumber}`,
      );
    });
  });
  page.on('console', (message) => {
    if (/content.security.policy/i.test(message.text())) violations.push(message.text());
  });
  return violations;
}

/** Asserts that `page` carries a policy with a nonce and that nothing broke it so far. */
async function expectKeptPolicy(page, response, violations, where) {
  const policy = (await response.allHeaders())['content-security-policy'] ?? '';
  expect(policy, `${where}: the policy`).toContain("'nonce-");
  expect(policy, `${where}: the policy`).not.toContain('unsafe-inline');
  expect(violations, `${where}: violations of the Content-Security-Policy`).toEqual([]);
}

test('the main pages hydrate and break no rule of their Content-Security-Policy', async ({ page, browser }) => {
  test.setTimeout(90_000);
  watchPageErrors(page);
  const violations = await watchPolicy(page);

  // A visitor's home page sends them to registration.
  let response = await page.goto('/');
  await expect(page).toHaveURL(/\/register$/);
  await waitForHydrated(page, page.getByTestId('register-form').locator('button[type=submit]'), 'registration');
  await expectKeptPolicy(page, response, violations, 'home → registration');

  response = await page.goto('/sign-in');
  await waitForHydrated(page, page.getByTestId('sign-in-form').locator('button[type=submit]'), 'sign-in');
  await expectKeptPolicy(page, response, violations, 'sign-in');

  // The citizen's form, reached by signing in through the page.
  await signInViaUi(page, DEMO.citizen.phone);
  response = await page.reload();
  await waitForHydratedForm(page);
  await page.locator('#text').fill("Ko'chamizda chiroqlar yonmayapti");
  await expectKeptPolicy(page, response, violations, "the citizen's form");
  expectNoPageErrors(page);

  // The inspector's board, with a card dragged (the ghost that follows the pointer).
  const staff = await browser.newContext({ viewport: { width: 1024, height: 768 } });
  const board = await staff.newPage();
  watchPageErrors(board);
  const boardViolations = await watchPolicy(board);
  await signInViaApi(board.request, DEMO.inspector.phone);
  response = await board.goto('/inspector');
  await expect(board.locator('section.board-page')).toHaveAttribute('data-hydrated', 'true', { timeout: 15_000 });
  // Dragged a little within its own column, and dropped there: it stays where it was.
  const meta = board.locator('article.card .meta').first();
  await expect(meta).toBeVisible();
  const box = await meta.boundingBox();
  await board.mouse.move(box.x + 10, box.y + 5);
  await board.mouse.down();
  await board.mouse.move(box.x + 40, box.y + 35, { steps: 8 });
  await expect(board.locator('.drag-ghost')).toBeVisible();
  await expect(board.locator('.drag-ghost')).toHaveCSS('transform', /matrix/);
  await board.mouse.up();
  await expect(board.locator('.drag-ghost')).toHaveCount(0);
  await expectKeptPolicy(board, response, boardViolations, 'the board');
  expectNoPageErrors(board);
  await staff.close();

  // The watch hears a violation: an inline script without the page's nonce is blocked.
  await page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'window.ranWithoutNonce = true;';
    document.head.append(script);
  });
  await expect.poll(() => violations.some((v) => v.includes('script-src'))).toBe(true);
  expect(await page.evaluate(() => window.ranWithoutNonce ?? false)).toBe(false);
});

test('a sign-in link leads only to pages of this site', async ({ page }) => {
  watchPageErrors(page);
  // `next` decodes to "/\t/evil.example", which a browser would read as //evil.example.
  await page.goto('/sign-in?next=%2F%09%2Fevil.example');
  const form = page.getByTestId('sign-in-form');
  const submit = form.locator('button[type=submit]');
  await waitForHydrated(page, submit, 'the sign-in form');
  await page.locator('#sign-in-phone').fill(DEMO.citizen.phone);
  await page.locator('#sign-in-password').fill(DEMO_PASSWORD);
  await submit.click();
  await expect(page.locator('header').getByTestId('sign-out')).toBeVisible();
  await expect(page).toHaveURL(/^http:\/\/127\.0\.0\.1:\d+\/$/);

  // A path of the site is kept.
  await page.context().clearCookies();
  await page.goto('/sign-in?next=%2Fmy');
  await waitForHydrated(page, submit, 'the sign-in form');
  await page.locator('#sign-in-phone').fill(DEMO.citizen.phone);
  await page.locator('#sign-in-password').fill(DEMO_PASSWORD);
  await submit.click();
  await expect(page).toHaveURL(/\/my$/);
  expectNoPageErrors(page);
});
