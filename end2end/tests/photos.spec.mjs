// An appeal's photos on a phone: the citizen who filed it opens its page, takes one with the
// camera field and chooses two from files, sends them with the page's plain form, and sees
// them as thumbnails that load (served to them only); a file that is not a picture is refused
// with a message saying what to do.
import { test, expect } from '@playwright/test';
import {
  expectNoPageErrors,
  registerViaApi,
  screenshotPath,
  submitViaApi,
  watchPageErrors,
} from './helpers.mjs';

test.use({ viewport: { width: 360, height: 640 }, hasTouch: true, isMobile: true });

/** A JPEG drawn in the page (as a camera would give one), of one colour with a mark. */
async function jpeg(page, colour) {
  const data = await page.evaluate((fill) => {
    const canvas = document.createElement('canvas');
    canvas.width = 640;
    canvas.height = 480;
    const context = canvas.getContext('2d');
    context.fillStyle = fill;
    context.fillRect(0, 0, 640, 480);
    context.fillStyle = '#fff';
    context.fillRect(200, 150, 240, 180);
    return canvas.toDataURL('image/jpeg', 0.9).split(',')[1];
  }, colour);
  return Buffer.from(data, 'base64');
}

test('a citizen adds photos to their appeal from the phone and sees them', async ({ page }) => {
  watchPageErrors(page);
  await registerViaApi(page.request, { fullName: 'Lola Karimova' });
  const number = await submitViaApi(page.request);
  await page.goto(`/track/${number}`);
  const section = page.getByTestId('photos');
  await expect(section.locator('h2')).toHaveText('Rasmlar');
  await expect(section).toContainText("Yana 5 ta rasm qo'shish mumkin");
  await expect(page.getByLabel('Kamerada suratga olish')).toHaveAttribute('capture', 'environment');

  await page.getByLabel('Kamerada suratga olish').setInputFiles({
    name: 'IMG_0001.jpg', mimeType: 'image/jpeg', buffer: await jpeg(page, '#1f6f4a'),
  });
  await page.getByLabel('Telefondagi rasmlardan tanlash').setInputFiles([
    { name: 'hovli.jpg', mimeType: 'image/jpeg', buffer: await jpeg(page, '#8a3b12') },
    { name: 'chiroq.jpg', mimeType: 'image/jpeg', buffer: await jpeg(page, '#24408e') },
  ]);
  await page.getByRole('button', { name: 'Rasmlarni yuborish' }).tap();

  await expect(page).toHaveURL(new RegExp(`/track/${number}\\?photos=added#photos$`));
  await expect(page.getByTestId('photos-added')).toHaveText("Rasmlar qo'shildi.");
  const thumbnails = page.getByTestId('photo-list').locator('img');
  await expect(thumbnails).toHaveCount(3);
  await expect(thumbnails.first()).toHaveAttribute('alt', '1-rasm (3 tadan)');
  for (const thumbnail of await thumbnails.all()) {
    await thumbnail.scrollIntoViewIfNeeded();
    await expect.poll(() => thumbnail.evaluate((img) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
  }
  await expect(page.getByTestId('track-history')).toContainText("Rasm qo'shildi");
  await expect(section).toContainText("Yana 2 ta rasm qo'shish mumkin");
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await section.screenshot({ path: screenshotPath('appeal-photos.png') });

  // A page saved as "photo.jpg" is not a photo: refused, and the page says what to do.
  await page.getByLabel('Telefondagi rasmlardan tanlash').setInputFiles({
    name: 'photo.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('<html><body>not a photo</body></html>'),
  });
  await page.getByRole('button', { name: 'Rasmlarni yuborish' }).tap();
  await expect(page.getByTestId('photos-refused')).toHaveText(
    'Bu fayl rasm emas: JPEG, PNG yoki WebP rasmini tanlang.',
  );
  await expect(thumbnails).toHaveCount(3);

  // Nobody else reads them: a signed-out browser is refused the file.
  const src = await thumbnails.first().getAttribute('src');
  const signedOut = await page.context().browser().newContext();
  const refused = await signedOut.request.get(new URL(src, page.url()).toString());
  expect(refused.status()).toBe(401);
  await signedOut.close();
  expectNoPageErrors(page);
});
