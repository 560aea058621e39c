import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { createSenderPhone, createWorkspace } from '@/db/factories';
import { updateSenderPhone } from '@/lib/phones/update-sender-phone';
import { signWebhookBody } from '@/lib/whatsapp/signature';
import { verifiedWebhookSenders } from './webhook-sender-cache';

// The receiver remembers senders for a few seconds, but a changed app secret counts at once
// in the process that changed it: the old secret stops verifying, the new one starts.

describe('verifiedWebhookSenders', () => {
  it('verifies with the cached sender, and follows an app secret changed through the use case at once', async () => {
    const db = await getDb();
    const ws = await createWorkspace();
    const sender = await createSenderPhone(ws.id);
    const body = Buffer.from(`{"phone_number_id":"${sender.phoneNumberId}","n":"${randomUUID()}"}`);
    const check = (secret: string) => verifiedWebhookSenders(db, [sender.phoneNumberId], body, signWebhookBody(body, secret));

    expect((await check(sender.appSecret)).map((s) => s.id)).toEqual([sender.id]);
    expect(await check('not-the-app-secret-at-all')).toEqual([]);
    // Remembered: still verified (the same answer from the cache).
    expect((await check(sender.appSecret)).map((s) => s.id)).toEqual([sender.id]);

    const newSecret = `rotated-${randomUUID()}`;
    await updateSenderPhone(ws.id, {
      id: sender.id,
      label: 'Rotated',
      phoneNumberId: sender.phoneNumberId,
      wabaId: sender.wabaId,
      webhookVerifyToken: 'verify-token-0123456789',
      rateLimitPerSecond: 80,
      isActive: true,
      accessToken: '',
      appSecret: newSecret,
    });
    expect(await check(sender.appSecret)).toEqual([]);
    expect((await check(newSecret)).map((s) => s.id)).toEqual([sender.id]);
  });

  it('an unknown phone number id verifies nothing, and a sender added later is found at once', async () => {
    const db = await getDb();
    const ws = await createWorkspace();
    const phoneNumberId = String(400000000000 + Math.floor(Math.random() * 99999999999));
    const body = Buffer.from(`{"phone_number_id":"${phoneNumberId}"}`);
    expect(await verifiedWebhookSenders(db, [phoneNumberId], body, signWebhookBody(body, 'an-app-secret-0123456789'))).toEqual([]);
    const sender = await createSenderPhone(ws.id, { phoneNumberId, appSecret: 'an-app-secret-0123456789' });
    expect((await verifiedWebhookSenders(db, [phoneNumberId], body, signWebhookBody(body, 'an-app-secret-0123456789'))).map((s) => s.id)).toEqual([sender.id]);
  });
});
