import { randomBytes, randomInt } from 'node:crypto';
import { devices, type Browser, type Page } from '@playwright/test';
import sharp from 'sharp';
import { expect, test } from './fixtures';

function freshPhone() {
  return `(11) 9${randomInt(1000, 9999)}-${randomInt(1000, 9999)}`;
}

async function visit(browser: Browser, slug: string, javaScriptEnabled: boolean, phone: string) {
  const { viewport, userAgent, isMobile, hasTouch, deviceScaleFactor } = devices['iPhone 13'];
  const context = await browser.newContext({ viewport, userAgent, isMobile, hasTouch, deviceScaleFactor, javaScriptEnabled });
  const page = await context.newPage();
  await page.goto(`/lp/${slug}?utm_source=ig&utm_campaign=bf&gclid=g-1`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Black Friday deal');
  const hero = page.getByRole('img', { name: 'Our spring shop window' });
  await expect(hero).toHaveAttribute('src', new RegExp(`^/lp/${slug}/image\\?v=`));
  // Resized on upload: the 2400 px picture is served at 1600 px.
  await expect(hero).toHaveAttribute('width', '1600');
  if (javaScriptEnabled) await expect.poll(() => hero.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1600);
  await page.getByLabel('Name').fill(`Visitor ${javaScriptEnabled ? 'JS' : 'NoJS'}`);
  await page.getByLabel('WhatsApp number').fill(phone);
  await page.getByLabel('Plan').selectOption('Pro');
  await page.getByLabel('Send me news').check();
  await page.getByLabel(/I agree to receive messages/).check();
  await page.getByRole('button', { name: 'Get the deal' }).click();
  await expect(page.getByText('Thanks! We will message you on WhatsApp shortly.')).toBeVisible();
  await context.close();
}

// The builder saves through a server action (a POST to the page's own URL).
async function saveAndWait(admin: Page) {
  const saved = admin.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname.startsWith('/landing-pages/'));
  await admin.getByRole('button', { name: 'Save' }).click();
  expect((await saved).status()).toBe(200);
}

async function openLead(admin: Page, phone: string) {
  await admin.goto(`/leads?q=${phone.replace(/\D/g, '')}`);
  const rows = admin.locator('a[href^="/leads/"]');
  await expect(rows).toHaveCount(1);
  await rows.first().click();
  await expect(admin).toHaveURL(/\/leads\/[0-9a-f-]{36}$/);
}

