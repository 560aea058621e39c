import { randomBytes, randomInt } from 'node:crypto';
import type { Page } from '@playwright/test';
import { startFakeWhatsAppServer, type FakeWhatsAppServer } from '@/lib/whatsapp/fake/server';
import { expect, test } from './fixtures';

// Issue 15 item 4 in the browser, each in a brand-new workspace: a phone with made-up ids is not
// saved and the page says what failed in our words; the sandbox is a choice when adding a phone
// (the e2e server runs with WHATSAPP_SANDBOX=1); a phone whose connection check fails needs
// attention and disappears from the campaign form's senders.

const FAKE_PORT = Number(process.env.E2E_PORT ?? 3210) + 1000;
let server: FakeWhatsAppServer;

test.beforeAll(async () => {
  server = await startFakeWhatsAppServer({ port: FAKE_PORT, webhooks: { enabled: false }, pairRateLimit: false });
});

test.afterAll(async () => {
  await server?.close();
});

const newPhone = () => ({
  phoneNumberId: `1099${randomInt(10 ** 10, 10 ** 11 - 1)}`,
  wabaId: `2099${randomInt(10 ** 10, 10 ** 11 - 1)}`,
  accessToken: `EAAGe2e${randomBytes(24).toString('hex')}`,
  appSecret: `e2esecret${randomBytes(16).toString('hex')}`,
});

async function fillCloudForm(page: Page, label: string, phone: ReturnType<typeof newPhone>) {
  await page.goto('/phones/new');
  await page.getByLabel('Label').fill(label);
  await page.getByLabel('Phone number ID').fill(phone.phoneNumberId);
  await page.getByLabel('WhatsApp Business Account ID').fill(phone.wabaId);
  await page.getByLabel('Access token').fill(phone.accessToken);
  await page.getByLabel('App secret').fill(phone.appSecret);
  await page.getByRole('button', { name: 'Add phone' }).click();
}

const senderChoices = async (page: Page) => {
  await page.goto('/campaigns/new');
  return page.getByRole('group', { name: /Sender phone/ }).getByRole('checkbox');
};

test('made-up ids are not saved and the form says which value is wrong', async ({ page, account }) => {
  expect(account.email).toContain('@');
  const phone = newPhone(); // unknown to the fake Cloud API, token and all: Meta would answer 190
  await fillCloudForm(page, 'Made up', phone);
  await expect(page.getByRole('alert').filter({ hasText: 'Not saved' })).toContainText('Not saved: the connection check failed. Wrong access token.');
  await expect(page.getByText('Wrong access token', { exact: true })).toBeVisible();
  await expect(page).toHaveURL(/\/phones\/new$/);

  // A real token of the account, with a phone number id it has no access to.
  server.fake.addPhone({ ...newPhone(), accessToken: phone.accessToken });
  await fillCloudForm(page, 'Made up', phone);
  await expect(page.getByRole('alert').filter({ hasText: 'Not saved' })).toContainText('Wrong phone number ID');
  await expect(page.getByText('Wrong phone number ID (or a token without access to it)', { exact: true })).toBeVisible();
  await page.goto('/phones');
  await expect(page.getByTestId('sender-phone')).toHaveCount(0);
});

test('the sandbox is offered when adding a phone, and is checked and active once added', async ({ page, account }) => {
  expect(account.email).toContain('@');
  await page.goto('/phones/new');
  await page.getByLabel(/The built-in sandbox/).check();
  await page.getByLabel('Label').fill('My sandbox');
  await page.getByRole('button', { name: 'Add the sandbox' }).click();
  await expect(page).toHaveURL(/\/phones$/);
  const card = page.getByTestId('sender-phone').filter({ hasText: 'My sandbox' });
  await expect(card).toContainText('Sandbox');
  await expect(card).toContainText('Active');
  await expect(card).toContainText('WhatsLab Sandbox');
  await expect(await senderChoices(page)).toHaveCount(1);
  // Twice in the same workspace: refused with a plain message.
  await page.goto('/phones/new');
  await page.getByLabel(/The built-in sandbox/).check();
  await page.getByRole('button', { name: 'Add the sandbox' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'already' })).toContainText('already registered in this workspace');
});

test('a phone whose check fails needs attention, says why, and is not offered to campaigns', async ({ page, account }) => {
  expect(account.email).toContain('@');
  const phone = newPhone();
  server.fake.addPhone({ ...phone, displayPhoneNumber: '+55 11 4000-5000', verifiedName: 'E2E Verify' });
  await fillCloudForm(page, 'Checked number', phone);
  await expect(page).toHaveURL(/\/phones$/);
  const card = page.getByTestId('sender-phone').filter({ hasText: 'Checked number' });
  await expect(card).toContainText('Active');
  await expect(card).toContainText('E2E Verify');
  await expect(await senderChoices(page)).toHaveAccessibleName(/Checked number/);

  // Meta revokes the token.
  server.fake.addPhone({ ...phone, accessToken: `${phone.accessToken}-rotated` });
  await page.goto('/phones');
  await card.getByRole('button', { name: 'Verify connection' }).click();
  await expect(card.getByTestId('phone-action-result')).toContainText('Not connected (error 190): Wrong access token');
  await page.reload();
  await expect(card.getByTestId('needs-attention')).toContainText('Wrong access token');
  await expect(card).not.toContainText('Active');
  await expect(await senderChoices(page)).toHaveCount(0);
});
