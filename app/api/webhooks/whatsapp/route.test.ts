import { randomUUID } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import { NextRequest } from 'next/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb, type Db } from '@/db/client';
import { createLead, createQueuedMessage, createSenderPhone, createWorkspace, uniquePhone } from '@/db/factories';
import * as s from '@/db/schema';
import { processWebhookEvent } from '@/lib/webhooks/process-webhook-event';
import { metaJson } from '@/lib/whatsapp/fake/fake-webhooks';
import { signWebhookBody } from '@/lib/whatsapp/signature';
import { GET, POST } from './route';

// Realistic signed payloads posted to the route handler, asserting database rows.

type Sender = Awaited<ReturnType<typeof createSenderPhone>>;
let db: Db;
let ws: s.Workspace;
let sender: Sender;
let otherWs: s.Workspace;
let otherSender: Sender;

beforeAll(async () => {
  db = await getDb();
  ws = await createWorkspace();
  sender = await createSenderPhone(ws.id);
  otherWs = await createWorkspace();
  otherSender = await createSenderPhone(otherWs.id);
});

const T0 = 1_767_000_000; // unix seconds
const iso = (unix: number) => new Date(unix * 1000).toISOString();

function change(phone: Sender, value: Record<string, unknown>) {
  return {
    field: 'messages',
    value: { messaging_product: 'whatsapp', metadata: { display_phone_number: '15550100000', phone_number_id: phone.phoneNumberId }, ...value },
  };
}
function envelope(...entries: { phone: Sender; changes: Record<string, unknown>[] }[]) {
  return {
    object: 'whatsapp_business_account',
    entry: entries.map((e) => ({ id: e.phone.wabaId, changes: e.changes.map((v) => change(e.phone, v)) })),
  };
}
const single = (phone: Sender, value: Record<string, unknown>) => envelope({ phone, changes: [value] });