test('an admin builds and publishes a page with a select, a checkbox and a utm_campaign variant; visitors on phones submit it with and without JavaScript', async ({ browser, demoPage: admin }) => {
  // One story from the builder to two read welcome messages, a republish and an archive: longer than the default minute.
  test.setTimeout(180_000);
  const slug = `e2e-${randomBytes(3).toString('hex')}`;
  await admin.goto('/landing-pages');
  await admin.getByRole('link', { name: 'New landing page' }).click();
  await admin.locator('#lpe-title').fill('E2E spring');
  await admin.locator('#lpe-slug').fill(slug);
  await admin.locator('#lpe-status').selectOption('published');
  await admin.locator('#lpe-headline').fill('Spring offer');
  await admin.locator('#lpe-description').fill('Save **20%** <script>alert(1)</script>');
  const picture = await sharp({ create: { width: 2400, height: 1200, channels: 3, background: '#198754' } }).jpeg().toBuffer();
  await admin.locator('#lpe-image').setInputFiles({ name: 'shop.jpg', mimeType: 'image/jpeg', buffer: picture });
  await admin.locator('#lpe-image-alt').fill('Our spring shop window');
  const preview = admin.getByTestId('live-preview');
  await expect(preview.getByRole('img', { name: 'Our spring shop window' })).toBeVisible();
  expect((await preview.boundingBox())!.width).toBeLessThanOrEqual(390);
  await expect(preview.getByRole('heading', { level: 1 })).toHaveText('Spring offer');
  await expect(preview.locator('strong')).toHaveText('20%');
  await expect(preview).toContainText('<script>alert(1)</script>');

  await admin.getByRole('button', { name: 'Add field' }).click();
  await admin.locator('#lpe-f3-name').fill('plan');
  await admin.locator('#lpe-f3-label').fill('Plan');
  await admin.locator('#lpe-f3-type').selectOption('select');
  await admin.locator('#lpe-f3-options').fill('Basic, Pro');
  await admin.locator('#lpe-f3-req').check();
  await admin.getByRole('button', { name: 'Add field' }).click();
  await admin.locator('#lpe-f4-name').fill('newsletter');
  await admin.locator('#lpe-f4-label').fill('Send me news');
  await admin.locator('#lpe-f4-type').selectOption('checkbox');
  await expect(preview.getByLabel('Plan')).toBeVisible();

  await admin.locator('#lpe-tags').fill('e2e-lp, spring');
  await admin.getByLabel('Welcome new landing-page leads').check();
  await admin.getByRole('button', { name: 'Add variant' }).click();
  await admin.locator('#lpe-v0-value').fill('bf');
  await admin.locator('#lpe-v0-key').fill('black-friday');
  await admin.locator('#lpe-v0-headline').fill('Black Friday deal');
  await admin.locator('#lpe-v0-button').fill('Get the deal');
  await admin.getByRole('button', { name: 'Save' }).click();
  await expect(admin).toHaveURL(/\/landing-pages\/[0-9a-f-]{36}$/);

  const phones = [freshPhone(), freshPhone()];
  await visit(browser, slug, false, phones[0]);
  await visit(browser, slug, true, phones[1]);

  for (const phone of phones) {
    await openLead(admin, phone);
    await expect(admin.getByText('e2e-lp').first()).toBeVisible();
    await expect(admin.getByText('Pro', { exact: true }).first()).toBeVisible();
    await expect(admin.getByText(`via landing_page:${slug}`).first()).toBeVisible();
    const tp = admin.getByTestId('touchpoint');
    await expect(tp).toHaveCount(1);
    await expect(tp).toContainText('campaign: bf');
    await expect(tp).toContainText('variant: black-friday');
    await expect(tp).toContainText('E2E spring');
    // The welcome goes out through the in-process dispatcher and the sandbox posts sent, delivered
    // and read back: seconds when idle, longer on a busy CI machine.
    await expect(async () => {
      await admin.reload();
      await expect(admin.getByTestId('outbound-message').first()).toHaveAttribute('data-status', 'read', { timeout: 1000 });
    }).toPass({ timeout: 45_000 });
  }

  // The results count both submissions under utm_source ig.
  await admin.goto('/landing-pages');
  await admin.getByRole('link', { name: 'E2E spring' }).click();
  const igRow = admin.getByRole('table', { name: 'By utm_source' }).getByRole('row', { name: /^ig/ });
  await expect(igRow).toContainText('2');
  await expect(admin.getByRole('table', { name: 'By variant' }).getByRole('row', { name: /^black-friday/ })).toContainText('2');

  // A republished change is served at once (the cached page is revalidated); archiving answers 410.
  await admin.locator('#lpe-headline').fill('Spring offer, extended');
  await saveAndWait(admin);
  await admin.goto(`/lp/${slug}`);
  await expect(admin.getByRole('heading', { level: 1 })).toHaveText('Spring offer, extended');
  await admin.goBack();
  await admin.locator('#lpe-status').selectOption('archived');
  await saveAndWait(admin);
  const gone = await admin.goto(`/lp/${slug}`);
  expect(gone?.status()).toBe(410);
  await expect(admin.getByRole('heading', { name: 'This page is no longer available' })).toBeVisible();
});

test('drafts are not found for visitors, unknown slugs are 404', async ({ page }) => {
  const res = await page.goto(`/lp/nope-${randomBytes(3).toString('hex')}`);
  expect(res?.status()).toBe(404);
});
