// The inspector's board shows a new appeal in its first column.
import { test, expect } from '@playwright/test';
import { screenshotPath, submitViaApi } from './helpers.mjs';

test.use({ viewport: { width: 1024, height: 768 } });

test('the board shows a new appeal in the first column', async ({ page, request }) => {
  const number = await submitViaApi(request, { kind: 'shikoyat' });

  await page.goto('/inspector');
  await expect(page.locator('h1#board-title')).toHaveText('Inspektor doskasi');
  await expect(page.locator('section.column')).toHaveCount(5);
  await expect(page.locator('section.column').first()).toHaveAttribute('data-stage', 'received');

  const received = page.locator('section.column[data-stage=received]');
  const card = received.locator(`article.card[data-number="${number}"]`);
  await expect(card).toBeVisible();
  await expect(card.locator('h3 a')).toHaveText(number);
  await expect(card.locator('h3 a')).toHaveAttribute('href', `/track/${number}`);
  await expect(card).toContainText('Shikoyat');
  // Only in the first column.
  await expect(page.locator(`article.card[data-number="${number}"]`)).toHaveCount(1);

  await page.screenshot({ path: screenshotPath('board.png'), fullPage: true });
});