async function post(payload: unknown, opts: { secret?: string | null; raw?: string; phone?: Sender } = {}) {
  const body = opts.raw ?? metaJson(payload);
  const secret = opts.secret === undefined ? (opts.phone ?? sender).appSecret : opts.secret;
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (secret !== null) headers['x-hub-signature-256'] = signWebhookBody(body, secret);
  const res = await POST(new NextRequest('http://localhost/api/webhooks/whatsapp', { method: 'POST', headers, body }));
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

function status(wamid: string, st: string, ts: number, extra: Record<string, unknown> = {}) {
  return { id: wamid, status: st, timestamp: String(ts), recipient_id: '5511987654321', ...extra };
}

async function newMessage(workspaceId = ws.id, senderPhoneId = sender.id, extra: Omit<Partial<s.NewMessage>, 'senderPhoneId' | 'leadId' | 'toPhone'> = {}) {
  const lead = await createLead(workspaceId);
  const wamid = `wamid.${randomUUID()}`;
  const m = await createQueuedMessage(workspaceId, { leadId: lead.id, senderPhoneId, toPhone: lead.phoneE164, status: 'sending', providerMessageId: wamid, ...extra });
  return { m, lead, wamid };
}
const reload = async (id: string) => (await db.select().from(s.messages).where(eq(s.messages.id, id)))[0];
const eventsOf = async (id: string) =>
  (await db.select().from(s.messageEvents).where(eq(s.messageEvents.messageId, id)).orderBy(asc(s.messageEvents.id))).map((e) => e.status);
const countRows = async () => ({
  events: (await db.select().from(s.webhookEvents)).length,
  messageEvents: (await db.select().from(s.messageEvents)).length,
  inbound: (await db.select().from(s.inboundMessages)).length,
  leads: (await db.select().from(s.leads)).length,
});

describe('GET verification', () => {
  const get = (q: string) => GET(new NextRequest(`http://localhost/api/webhooks/whatsapp?${q}`));
  it('echoes the challenge for any sender verify token, else 403', async () => {
    const ok = await get(`hub.mode=subscribe&hub.verify_token=${sender.webhookVerifyToken}&hub.challenge=12345`);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('12345');
    expect(ok.headers.get('content-type')).toMatch(/^text\/plain/);
    expect((await get(`hub.mode=subscribe&hub.verify_token=nope&hub.challenge=1`)).status).toBe(403);
    expect((await get(`hub.mode=unsubscribe&hub.verify_token=${sender.webhookVerifyToken}&hub.challenge=1`)).status).toBe(403);
    expect((await get(`hub.mode=subscribe&hub.challenge=1`)).status).toBe(403);
  });
});

describe('statuses', () => {
  it('applies sent, delivered, read in order', async () => {
    const { m, wamid } = await newMessage();
    for (const [i, st] of ['sent', 'delivered', 'read'].entries()) {
      expect((await post(single(sender, { statuses: [status(wamid, st, T0 + i)] }))).status).toBe(200);
    }
    const r = await reload(m.id);
    expect(r.status).toBe('read');
    expect(r.sentAt?.toISOString()).toBe(iso(T0));
    expect(r.deliveredAt?.toISOString()).toBe(iso(T0 + 1));
    expect(r.readAt?.toISOString()).toBe(iso(T0 + 2));
    expect(r.waId).toBe('5511987654321');
    expect(await eventsOf(m.id)).toEqual(['sent', 'delivered', 'read']);
  });

  it('is monotonic in reverse order and keeps the truthful timestamps', async () => {
    const { m, wamid } = await newMessage();
    for (const [st, ts] of [['read', T0 + 2], ['delivered', T0 + 1], ['sent', T0]] as const) {
      await post(single(sender, { statuses: [status(wamid, st, ts)] }));
      expect((await reload(m.id)).status).toBe('read');
    }
    const r = await reload(m.id);
    expect([r.sentAt, r.deliveredAt, r.readAt].map((d) => d?.toISOString())).toEqual([iso(T0), iso(T0 + 1), iso(T0 + 2)]);
    expect(await eventsOf(m.id)).toEqual(['read', 'delivered', 'sent']);
  });

  it('a read without delivered sets delivered_at and sent_at too', async () => {
    const { m, wamid } = await newMessage();
    await post(single(sender, { statuses: [status(wamid, 'read', T0 + 5)] }));
    const r = await reload(m.id);
    expect(r.status).toBe('read');
    expect(r.deliveredAt?.toISOString()).toBe(iso(T0 + 5));
    expect(r.sentAt?.toISOString()).toBe(iso(T0 + 5));
  });

  it('every permutation of sent/delivered/read ends in read with one event each', async () => {
    const perms = [
      ['sent', 'read', 'delivered'],
      ['delivered', 'sent', 'read'],
      ['delivered', 'read', 'sent'],
      ['read', 'sent', 'delivered'],
    ];
    const ts: Record<string, number> = { sent: T0, delivered: T0 + 1, read: T0 + 2 };
    for (const order of perms) {
      const { m, wamid } = await newMessage();
      for (const st of order) await post(single(sender, { statuses: [status(wamid, st, ts[st])] }));
      const r = await reload(m.id);
      expect(r.status).toBe('read');
      expect(r.deliveredAt?.toISOString()).toBe(iso(T0 + 1));
      expect((await eventsOf(m.id)).sort()).toEqual(['delivered', 'read', 'sent']);
    }
  });

  it('a repeated body is answered 200 and changes nothing; a repeated status in another body adds no event', async () => {
    const { m, wamid } = await newMessage();
    const payload = single(sender, { statuses: [status(wamid, 'delivered', T0 + 1)] });
    expect((await post(payload)).json).toMatchObject({ ok: true, processed: true });
    const before = await countRows();
    const again = await post(payload);
    expect(again).toMatchObject({ status: 200, json: { ok: true, duplicate: true } });
    expect(await countRows()).toEqual(before);
    // Same status, different envelope (e.g. batched with something else): a new webhook_events row only.
    await post(envelope({ phone: sender, changes: [{ statuses: [status(wamid, 'delivered', T0 + 1)] }, { statuses: [] }] }));
    expect(await eventsOf(m.id)).toEqual(['delivered']);
    expect((await reload(m.id)).status).toBe('delivered');
  });

  it('failed stores the error; sent after failed keeps failed; delivered after failed proves delivery', async () => {
    const { m, wamid } = await newMessage();
    const errors = [{ code: 131026, title: 'Message undeliverable', message: 'Message undeliverable', error_data: { details: 'Receiver is incapable of receiving this message' } }];
    await post(single(sender, { statuses: [status(wamid, 'failed', T0 + 3, { errors })] }));
    let r = await reload(m.id);
    expect(r).toMatchObject({ status: 'failed', errorCode: 131026, errorTitle: 'Message undeliverable', errorReason: 'Receiver is incapable of receiving this message' });
    expect(r.failedAt?.toISOString()).toBe(iso(T0 + 3));
    await post(single(sender, { statuses: [status(wamid, 'sent', T0)] }));
    r = await reload(m.id);
    expect(r.status).toBe('failed');
    expect(r.sentAt?.toISOString()).toBe(iso(T0));
    await post(single(sender, { statuses: [status(wamid, 'delivered', T0 + 4)] }));
    expect((await reload(m.id)).status).toBe('delivered');
    expect(await eventsOf(m.id)).toEqual(['failed', 'sent', 'delivered']);
    const [ev] = await db.select().from(s.messageEvents).where(and(eq(s.messageEvents.messageId, m.id), eq(s.messageEvents.status, 'failed')));
    expect(ev).toMatchObject({ source: 'webhook', errorCode: 131026, workspaceId: ws.id });
    expect(ev.webhookEventId).toBeTruthy();
  });

  it('failed after read does not change the status', async () => {
    const { m, wamid } = await newMessage();
    await post(single(sender, { statuses: [status(wamid, 'read', T0 + 2)] }));
    await post(single(sender, { statuses: [status(wamid, 'failed', T0 + 3, { errors: [{ code: 131000, title: 'x' }] })] }));
    const r = await reload(m.id);
    expect(r.status).toBe('read');
    expect(r.errorCode).toBeNull();
    expect(r.failedAt).toBeNull();
  });

  it('settles an unknown-outcome message by our id in biz_opaque_callback_data, scoped to the workspace', async () => {
    const { m } = await newMessage(ws.id, sender.id, { status: 'unknown', providerMessageId: null });
    const wamid = `wamid.${randomUUID()}`;
    await post(single(sender, { statuses: [status(wamid, 'sent', T0, { biz_opaque_callback_data: m.id })] }));
    const r = await reload(m.id);
    expect(r).toMatchObject({ status: 'sent', providerMessageId: wamid, waId: '5511987654321' });
    // Another workspace's sender cannot touch it, even naming its id.
    const foreign = await newMessage(otherWs.id, otherSender.id, { status: 'unknown', providerMessageId: null });
    const res = await post(single(sender, { statuses: [status(`wamid.${randomUUID()}`, 'delivered', T0, { biz_opaque_callback_data: foreign.m.id })] }));
    expect(res.status).toBe(200);
    expect((await reload(foreign.m.id)).status).toBe('unknown');
    expect(await eventsOf(foreign.m.id)).toEqual([]);
  });

  it('ignores statuses for unknown messages and non-uuid callback data', async () => {
    const res = await post(single(sender, { statuses: [status('wamid.nobody', 'sent', T0, { biz_opaque_callback_data: 'campaign-7' })] }));
    expect(res).toMatchObject({ status: 200, json: { ok: true, processed: true } });
  });

  it('131050 (user stopped marketing) opts the lead out', async () => {
    const { m, lead, wamid } = await newMessage();
    await post(single(sender, { statuses: [status(wamid, 'failed', T0, { errors: [{ code: 131050, title: 'Unable to deliver message' }] })] }));
    expect((await reload(m.id)).status).toBe('failed');
    const [l] = await db.select().from(s.leads).where(eq(s.leads.id, lead.id));
    expect(l.optedOutAt?.toISOString()).toBe(iso(T0));
  });

  it('processes batched entries with several changes, and re-running the stored event changes nothing', async () => {
    const a = await newMessage();
    const b = await newMessage();
    const sender2 = await createSenderPhone(ws.id, { appSecret: sender.appSecret }); // same Meta app
    const c = await newMessage(ws.id, sender2.id);
    const payload = envelope(
      { phone: sender, changes: [{ statuses: [status(a.wamid, 'sent', T0), status(a.wamid, 'delivered', T0 + 1)] }, { statuses: [status(b.wamid, 'read', T0 + 2)] }] },
      { phone: sender2, changes: [{ statuses: [status(c.wamid, 'delivered', T0 + 1)] }] },
    );
    const res = await post(payload);
    expect(res).toMatchObject({ status: 200, json: { processed: true } });
    expect((await reload(a.m.id)).status).toBe('delivered');
    expect((await reload(b.m.id)).status).toBe('read');
    expect((await reload(c.m.id)).status).toBe('delivered');
    const [stored] = await db.select().from(s.webhookEvents).where(eq(s.webhookEvents.id, res.json.eventId as string));
    expect(stored).toMatchObject({ status: 'processed', workspaceId: ws.id, senderPhoneId: null });
    const before = await countRows();
    const again = await processWebhookEvent(stored.id);
    expect(again.statuses).toEqual({ applied: 0, duplicate: 4, unmatched: 0 });
    expect(await countRows()).toEqual(before);
  });
});

describe('inbound messages', () => {
  const inbound = (from: string, id: string, ts: number, body: Record<string, unknown>, name = 'Maria Silva') => ({
    contacts: [{ profile: { name }, wa_id: from }],
    messages: [{ from, id, timestamp: String(ts), ...body }],
  });
  const leadByWaId = async (waId: string) => (await db.select().from(s.leads).where(and(eq(s.leads.workspaceId, ws.id), eq(s.leads.waId, waId))))[0];

  it('creates a whatsapp lead for an unknown user, stores the text once, refreshes last_inbound_at', async () => {
    const from = uniquePhone().slice(1);
    const id = `wamid.${randomUUID()}`;
    const res = await post(single(sender, inbound(from, id, T0, { type: 'text', text: { body: 'Olá, quero saber o preço' } }, 'João Ção')));
    expect(res.status).toBe(200);
    const lead = await leadByWaId(from);
    expect(lead).toMatchObject({ source: 'whatsapp', name: 'João Ção', phoneE164: `+${from}`, optedOutAt: null });
    expect(lead.lastInboundAt?.toISOString()).toBe(iso(T0));
    const [msg] = await db.select().from(s.inboundMessages).where(eq(s.inboundMessages.providerMessageId, id));
    expect(msg).toMatchObject({ workspaceId: ws.id, leadId: lead.id, senderPhoneId: sender.id, type: 'text', text: 'Olá, quero saber o preço' });
    // An older message arriving late does not move last_inbound_at back.
    await post(single(sender, inbound(from, `wamid.${randomUUID()}`, T0 - 100, { type: 'text', text: { body: 'antes' } })));
    expect((await leadByWaId(from)).lastInboundAt?.toISOString()).toBe(iso(T0));
    const before = await countRows();
    // Same message in a different envelope (Meta retry batched differently): nothing new.
    await post(envelope({ phone: sender, changes: [inbound(from, id, T0, { type: 'text', text: { body: 'Olá, quero saber o preço' } }), { statuses: [] }] }));
    expect({ ...(await countRows()), events: 0 }).toEqual({ ...before, events: 0 });
  });

  it('finds the existing lead by phone (including Brazil without the 9th digit) and links replies to our message', async () => {
    const lead = await createLead(ws.id, { phoneE164: '+5521987001122', name: 'Existing' });
    const m = await createQueuedMessage(ws.id, { leadId: lead.id, senderPhoneId: sender.id, toPhone: lead.phoneE164, status: 'sent', providerMessageId: `wamid.${randomUUID()}` });
    const id = `wamid.${randomUUID()}`;
    await post(single(sender, inbound('552187001122', id, T0, { type: 'text', text: { body: 'sim' }, context: { from: '15550100000', id: m.providerMessageId } })));
    const [msg] = await db.select().from(s.inboundMessages).where(eq(s.inboundMessages.providerMessageId, id));
    expect(msg).toMatchObject({ leadId: lead.id, replyToMessageId: m.id });
    const [l] = await db.select().from(s.leads).where(eq(s.leads.id, lead.id));
    expect(l).toMatchObject({ waId: '552187001122', name: 'Existing' });
  });

  it('stores button payloads (template quick reply and interactive reply)', async () => {
    const from = uniquePhone().slice(1);
    const a = `wamid.${randomUUID()}`;
    const b = `wamid.${randomUUID()}`;
    await post(single(sender, inbound(from, a, T0, { type: 'button', button: { payload: 'CONFIRM_APPT', text: 'Confirmar' } })));
    await post(single(sender, inbound(from, b, T0 + 1, { type: 'interactive', interactive: { type: 'button_reply', button_reply: { id: 'resched', title: 'Remarcar' } } })));
    const rows = await db.select().from(s.inboundMessages).where(eq(s.inboundMessages.workspaceId, ws.id));
    expect(rows.find((r) => r.providerMessageId === a)).toMatchObject({ type: 'button', buttonPayload: 'CONFIRM_APPT', text: 'Confirmar' });
    expect(rows.find((r) => r.providerMessageId === b)).toMatchObject({ type: 'interactive', buttonPayload: 'resched', text: 'Remarcar' });
  });

  it('STOP opts out, START opts back in; keywords are case/accent-insensitive and trimmed', async () => {
    const from = uniquePhone().slice(1);
    const say = (text: string, ts: number) => post(single(sender, inbound(from, `wamid.${randomUUID()}`, ts, { type: 'text', text: { body: text } })));
    await say('  stop ', T0);
    expect((await leadByWaId(from)).optedOutAt?.toISOString()).toBe(iso(T0));
    await say('Start', T0 + 10);
    expect((await leadByWaId(from)).optedOutAt).toBeNull();
    await say('Pàrar!', T0 + 20);
    expect((await leadByWaId(from)).optedOutAt?.toISOString()).toBe(iso(T0 + 20));
    await say('stop talking to me about that', T0 + 30); // not a keyword
    await say('voltar', T0 + 40);
    expect((await leadByWaId(from)).optedOutAt).toBeNull();
  });

  it('out of order: a START newer than a late STOP wins', async () => {
    const from = uniquePhone().slice(1);
    await post(single(sender, inbound(from, `wamid.${randomUUID()}`, T0 + 10, { type: 'text', text: { body: 'START' } })));
    await post(single(sender, inbound(from, `wamid.${randomUUID()}`, T0, { type: 'text', text: { body: 'STOP' } })));
    expect((await leadByWaId(from)).optedOutAt).toBeNull();
  });

  it('the "Stop promotions" quick reply opts out', async () => {
    const from = uniquePhone().slice(1);
    await post(single(sender, inbound(from, `wamid.${randomUUID()}`, T0, { type: 'button', button: { payload: 'Stop promotions', text: 'Stop promotions' } })));
    expect((await leadByWaId(from)).optedOutAt).not.toBeNull();
  });
});

describe('rejections change nothing', () => {
  it('unknown sender, bad or missing signature -> 401', async () => {
    const { m, wamid } = await newMessage();
    const before = await countRows();
    const payload = single(sender, { statuses: [status(wamid, 'read', T0)] });
    expect((await post(payload, { secret: 'wrong-secret' })).status).toBe(401);
    expect((await post(payload, { secret: null })).status).toBe(401);
    expect((await post(payload, { secret: otherSender.appSecret })).status).toBe(401);
    const stranger = { ...sender, phoneNumberId: '999000111222' };
    expect((await post(single(stranger, { statuses: [status(wamid, 'read', T0)] }))).status).toBe(401);
    // Naming no phone number id at all, there is no app secret to check it with: 400, not stored.
    expect((await post({ object: 'whatsapp_business_account', entry: [] })).status).toBe(400);
    // One body naming two workspaces' phones, signed with only one app secret.
    const mixed = envelope({ phone: sender, changes: [{ statuses: [status(wamid, 'read', T0)] }] }, { phone: otherSender, changes: [{ statuses: [] }] });
    expect((await post(mixed)).status).toBe(401);
    expect(await countRows()).toEqual(before);
    expect((await reload(m.id)).status).toBe('sending');
  });

  it('malformed JSON or a non-envelope -> 400, never 500', async () => {
    const before = await countRows();
    for (const raw of ['{"object":', 'null', '[]', '"x"', '{"entry":"nope"}', '{"entry":[{"changes":[{"value":{}}]}]}', '']) {
      const res = await post(undefined, { raw });
      expect(res.status, raw).toBe(400);
    }
    expect(await countRows()).toEqual(before);
  });

  it('accepts items it cannot parse without failing the rest', async () => {
    const { m, wamid } = await newMessage();
    const res = await post(single(sender, { statuses: [{ id: wamid, status: 'bogus', timestamp: 'x' }, status(wamid, 'delivered', T0)], messages: [{ nonsense: true }] }));
    expect(res).toMatchObject({ status: 200, json: { processed: true } });
    expect((await reload(m.id)).status).toBe('delivered');
  });
});
