import { randomUUID } from 'node:crypto';
import { eq, inArray } from 'drizzle-orm';
import { NextRequest } from 'next/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb, type Db } from '@/db/client';
import { createLead, createQueuedMessage, createSenderPhone, createWorkspace } from '@/db/factories';
import * as s from '@/db/schema';
import { MAX_WEBHOOK_BODY_BYTES } from '@/lib/webhooks/limits';
import { MAX_WEBHOOK_EVENT_ATTEMPTS, reprocessWebhookEvents } from '@/lib/webhooks/process-webhook-event';
import { metaJson } from '@/lib/whatsapp/fake/fake-webhooks';
import { signWebhookBody } from '@/lib/whatsapp/signature';
import { POST } from './route';
import { countingStream } from '@/lib/http/counting-stream';

// Issue 14, findings 4, 8 and 9: bodies are bounded while they stream and verified before they
// are parsed; absurd timestamps and failing events cannot loop; one phone number id may be
// connected in several workspaces and a webhook reaches only those whose app secret signed it.

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
const statusBody = (phone: Sender, wamid: string, st: string, timestamp: unknown) => ({
  object: 'whatsapp_business_account',
  entry: [
    {
      id: phone.wabaId,
      changes: [
        {
          field: 'messages',
          value: { messaging_product: 'whatsapp', metadata: { display_phone_number: '15550100000', phone_number_id: phone.phoneNumberId }, statuses: [{ id: wamid, status: st, timestamp, recipient_id: '5511987654321' }] },
        },
      ],
    },
  ],
});

async function post(body: string, secret: string | null) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (secret) headers['x-hub-signature-256'] = signWebhookBody(body, secret);
  const res = await POST(new NextRequest('http://localhost/api/webhooks/whatsapp', { method: 'POST', headers, body }));
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

async function newMessage(workspaceId: string, senderPhoneId: string) {
  const lead = await createLead(workspaceId);
  const wamid = `wamid.${randomUUID()}`;
  const m = await createQueuedMessage(workspaceId, { leadId: lead.id, senderPhoneId, toPhone: lead.phoneE164, status: 'sending', providerMessageId: wamid });
  return { m, wamid };
}
const statusOf = async (id: string) => (await db.select({ status: s.messages.status }).from(s.messages).where(eq(s.messages.id, id)))[0].status;
const eventCount = async () => (await db.select({ id: s.webhookEvents.id }).from(s.webhookEvents)).length;

function streamedRequest(stream: ReadableStream<Uint8Array>, headers: Record<string, string> = {}) {
  return new NextRequest('http://localhost/api/webhooks/whatsapp', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-hub-signature-256': `sha256=${'0'.repeat(64)}`, ...headers },
    body: stream,
    duplex: 'half',
  } as ConstructorParameters<typeof NextRequest>[1]);
}

describe('body size (finding 4)', () => {
  const FIFTY_MB = 50 * 1024 * 1024;

  it('a declared Content-Length over 1 MB is answered 413 before a byte is read; the upload is drained, not parsed', async () => {
    const { stream, counter, release } = countingStream(FIFTY_MB, { holdAfter: 0 });
    const before = await eventCount();
    const res = await POST(streamedRequest(stream, { 'content-length': String(FIFTY_MB) }));
    expect(res.status).toBe(413);
    expect(counter.pulled).toBe(0);
    // The answer ends once the rest is read and dropped (lib/http/read-limited-body.ts: lingering close).
    release();
    expect(await res.json()).toMatchObject({ ok: false, error: expect.stringContaining('too large') });
    expect(counter.pulled).toBe(FIFTY_MB);
    expect(await eventCount()).toBe(before);
  });

  it('a 50 MB body without Content-Length is refused 413 once past 1 MB, while still uploading; nothing is stored', async () => {
    const { stream, counter, release } = countingStream(FIFTY_MB, { holdAfter: 4 * 1024 * 1024 });
    const before = await eventCount();
    const res = await POST(streamedRequest(stream));
    expect(res.status).toBe(413);
    expect(counter.pulled).toBeLessThanOrEqual(4 * 1024 * 1024);
    release();
    await res.text();
    expect(counter.pulled).toBe(FIFTY_MB);
    expect(await eventCount()).toBe(before);
  });

  it('a body just under the limit is read whole and judged by its signature', async () => {
    const { m, wamid } = await newMessage(ws.id, sender.id);
    const body = metaJson(statusBody(sender, wamid, 'delivered', String(T0)));
    const padded = body.slice(0, -1) + ' '.repeat(MAX_WEBHOOK_BODY_BYTES - Buffer.byteLength(body)) + '}';
    expect(Buffer.byteLength(padded)).toBe(MAX_WEBHOOK_BODY_BYTES);
    expect((await post(padded, sender.appSecret)).status).toBe(200);
    expect(await statusOf(m.id)).toBe('delivered');
    expect((await post(padded + ' ', sender.appSecret)).status).toBe(413);
  });

  it('the signature is checked before the body is parsed: a badly signed non-JSON body is 401, not 400', async () => {
    const raw = `{"entry":[{"changes":[{"value":{"metadata":{"phone_number_id":"${sender.phoneNumberId}"}}}]}],`;
    expect((await post(raw, 'not-the-app-secret')).status).toBe(401);
    expect((await post(raw, null)).status).toBe(401);
    // Signed by the right app, the same body is judged on its content.
    expect((await post(raw, sender.appSecret)).status).toBe(400);
  });
});

