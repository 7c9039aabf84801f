// The inspector's board shows a new appeal of their mahalla in its first column.
import { test, expect } from '@playwright/test';
import {
  DEMO,
  expectNoPageErrors,
  initials,
  maskedPhone,
  registerViaApi,
  screenshotPath,
  signInViaApi,
  submitViaApi,
  watchPageErrors,
} from './helpers.mjs';

test.use({ viewport: { width: 1024, height: 768 } });

test('the board shows a new appeal in the first column', async ({ page, request }) => {
  // A citizen (on the `request` client) files a complaint in Bodomzor.
  const citizen = await registerViaApi(request, { fullName: 'Nodira Ismoilova' });
  const number = await submitViaApi(
    request,
    { kind: 'shikoyat', citizen_name: citizen.fullName, citizen_phone: citizen.phone },
    'Bodomzor',
  );

  // Bodomzor's inspector opens the board (signed in on the page's browser context).
  watchPageErrors(page);
  await signInViaApi(page.request, DEMO.inspector.phone);
  await page.goto('/inspector');
  await expect(page.locator('h1#board-title')).toHaveText('Inspektor doskasi');
  await expect(page.locator('section.column')).toHaveCount(5);
  await expect(page.locator('section.column').first()).toHaveAttribute('data-stage', 'received');

  const received = page.locator('section.column[data-stage=received]');
  const card = received.locator(`article.card[data-number="${number}"]`);
  await expect(card).toBeVisible();
  await expect(card.locator('h3 a')).toHaveText(number);
  await expect(card.locator('h3 a')).toHaveAttribute('href', `/inspector?open=${number}`);
  await expect(card).toContainText('Shikoyat');
  await expect(card).toContainText('Bodomzor');
  // The citizen is masked on the card.
  await expect(card.getByTestId('card-citizen')).toHaveText(
    `${initials(citizen.fullName)} · ${maskedPhone(citizen.phone)}`,
  );
  // Only in the first column.
  await expect(page.locator(`article.card[data-number="${number}"]`)).toHaveCount(1);

  await page.screenshot({ path: screenshotPath('board.png'), fullPage: true });
  expectNoPageErrors(page);
});
