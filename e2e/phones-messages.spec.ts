import { randomBytes, randomInt } from 'node:crypto';
import type { Page } from '@playwright/test';
import { startFakeWhatsAppServer, type FakeWhatsAppServer } from '@/lib/whatsapp/fake/server';
import { expect, test } from './fixtures';

// An admin connects a Cloud API number that points at a fake Cloud API (this installation's
// WHATSAPP_API_BASE_URL, set by playwright.config.ts to PORT + 1000), verifies it, syncs its
// templates, builds a personalized message with a fallback, previews it for two leads and sends
// a test. The fake's own state proves what arrived; every response is checked for the secrets.

const FAKE_PORT = Number(process.env.E2E_PORT ?? 3210) + 1000;
const tag = randomBytes(3).toString('hex');
const PHONE = {
  phoneNumberId: `1077${randomInt(10 ** 10, 10 ** 11 - 1)}`,
  wabaId: `2077${randomInt(10 ** 10, 10 ** 11 - 1)}`,
  accessToken: `EAAGe2e${randomBytes(24).toString('hex')}`,
  appSecret: `e2esecret${randomBytes(16).toString('hex')}`,
};
const LABEL = `E2E number ${tag}`;
const LEAD_NAME = `Zélia E2e${tag}`;
const OTHER_LEAD_NAME = `Ícaro E2e${tag}`;

let server: FakeWhatsAppServer;

test.beforeAll(async () => {
  server = await startFakeWhatsAppServer({ port: FAKE_PORT, webhooks: { enabled: false }, pairRateLimit: false });
  server.fake.addPhone({ ...PHONE, displayPhoneNumber: '+55 11 4000-2000', verifiedName: 'E2E Clinic', qualityRating: 'GREEN' });
  server.fake.addTemplate(PHONE.wabaId, { name: 'e2e_welcome', language: 'pt_BR', category: 'MARKETING', components: [{ type: 'BODY', text: 'Olá {{1}}!' }] });
  server.fake.addTemplate(PHONE.wabaId, { name: 'e2e_pending', language: 'en_US', status: 'PENDING', category: 'UTILITY', components: [{ type: 'BODY', text: 'Hi' }] });
});

test.afterAll(async () => {
  await server?.close();
});

/** Every response body the browser receives (pages, RSC payloads, server-action answers). */
function recordResponses(page: Page): string[] {
  const bodies: string[] = [];
  page.on('response', async (res) => {
    try {
      bodies.push(await res.text());
    } catch {
      // Redirects and aborted requests have no body.
    }
  });
  return bodies;
}

async function createLeadViaLandingPage(page: Page, name: string) {
  await page.goto('/lp/demo');
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('WhatsApp number').fill(`(11) 9${randomInt(1000, 9999)}-${randomInt(1000, 9999)}`);
  await page.getByLabel(/I agree to receive messages/).check();
  await page.getByRole('button', { name: 'Message me on WhatsApp' }).click();
  await expect(page.getByText('Thanks! Check your WhatsApp')).toBeVisible();
}

