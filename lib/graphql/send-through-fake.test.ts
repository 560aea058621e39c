import { eq, sql } from 'drizzle-orm';
import { NextRequest } from 'next/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST as webhookPost } from '@/app/api/webhooks/whatsapp/route';
import { getDb } from '@/db/client';
import * as s from '@/db/schema';
import { overrideEnvForTests } from '@/lib/env';
import { startDispatcherLoop } from '@/lib/dispatch/run-dispatcher';
import { waitFor } from '@/lib/dispatch/test-kit';
import { startFakeWhatsAppServer, type FakeWhatsAppServer } from '@/lib/whatsapp/fake/server';
import { at, gql, workspaceWithKey } from './test-kit';

// Done-when: a phone registered through the API with its token sends through the fake Cloud
// API; sendMessage reaches `read` (the fake's signed status webhooks go to our webhook route);
// the same idempotency key never sends twice; no answer ever carries the token.

let server: FakeWhatsAppServer;
let restoreEnv: () => void;
beforeAll(async () => {
  server = await startFakeWhatsAppServer({
    pairRateLimit: false,
    webhooks: {
      delayMs: [5, 20],
      deliver: async (_url, init) => {
        const res = await webhookPost(new NextRequest('http://localhost/api/webhooks/whatsapp', { method: 'POST', headers: init.headers, body: init.body }));
        return { status: res.status };
      },
    },
  });
  // This installation's Cloud API is the fake (what WHATSAPP_API_BASE_URL does in e2e).
  restoreEnv = overrideEnvForTests({ WHATSAPP_API_BASE_URL: server.url });
});
afterAll(async () => {
  restoreEnv();
  await server.close();
});

describe('sending through the API', () => {
  it('registers a phone with its token, verifies it, and a sent message reaches read, once per key', async () => {
    const { key } = await workspaceWithKey(['read', 'write']);
    const db = await getDb();
    const token = `EAAGapi${'x'.repeat(30)}`;
    const appSecret = 'api-app-secret-0123456789';
    const phoneInput = { label: 'API phone', phoneNumberId: '5550001112223', wabaId: '5550009998887', webhookVerifyToken: 'verify-token-api-000001', accessToken: token, appSecret };
    server.fake.addPhone({ phoneNumberId: phoneInput.phoneNumberId, wabaId: phoneInput.wabaId, accessToken: token, appSecret, webhookUrl: 'http://localhost/api/webhooks/whatsapp', displayPhoneNumber: '+55 11 4000-1000', verifiedName: 'API Co', qualityRating: 'GREEN' });
    const answers: unknown[] = [];
    const call = async (q: string, v?: Record<string, unknown>) => {
      const a = await gql(key, q, v);
      answers.push(a);
      expect(a.errors).toBeUndefined();
      return a;
    };

    const created = await call(`mutation($in: SenderPhoneInput!) { createSenderPhone(input: $in) { id status } }`, { in: phoneInput });
    const phoneId = at(created, 'createSenderPhone.id') as string;
    const verified = await call(`mutation($id: ID!) { verifySenderPhone(id: $id) { ok error senderPhone { status displayPhoneNumber qualityRating } } }`, { id: phoneId });
    expect(at(verified, 'verifySenderPhone')).toEqual({ ok: true, error: null, senderPhone: { status: 'active', displayPhoneNumber: '+55 11 4000-1000', qualityRating: 'GREEN' } });

    const tpl = await call(`mutation { createMessageTemplate(input: { name: "Order", kind: "session_text", body: "Hi {{first_name|there}}, your order is on its way" }) { id } }`);
    const lead = await call(`mutation { upsertLead(input: { phone: "(21) 99876-5432", name: "Rita Alves" }) { lead { id } } }`);
    // The lead wrote to us a minute ago: a free-form message is inside WhatsApp's 24-hour window.
    await db.update(s.leads).set({ lastInboundAt: sql`now() - interval '1 minute'` }).where(eq(s.leads.phoneE164, '+5521998765432'));

    const send = `mutation($in: SendMessageInput!) { sendMessage(input: $in) { created message { id status } } }`;
    const input = { leadId: at(lead, 'upsertLead.lead.id'), templateId: at(tpl, 'createMessageTemplate.id'), senderPhoneId: phoneId, idempotencyKey: 'order-7' };
    const first = await call(send, { in: input });
    const messageId = at(first, 'sendMessage.message.id') as string;

    const loop = startDispatcherLoop({ workerId: 'api-test', kind: 'in-process', intervalMs: 50 });
    try {
      const status = async () => at(await gql(key, `query($id: ID!) { node(id: $id) { ... on Message { status } } }`, { id: messageId }), 'node.status');
      await waitFor(async () => (await status()) === 'READ', 15_000, 50);
    } finally {
      await loop.stop();
    }
    const detail = await call(`query($id: ID!) { node(id: $id) { ... on Message { body sentAt deliveredAt readAt events { status } } } }`, { id: messageId });
    expect(at(detail, 'node.body')).toBe('Hi Rita, your order is on its way');
    expect(at(detail, 'node.readAt')).toBeTruthy();
    expect((at(detail, 'node.events') as { status: string }[]).map((e) => e.status)).toEqual(expect.arrayContaining(['sent', 'delivered', 'read']));

    const again = await call(send, { in: input });
    expect(at(again, 'sendMessage')).toEqual({ created: false, message: { id: messageId, status: 'READ' } });
    expect(server.fake.sent.filter((m) => m.to === '5521998765432')).toHaveLength(1);
    expect(JSON.stringify(answers)).not.toContain(token);
    expect(JSON.stringify(answers)).not.toContain(appSecret);
  });
});
