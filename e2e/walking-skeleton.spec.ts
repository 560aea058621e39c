import { randomInt } from 'node:crypto';
import { expect, test } from './fixtures';

function freshPhone() {
  return `(11) 9${randomInt(1000, 9999)}-${randomInt(1000, 9999)}`;
}

// A returning visitor gets no second welcome, so the thank-you must not promise one (issue 15 item 8).
async function submitLanding(page: import('@playwright/test').Page, name: string, phone: string, thanks = 'Thanks! Check your WhatsApp') {
  await page.goto('/lp/demo?utm_source=e2e&utm_campaign=skeleton');
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('WhatsApp number').fill(phone);
  await page.getByLabel(/I agree to receive messages/).check();
  await page.getByRole('button', { name: 'Message me on WhatsApp' }).click();
  await expect(page.getByText(thanks)).toBeVisible();
}

async function openLeadByPhone(admin: import('@playwright/test').Page, digits: string) {
  await admin.goto(`/leads?q=${digits}`);
  const rows = admin.locator('a[href^="/leads/"]');
  await expect(rows).toHaveCount(1);
  await rows.first().click();
  await expect(admin).toHaveURL(/\/leads\/[0-9a-f-]{36}$/);
}

test('a visitor\'s lead is messaged and the message is read within 10 seconds; resubmitting adds only a touchpoint', async ({ page, demoPage: admin }) => {
  const phone = freshPhone();
  const digits = phone.replace(/\D/g, '');
  await submitLanding(page, 'Visitor One', phone);

  await openLeadByPhone(admin, digits);
  await expect(admin.getByRole('heading', { level: 1 })).toContainText('Visitor One');
  // The sandbox posts signed sent -> delivered -> read webhooks; the page shows the final state.
  await expect(async () => {
    await admin.reload();
    await expect(admin.getByTestId('outbound-message').first()).toHaveAttribute('data-status', 'read', { timeout: 1000 });
  }).toPass({ timeout: 10_000 });
  await expect(admin.getByTestId('outbound-message').first()).toContainText('Olá Visitor!');

  await submitLanding(page, 'Visitor One Again', phone, 'Thanks! We have your details.');
  await openLeadByPhone(admin, digits);
  await expect(admin.getByTestId('outbound-message')).toHaveCount(1);
  await expect(admin.getByTestId('touchpoint')).toHaveCount(2);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the landing page form works and shows field errors', async ({ page }) => {
    await page.goto('/lp/demo');
    await page.getByRole('button', { name: 'Message me on WhatsApp' }).click();
    await expect(page.getByText('Please check the highlighted fields.')).toBeVisible();
    await expect(page.getByText('Enter your WhatsApp number')).toBeVisible();
    await expect(page.getByText('Please agree so we can message you on WhatsApp')).toBeVisible();

    await page.getByLabel('Name').fill('No Script');
    await page.getByLabel('WhatsApp number').fill(freshPhone());
    await page.getByLabel(/I agree to receive messages/).check();
    await page.getByRole('button', { name: 'Message me on WhatsApp' }).click();
    await expect(page.getByText('Thanks! Check your WhatsApp')).toBeVisible();
  });
});

test('health answers ok with the database kind', async ({ request }) => {
  const res = await request.get('/api/health');
  expect(res.status()).toBe(200);
  const body = await res.json();
  expect(body).toMatchObject({ status: 'ok', migrations: 'up-to-date' });
  expect(['pglite', 'postgres']).toContain(body.database);
});