test('an admin connects a phone, syncs templates, previews a personalized message and sends a test that reaches the fake', async ({ page, demoPage: admin, baseURL }) => {
  const responses = recordResponses(admin);
  await createLeadViaLandingPage(page, LEAD_NAME);
  await createLeadViaLandingPage(page, OTHER_LEAD_NAME);

  // Add the phone.
  await admin.goto('/phones/new');
  await expect(admin.getByLabel('Webhook verify token')).toHaveValue(/^[\w-]{32}$/);
  await admin.getByRole('button', { name: 'Add phone' }).click();
  await expect(admin.getByText('Give this phone a name')).toBeVisible();
  await expect(admin.getByText('Paste the access token')).toBeVisible();
  await admin.getByLabel('Label').fill(LABEL);
  await admin.getByLabel('Phone number ID').fill(PHONE.phoneNumberId);
  await admin.getByLabel('WhatsApp Business Account ID').fill(PHONE.wabaId);
  await admin.getByLabel('Access token').fill(PHONE.accessToken);
  await admin.getByLabel('App secret').fill(PHONE.appSecret);
  await admin.getByRole('button', { name: 'Add phone' }).click();
  await expect(admin).toHaveURL(/\/phones$/);
  const card = admin.getByTestId('sender-phone').filter({ hasText: LABEL });
  await expect(card.getByTestId('webhook-url')).toHaveText(`${baseURL}/api/webhooks/whatsapp`);
  await expect(card.getByTestId('verify-token')).toHaveText(/^[\w-]{32}$/);

  // Verify connection: the fake answers with the number's details.
  const phoneCalls = server.fake.counters.requests['GET phone'] ?? 0;
  await card.getByRole('button', { name: 'Verify connection' }).click();
  const result = card.getByTestId('phone-action-result');
  await expect(result).toContainText('Connected');
  await expect(result).toContainText('Verified name: E2E Clinic');
  await expect(result).toContainText('Quality rating: GREEN');
  await expect(result).toContainText('Throughput: STANDARD');
  expect(server.fake.counters.requests['GET phone']).toBe(phoneCalls + 1);

  // Sync templates.
  await card.getByRole('button', { name: 'Sync templates' }).click();
  await expect(result).toContainText('2 templates (1 approved)');
  await expect(card.getByTestId('whatsapp-template')).toHaveCount(2);
  await expect(card.getByTestId('whatsapp-template').filter({ hasText: 'e2e_welcome' })).toContainText('APPROVED');
  await expect(card.getByTestId('whatsapp-template').filter({ hasText: 'e2e_pending' })).toContainText('PENDING');

  // Build a personalized message with a fallback and preview it for two leads.
  await admin.goto('/messages/new');
  await admin.getByLabel('Name').fill(`Welcome ${tag}`);
  await admin.getByLabel('Message').fill('Olá {{frist_name}}');
  await expect(admin.getByTestId('template-issues')).toContainText('Unknown placeholder {{frist_name}}');
  await admin.getByLabel('Message').fill('Olá {{first_name|amigo}}, *bem-vindo*!');
  await expect(admin.getByTestId('template-issues')).toHaveCount(0);

  await admin.getByLabel('Find a lead').fill(`E2e${tag}`);
  const leadOption = admin.locator('#preview-lead option', { hasText: LEAD_NAME });
  await expect(leadOption).toHaveCount(1);
  await expect(admin.locator('#preview-lead option', { hasText: OTHER_LEAD_NAME })).toHaveCount(1);
  await admin.getByLabel('Preview as').selectOption((await leadOption.getAttribute('value'))!);
  const preview = admin.getByTestId('preview-text');
  await expect(preview).toHaveText('Olá Zélia, bem-vindo!');
  await expect(preview.locator('strong')).toHaveText('bem-vindo');
  const otherOption = admin.locator('#preview-lead option', { hasText: OTHER_LEAD_NAME });
  await admin.getByLabel('Preview as').selectOption((await otherOption.getAttribute('value'))!);
  await expect(preview).toHaveText('Olá Ícaro, bem-vindo!');
  // The built-in lead with missing fields shows the fallback.
  await admin.getByLabel('Preview as').selectOption('sample');
  await expect(preview).toHaveText('Olá amigo, bem-vindo!');

  // Send a test, rendered for the real lead, through the new phone.
  await admin.getByLabel('Preview as').selectOption((await leadOption.getAttribute('value'))!);
  const senderOption = admin.locator('#test-sender option', { hasText: LABEL });
  await admin.getByLabel('From').selectOption((await senderOption.getAttribute('value'))!);
  const to = `5511977${randomInt(100000, 999999)}`;
  await admin.getByLabel('To (any WhatsApp number)').fill(`+${to}`);
  await admin.getByRole('button', { name: 'Send test' }).click();
  await expect(admin.getByTestId('send-test-result')).toContainText('Accepted by WhatsApp. Message id: wamid.');
  const arrived = server.fake.sent.filter((m) => m.phoneNumberId === PHONE.phoneNumberId && m.to === to);
  expect(arrived).toHaveLength(1);
  expect(arrived[0].body).toMatchObject({ type: 'text', text: { body: 'Olá Zélia, *bem-vindo*!' } });
  await expect(admin.getByTestId('send-test-result')).toContainText(arrived[0].id);

  await admin.getByRole('button', { name: 'Save message' }).click();
  await expect(admin).toHaveURL(/\/messages$/);
  await expect(admin.getByTestId('template-row').filter({ hasText: `Welcome ${tag}` })).toContainText('Olá {{first_name|amigo}}');

  // Meta revokes the token: verifying says why, and the phone needs attention.
  server.fake.addPhone({ ...PHONE, accessToken: `${PHONE.accessToken}-rotated` });
  await admin.goto('/phones');
  await card.getByRole('button', { name: 'Verify connection' }).click();
  await expect(card.getByTestId('phone-action-result')).toContainText('Not connected (error 190)');
  await expect(admin.getByTestId('needs-attention-banner')).toContainText(LABEL);
  await expect(card.getByTestId('needs-attention')).toBeVisible();

  // The edit form shows secrets only as "set".
  await card.getByRole('link', { name: 'Edit' }).click();
  await expect(admin.getByTestId('accessToken-set')).toBeVisible();
  await expect(admin.getByTestId('appSecret-set')).toBeVisible();

  // Nothing the browser received contains the token or the app secret.
  await admin.waitForLoadState('networkidle');
  expect(responses.length).toBeGreaterThan(10);
  for (const body of responses) {
    expect(body).not.toContain(PHONE.accessToken);
    expect(body).not.toContain(PHONE.appSecret);
  }
  expect(await admin.content()).not.toContain(PHONE.accessToken);
});