describe('timestamps and re-runs (finding 8)', () => {
  it('a signed status with timestamp 1e20 is skipped as malformed; the event is processed, not failed', async () => {
    const { m, wamid } = await newMessage(ws.id, sender.id);
    for (const ts of [1e20, '1e20', -5, 0, 100, String(Math.floor(Date.now() / 1000) + 3 * 86400)]) {
      const res = await post(metaJson(statusBody(sender, wamid, 'delivered', ts)), sender.appSecret);
      expect(res, String(ts)).toMatchObject({ status: 200, json: { processed: true } });
      const [ev] = await db.select().from(s.webhookEvents).where(eq(s.webhookEvents.id, res.json.eventId as string));
      expect(ev).toMatchObject({ status: 'processed', attempts: 1 });
    }
    expect(await statusOf(m.id)).toBe('sending');
    // A sane timestamp in the same shape still applies.
    await post(metaJson(statusBody(sender, wamid, 'delivered', String(T0))), sender.appSecret);
    expect(await statusOf(m.id)).toBe('delivered');
  });

  it('an event that fails every time is re-run at most MAX_WEBHOOK_EVENT_ATTEMPTS times, by retries and by reprocessing', async () => {
    // A verified body that cannot be applied: stored as such, as if an older version had accepted it.
    const [bad] = await db
      .insert(s.webhookEvents)
      .values({ workspaceId: ws.id, senderPhoneId: sender.id, bodySha256: `test-${randomUUID()}`, body: '{"entry": not json', status: 'failed', receivedAt: new Date(Date.now() - 3_600_000) })
      .returning();
    for (let i = 0; i < MAX_WEBHOOK_EVENT_ATTEMPTS + 3; i++) await reprocessWebhookEvents({ olderThanMs: 0, limit: 10_000 });
    const [after] = await db.select().from(s.webhookEvents).where(eq(s.webhookEvents.id, bad.id));
    expect(after).toMatchObject({ status: 'failed', attempts: MAX_WEBHOOK_EVENT_ATTEMPTS });
    expect(after.error).toBeTruthy();

    // Meta's retries of a failed body re-run it, within the same budget.
    const { wamid } = await newMessage(ws.id, sender.id);
    const body = metaJson(statusBody(sender, wamid, 'read', String(T0)));
    const first = await post(body, sender.appSecret);
    await db.update(s.webhookEvents).set({ status: 'failed', attempts: MAX_WEBHOOK_EVENT_ATTEMPTS }).where(eq(s.webhookEvents.id, first.json.eventId as string));
    const retry = await post(body, sender.appSecret);
    expect(retry).toMatchObject({ status: 200, json: { duplicate: true } });
    const [kept] = await db.select().from(s.webhookEvents).where(eq(s.webhookEvents.id, first.json.eventId as string));
    expect(kept).toMatchObject({ status: 'failed', attempts: MAX_WEBHOOK_EVENT_ATTEMPTS });
  });
});

describe('one phone number id in several workspaces (finding 9)', () => {
  it('a webhook reaches only the workspaces whose app secret signed it', async () => {
    const phoneNumberId = String(300000000000 + Math.floor(Math.random() * 99999999999));
    const wsA = await createWorkspace();
    const wsB = await createWorkspace();
    const wsC = await createWorkspace();
    const a = await createSenderPhone(wsA.id, { phoneNumberId });
    const b = await createSenderPhone(wsB.id, { phoneNumberId });
    const c = await createSenderPhone(wsC.id, { phoneNumberId, appSecret: a.appSecret }); // same Meta app as A
    const ma = await newMessage(wsA.id, a.id);
    const mb = await newMessage(wsB.id, b.id);

    // Signed by B's app: B's message only, though A names the same phone and the same wamid shape.
    const toB = await post(metaJson({ ...statusBody(b, mb.wamid, 'delivered', String(T0)), entry: [...statusBody(b, mb.wamid, 'delivered', String(T0)).entry, ...statusBody(a, ma.wamid, 'delivered', String(T0)).entry] }), b.appSecret);
    expect(toB).toMatchObject({ status: 200, json: { processed: true } });
    expect(await statusOf(mb.m.id)).toBe('delivered');
    expect(await statusOf(ma.m.id)).toBe('sending');
    const [evB] = await db.select().from(s.webhookEvents).where(eq(s.webhookEvents.id, toB.json.eventId as string));
    expect(evB).toMatchObject({ workspaceId: wsB.id, senderPhoneId: b.id, verifiedSenderIds: [b.id] });

    // Signed by the app A and C share: both workspaces get it, B does not.
    const toAC = await post(metaJson(statusBody(a, ma.wamid, 'read', String(T0 + 1))), a.appSecret);
    expect(toAC.status).toBe(200);
    expect(await statusOf(ma.m.id)).toBe('read');
    expect(await statusOf(mb.m.id)).toBe('delivered');
    const [evAC] = await db.select().from(s.webhookEvents).where(eq(s.webhookEvents.id, toAC.json.eventId as string));
    expect(evAC.workspaceId).toBeNull();
    expect([...(evAC.verifiedSenderIds ?? [])].sort()).toEqual([a.id, c.id].sort());

    // Nobody's secret: 401, nothing stored.
    const before = await eventCount();
    expect((await post(metaJson(statusBody(a, ma.wamid, 'read', String(T0 + 2))), 'another-app-secret')).status).toBe(401);
    expect(await eventCount()).toBe(before);
    await db.delete(s.webhookEvents).where(inArray(s.webhookEvents.id, [toB.json.eventId as string, toAC.json.eventId as string]));
  });
});
