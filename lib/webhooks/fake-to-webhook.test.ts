import { eq } from 'drizzle-orm';
import { NextRequest } from 'next/server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { POST } from '@/app/api/webhooks/whatsapp/route';
import { getDb, type Db } from '@/db/client';
import { createLead, createQueuedMessage, createSenderPhone, createWorkspace } from '@/db/factories';
import * as s from '@/db/schema';
import { startFakeWhatsAppServer, type FakeWhatsAppServer } from '@/lib/whatsapp/fake/server';
import { sendMessage } from '@/lib/whatsapp/send-message';
import { loadSenderCredentials } from '@/lib/whatsapp/sender-credentials';

// The whole loop: our client sends through the fake over real HTTP, the fake posts its signed
// status and inbound webhooks to our route handler, and the database settles.

let db: Db;
let server: FakeWhatsAppServer;
let ws: s.Workspace;
let sender: Awaited<ReturnType<typeof createSenderPhone>>;

beforeAll(async () => {
  db = await getDb();
  ws = await createWorkspace();
  server = await startFakeWhatsAppServer({
    pairRateLimit: false,
    webhooks: {
      delayMs: [0, 5],
      deliver: async (url, init) => {
        const res = await POST(new NextRequest(url, { method: 'POST', headers: init.headers, body: init.body }));
        return { status: res.status };
      },
    },
  });
  sender = await createSenderPhone(ws.id, { apiBaseUrl: server.url, apiVersion: 'v23.0' });
  server.fake.addPhone({
    phoneNumberId: sender.phoneNumberId,
    wabaId: sender.wabaId,
    accessToken: sender.accessToken,
    appSecret: sender.appSecret,
    webhookUrl: 'http://localhost/api/webhooks/whatsapp',
  });
});

afterAll(async () => {
  await server.close();
});

beforeEach(() => {
  server.fake.setFailures({});
  server.fake.setWebhookOptions({ shuffle: false, duplicateRate: 0 });
});

async function queued() {
  const lead = await createLead(ws.id);
  const m = await createQueuedMessage(ws.id, { leadId: lead.id, senderPhoneId: sender.id, toPhone: lead.phoneE164, status: 'sending' });
  return { lead, m };
}
const reload = async (id: string) => (await db.select().from(s.messages).where(eq(s.messages.id, id)))[0];
const eventStatuses = async (id: string) =>
  (await db.select().from(s.messageEvents).where(eq(s.messageEvents.messageId, id))).map((e) => e.status).sort();

describe('fake -> webhook -> database', () => {
  it('an accepted message goes sent, delivered, read, even shuffled and duplicated', async () => {
    server.fake.setWebhookOptions({ shuffle: true, duplicateRate: 0.5 });
    const creds = await loadSenderCredentials(ws.id, sender.id);
    const results = [];
    for (let i = 0; i < 5; i++) {
      const { lead, m } = await queued();
      const r = await sendMessage(creds, { type: 'text', to: lead.phoneE164, body: 'Olá!', bizOpaqueCallbackData: m.id });
      expect(r.ok).toBe(true);
      if (r.ok) await db.update(s.messages).set({ providerMessageId: r.providerMessageId }).where(eq(s.messages.id, m.id));
      results.push(m.id);
    }
    await server.fake.flushWebhooks();
    for (const id of results) {
      const r = await reload(id);
      expect(r.status).toBe('read');
      expect(r.sentAt && r.deliveredAt && r.readAt).toBeTruthy();
      expect(await eventStatuses(id)).toEqual(['delivered', 'read', 'sent']);
    }
    expect(server.fake.counters.webhooksFailed).toBe(0);
  });

  it('a timeout leaves the outcome unknown until the webhooks settle it through biz_opaque_callback_data', async () => {
    const creds = await loadSenderCredentials(ws.id, sender.id);
    const { lead, m } = await queued();
    const digits = lead.phoneE164.slice(1);
    server.fake.setFailures({ byRecipient: { [digits]: 'timeout_accepted' } });
    // As the reaper leaves it; webhooks may overtake the timeout, so this is set first.
    await db.update(s.messages).set({ status: 'unknown' }).where(eq(s.messages.id, m.id));
    const r = await sendMessage(creds, { type: 'text', to: lead.phoneE164, body: 'Oi', bizOpaqueCallbackData: m.id }, { timeoutMs: 200 });
    expect(r).toMatchObject({ ok: false, outcome: 'unknown' });
    await server.fake.flushWebhooks();
    const settled = await reload(m.id);
    expect(settled.status).toBe('read');
    expect(settled.providerMessageId).toMatch(/^wamid\./);
  });

  it('an async failure arrives as a failed status with errors[]', async () => {
    const creds = await loadSenderCredentials(ws.id, sender.id);
    const { lead, m } = await queued();
    server.fake.setFailures({ byRecipient: { [lead.phoneE164.slice(1)]: { code: 131026, async: true } } });
    const r = await sendMessage(creds, { type: 'text', to: lead.phoneE164, body: 'Oi', bizOpaqueCallbackData: m.id });
    expect(r.ok).toBe(true);
    await server.fake.flushWebhooks();
    expect(await reload(m.id)).toMatchObject({ status: 'failed', errorCode: 131026, errorTitle: 'Message undeliverable' });
  });

  it('inbound simulation: a reply, STOP then START, with a non-ASCII profile name (escaped and signed like Meta)', async () => {
    const { lead, m } = await queued();
    const creds = await loadSenderCredentials(ws.id, sender.id);
    const sent = await sendMessage(creds, { type: 'text', to: lead.phoneE164, body: 'Oi' });
    if (!sent.ok) throw new Error('send failed');
    await db.update(s.messages).set({ providerMessageId: sent.providerMessageId }).where(eq(s.messages.id, m.id));
    const from = lead.phoneE164.slice(1);
    const now = Math.floor(Date.now() / 1000);
    const reply = await server.fake.simulateInbound({ phoneNumberId: sender.phoneNumberId, from, profileName: 'Zoë Çâmara', text: 'Quero saber mais', contextId: sent.providerMessageId, timestamp: now });
    expect(reply.status).toBe(200);
    expect(server.fake.webhookLog.at(-1)?.body).toContain('Zo\\u00eb');
    const [row] = await db.select().from(s.inboundMessages).where(eq(s.inboundMessages.providerMessageId, reply.messageId));
    expect(row).toMatchObject({ leadId: lead.id, replyToMessageId: m.id, text: 'Quero saber mais' });

    await server.fake.simulateInbound({ phoneNumberId: sender.phoneNumberId, from, text: 'STOP', timestamp: now + 1 });
    expect((await db.select().from(s.leads).where(eq(s.leads.id, lead.id)))[0].optedOutAt).not.toBeNull();
    await server.fake.simulateInbound({ phoneNumberId: sender.phoneNumberId, from, text: 'START', timestamp: now + 2 });
    const after = (await db.select().from(s.leads).where(eq(s.leads.id, lead.id)))[0];
    expect(after.optedOutAt).toBeNull();
    expect(after.lastInboundAt?.getTime()).toBe((now + 2) * 1000);

    const button = await server.fake.simulateInbound({ phoneNumberId: sender.phoneNumberId, from, buttonPayload: 'YES_PLEASE', buttonText: 'Sim' });
    const [b] = await db.select().from(s.inboundMessages).where(eq(s.inboundMessages.providerMessageId, button.messageId));
    expect(b).toMatchObject({ type: 'button', buttonPayload: 'YES_PLEASE' });
  });
});
