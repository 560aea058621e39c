import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomInt } from 'node:crypto';
import { expect, test } from './fixtures';

// An integrator's receiver, in this test process on 127.0.0.1 (the e2e server allows private
// webhook addresses: playwright.config.ts).
type Received = { body: string; signature: string; eventId: string };

function startReceiver() {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => {
      received.push({ body, signature: String(req.headers['whatslab-signature']), eventId: String(req.headers['whatslab-event-id']) });
      res.end('ok');
    });
  });
  const url = new Promise<string>((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}/whatslab`)));
  return { received, url, close: () => new Promise<void>((r) => server.close(() => r())) };
}

test('an admin adds a webhook endpoint, sees its secret once, and sees the delivery of a landing-page lead in its log', async ({ demoPage: admin, page: visitor }) => {
  const receiver = startReceiver();
  try {
    const url = await receiver.url;
    await admin.goto('/settings');
    await admin.getByRole('link', { name: 'Webhooks' }).click();
    await expect(admin.getByRole('heading', { level: 1, name: 'Webhooks' })).toBeVisible();

    // Field errors first.
    await admin.getByLabel('Endpoint URL').fill('not a url');
    await admin.getByRole('button', { name: 'Add endpoint' }).click();
    await expect(admin.getByText('Enter a full http(s) URL')).toBeVisible();

    await admin.getByLabel('Endpoint URL').fill(url);
    await admin.getByLabel('Description (optional)').fill('e2e receiver');
    await expect(admin.getByLabel(/lead\.created/)).toBeChecked();
    await admin.getByRole('button', { name: 'Add endpoint' }).click();
    const secret = (await admin.getByTestId('webhook-secret').textContent())!.trim();
    expect(secret).toMatch(/^whsec_/);
    await admin.getByRole('button', { name: 'I have copied it' }).click();
    await admin.reload();
    await expect(admin.getByRole('link', { name: url })).toBeVisible();
    expect(await admin.content()).not.toContain(secret);

    // A visitor signs up on the demo landing page.
    const phone = `(11) 9${randomInt(1000, 9999)}-${randomInt(1000, 9999)}`;
    await visitor.goto('/lp/demo');
    await visitor.getByLabel('Name').fill('Webhook Visitor');
    await visitor.getByLabel('WhatsApp number').fill(phone);
    await visitor.getByLabel(/I agree to receive messages/).check();
    await visitor.getByRole('button', { name: 'Message me on WhatsApp' }).click();
    await expect(visitor.getByText('Thanks! Check your WhatsApp')).toBeVisible();

    await expect.poll(() => receiver.received.find((r) => r.body.includes('Webhook Visitor')), { timeout: 15_000 }).toBeTruthy();
    const got = receiver.received.find((r) => r.body.includes('Webhook Visitor'))!;
    const event = JSON.parse(got.body) as { id: string; type: string };
    expect(event.type).toBe('lead.created');
    expect(got.eventId).toBe(event.id);
    const [, t, v1] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(got.signature)!;
    expect(createHmac('sha256', secret).update(`${t}.${got.body}`).digest('hex')).toBe(v1);

    // The endpoint's log shows it delivered.
    await admin.getByRole('link', { name: url }).click();
    await expect(admin.getByRole('heading', { level: 1, name: 'Webhook deliveries' })).toBeVisible();
    const row = admin.getByTestId('webhook-delivery').filter({ hasText: event.id });
    await expect(async () => {
      await admin.reload();
      await expect(row).toContainText('delivered', { timeout: 1000 });
    }).toPass({ timeout: 10_000 });
    await expect(row).toContainText('lead.created');
    await expect(row.getByRole('cell', { name: '200', exact: true })).toBeVisible();

    // Resend: the same event id comes again.
    const before = receiver.received.length;
    await row.getByRole('button', { name: 'Resend' }).click();
    await expect.poll(() => receiver.received.slice(before).some((r) => r.eventId === event.id), { timeout: 15_000 }).toBe(true);

    // Clean up: the demo workspace is shared with other specs.
    admin.once('dialog', (d) => void d.accept());
    await admin.getByRole('button', { name: 'Delete' }).click();
    await expect(admin).toHaveURL(/\/settings\/webhooks$/);
    await expect(admin.getByText('No endpoints yet.')).toBeVisible();
  } finally {
    await receiver.close();
  }
});
