import { randomUUID } from 'node:crypto';
import { eq, inArray } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb, type Db } from '@/db/client';
import { createLead, createQueuedMessage, createSenderPhone, createWorkspace, uniquePhone } from '@/db/factories';
import * as s from '@/db/schema';
import { sha256Hex } from '@/lib/crypto/secret-box';
import { metaJson } from '@/lib/whatsapp/fake/fake-webhooks';
import { signWebhookBody } from '@/lib/whatsapp/signature';
import { planWebhookEvent } from './apply-webhook-events';
import { receiveWhatsAppWebhook } from './receive-whatsapp-webhook';
import { commitWebhookEvent } from './webhook-batcher';

// Group commit (decision 017): bodies arriving together share one transaction, and the outcome
// is the one of applying them one at a time in arrival order; a body that cannot be written
// does not take the others down with it.

type Sender = Awaited<ReturnType<typeof createSenderPhone>>;
let db: Db;
let ws: s.Workspace;
let sender: Sender;

beforeAll(async () => {
  db = await getDb();
  ws = await createWorkspace();
  sender = await createSenderPhone(ws.id);
});

const T0 = 1_767_000_000;
const body = (value: Record<string, unknown>) =>
  metaJson({
    object: 'whatsapp_business_account',
    entry: [{ id: sender.wabaId, changes: [{ field: 'messages', value: { messaging_product: 'whatsapp', metadata: { display_phone_number: '1555', phone_number_id: sender.phoneNumberId }, ...value } }] }],
  });
const receive = (raw: string) => receiveWhatsAppWebhook({ rawBody: raw, signature: signWebhookBody(raw, sender.appSecret) });

async function newMessage() {
  const lead = await createLead(ws.id);
  const wamid = `wamid.${randomUUID()}`;
  const m = await createQueuedMessage(ws.id, { leadId: lead.id, senderPhoneId: sender.id, toPhone: lead.phoneE164, status: 'sending', providerMessageId: wamid });
  return { m, lead, wamid };
}

describe('group commit', () => {
  it('bodies posted at once end as if applied one by one: monotonic statuses, one event each, duplicates answered without work', async () => {
    const msgs = await Promise.all(Array.from({ length: 8 }, () => newMessage()));
    const bodies: string[] = [];
    for (const { wamid } of msgs) {
      // Out of order on purpose, and each status twice in different bodies.
      for (const [st, ts] of [['read', T0 + 2], ['sent', T0], ['delivered', T0 + 1], ['read', T0 + 2]] as const) {
        bodies.push(body({ statuses: [{ id: wamid, status: st, timestamp: String(ts), recipient_id: '5511987654321', ...(bodies.length % 2 ? { n: bodies.length } : {}) }] }));
      }
    }
    const from = uniquePhone().slice(1);
    const stop = body({ contacts: [{ wa_id: from, profile: { name: 'Rita' } }], messages: [{ from, id: `wamid.${randomUUID()}`, timestamp: String(T0), type: 'text', text: { body: 'PARAR' } }] });
    bodies.push(stop, stop); // Meta's retry racing the original
    const receipts = await Promise.all(bodies.map(receive));
    expect(receipts.every((r) => r.status === 200)).toBe(true);
    expect(receipts.filter((r) => r.body.duplicate).length).toBeGreaterThanOrEqual(1);

    const rows = await db.select().from(s.messages).where(inArray(s.messages.id, msgs.map((x) => x.m.id)));
    for (const r of rows) {
      expect(r.status).toBe('read');
      expect([r.sentAt, r.deliveredAt, r.readAt].map((d) => d?.getTime())).toEqual([T0 * 1000, (T0 + 1) * 1000, (T0 + 2) * 1000]);
    }
    const events = await db.select().from(s.messageEvents).where(inArray(s.messageEvents.messageId, msgs.map((x) => x.m.id)));
    expect(events.length).toBe(msgs.length * 3);
    const [lead] = await db.select().from(s.leads).where(eq(s.leads.waId, from));
    expect(lead.optedOutAt?.getTime()).toBe(T0 * 1000);
    expect(await db.select().from(s.inboundMessages).where(eq(s.inboundMessages.leadId, lead.id))).toHaveLength(1);
    const stored = await db.select({ status: s.webhookEvents.status }).from(s.webhookEvents).where(eq(s.webhookEvents.bodySha256, sha256Hex(stop)));
    expect(stored).toEqual([{ status: 'processed' }]);
  });

  it('a body that cannot be stored fails alone; the rest of its batch is written', async () => {
    const { m, wamid } = await newMessage();
    const good = body({ statuses: [{ id: wamid, status: 'delivered', timestamp: String(T0), recipient_id: '5511987654321' }] });
    const plan = (raw: string) => {
      const parsed = JSON.parse(raw);
      return planWebhookEvent(parsed, new Map([[sender.phoneNumberId, [{ id: sender.id, workspaceId: ws.id, phoneNumberId: sender.phoneNumberId, appSecretEnc: '' }]]]));
    };
    const bad = body({ statuses: [{ id: `wamid.${randomUUID()}`, status: 'sent', timestamp: String(T0) }] });
    const item = (raw: string, senderPhoneId: string) => ({ bodySha256: sha256Hex(raw), rawBody: raw, workspaceId: ws.id, senderPhoneId, verifiedSenderIds: [sender.id], plan: plan(raw) });
    // A sender id that does not exist (deleted meanwhile): its row violates the foreign key.
    const results = await Promise.allSettled([commitWebhookEvent(db, item(good, sender.id)), commitWebhookEvent(db, item(bad, randomUUID()))]);
    expect(results[0]).toMatchObject({ status: 'fulfilled', value: { processed: true, duplicate: false } });
    expect(results[1].status).toBe('rejected');
    expect((await db.select().from(s.messages).where(eq(s.messages.id, m.id)))[0].status).toBe('delivered');
    expect(await db.select().from(s.webhookEvents).where(eq(s.webhookEvents.bodySha256, sha256Hex(bad)))).toHaveLength(0);
  });
});
