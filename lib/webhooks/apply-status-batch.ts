import 'server-only';
import { sql } from 'drizzle-orm';
import { execRows, type DbOrTx } from '@/db/client';
import { advanceLifecycleMany } from '@/lib/leads/advance-lifecycle';
import { emitOutboundEvents, type OutboundEventInput } from '@/lib/outbound-webhooks/emit-outbound-event';
import type { StatusItem } from './schema';

// Many status webhooks -> their messages' states, in a handful of statements whatever their
// number (the receiver's group commit, webhook-batcher.ts): lock the messages (in id order, so
// two batches cannot deadlock on them), read which (message, status) events exist, fold the new
// statuses into each message in arrival order with the same rules the one-at-a-time code had,
// then write the events, the messages, the outbound events and the lifecycle at once.
//
// The rules (monotonic): queued/skipped < sending < unknown < sent < delivered < read.
// `failed` wins over anything below delivered and is terminal, except that a later delivered or
// read proves the message arrived. One message_events row per (message, status): a repeated
// status changes nothing. A 'read' without 'delivered' also sets delivered_at and sent_at; each
// timestamp keeps the earliest value seen. Must run inside a transaction (the row locks).

const RANK: Record<string, number> = { skipped: 1, queued: 2, sending: 3, unknown: 4, sent: 5, delivered: 6, read: 7 };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// 131050: the user stopped marketing messages; treat it as an opt-out of the lead.
const USER_STOPPED_MARKETING = 131050;

export type StatusOutcome = 'applied' | 'duplicate' | 'unmatched';
export type StatusInput = { workspaceId: string; webhookEventId: string | null; status: StatusItem };

type MessageState = {
  id: string;
  workspace_id: string;
  lead_id: string;
  status: string;
  provider_message_id: string | null;
  error_code: number | null;
  error_title: string | null;
  error_reason: string | null;
  wa_id: string | null;
  // What the batch brings: each timestamp is written as least(current, this), failed_at only if unset.
  sent_at: Date | null;
  delivered_at: Date | null;
  read_at: Date | null;
  failed_at: Date | null;
};

const earliest = (a: Date | null, b: Date) => (a && a.getTime() <= b.getTime() ? a : b);

/** One status folded into a message, exactly as the single-statement UPDATE of old did. */
function fold(m: MessageState, s: StatusItem, err: NonNullable<StatusItem['errors']>[number] | undefined, errorReason: string | null): MessageState {
  const st = s.status;
  const ts = s.timestamp;
  const arrived = m.status === 'delivered' || m.status === 'read';
  let status = m.status;
  if (st === 'failed') status = arrived ? m.status : 'failed';
  else if (m.status === 'failed') status = st === 'delivered' || st === 'read' ? st : m.status;
  else if ((RANK[st] ?? 0) > (RANK[m.status] ?? 0)) status = st;
  const failing = st === 'failed' && !arrived;
  return {
    ...m,
    status,
    sent_at: st === 'sent' || st === 'delivered' || st === 'read' ? earliest(m.sent_at, ts) : m.sent_at,
    delivered_at: st === 'delivered' || st === 'read' ? earliest(m.delivered_at, ts) : m.delivered_at,
    read_at: st === 'read' ? earliest(m.read_at, ts) : m.read_at,
    failed_at: failing ? (m.failed_at ?? ts) : m.failed_at,
    error_code: failing ? (err?.code ?? m.error_code) : m.error_code,
    error_title: failing ? (err?.title ?? m.error_title) : m.error_title,
    error_reason: failing ? (errorReason ?? m.error_reason) : m.error_reason,
    wa_id: m.wa_id ?? s.recipient_id ?? null,
  };
}

const json = (rows: unknown[]) => sql`${JSON.stringify(rows)}::json`;

export async function applyStatusBatch(tx: DbOrTx, inputs: StatusInput[]): Promise<StatusOutcome[]> {
  if (inputs.length === 0) return [];
  const keys = inputs.map((i) => ({
    ws: i.workspaceId,
    wamid: i.status.id,
    our: i.status.biz_opaque_callback_data && UUID.test(i.status.biz_opaque_callback_data) ? i.status.biz_opaque_callback_data : null,
  }));
  // The row locks serialise concurrent batches (and other writers) for the same messages.
  const found = await execRows<Omit<MessageState, 'sent_at' | 'delivered_at' | 'read_at' | 'failed_at'>>(
    tx,
    sql`select m.id, m.workspace_id, m.lead_id, m.status, m.provider_message_id, m.error_code, m.error_title, m.error_reason, m.wa_id
          from messages m
         where m.id in (select m2.id from messages m2 join json_to_recordset(${json(keys)}) k(ws uuid, wamid text, our uuid)
                          on m2.workspace_id = k.ws and (m2.provider_message_id = k.wamid or m2.id = k.our))
         order by m.id
           for update of m`,
  );
  // The timestamps start empty: the UPDATE keeps the earliest of the stored and the batch's values.
  const messages = new Map<string, MessageState>(found.map((m) => [m.id, { ...m, sent_at: null, delivered_at: null, read_at: null, failed_at: null }]));
  const byWamid = new Map(found.map((m) => [`${m.workspace_id}|${m.provider_message_id}`, m.id]));
  const existing = messages.size
    ? await execRows<{ message_id: string; status: string }>(
        tx,
        sql`select message_id, status from message_events
             where message_id in (select (value #>> '{}')::uuid from json_array_elements(${json([...messages.keys()])}))
               and source = 'webhook'`,
      )
    : [];
  const seen = new Set(existing.map((e) => `${e.message_id}|${e.status}`));

  const outcomes: StatusOutcome[] = [];
  const events: Record<string, unknown>[] = [];
  const outbound: OutboundEventInput[] = [];
  const changed = new Map<string, { wamid: string }>();
  const delivered: { workspaceId: string; leadId: string }[] = [];
  const optOuts: { workspaceId: string; leadId: string; at: string }[] = [];
  inputs.forEach((input, i) => {
    const { ws, wamid, our } = keys[i];
    const id = byWamid.get(`${ws}|${wamid}`) ?? (our && messages.get(our)?.workspace_id === ws ? our : undefined);
    const msg = id ? messages.get(id) : undefined;
    if (!msg) return outcomes.push('unmatched');
    const s = input.status;
    if (seen.has(`${msg.id}|${s.status}`)) return outcomes.push('duplicate');
    seen.add(`${msg.id}|${s.status}`);
    const err = s.status === 'failed' ? s.errors?.[0] : undefined;
    const errorReason = err ? (err.error_data?.details ?? err.message ?? null) : null;
    const ts = s.timestamp.toISOString();
    messages.set(msg.id, fold(msg, s, err, errorReason));
    if (!changed.has(msg.id)) changed.set(msg.id, { wamid });
    events.push({
      ws,
      message_id: msg.id,
      status: s.status,
      ts,
      code: err?.code ?? null,
      detail: err ? `${err.code} ${err.title ?? ''}`.trim() : null,
      payload: s,
      webhook_event_id: input.webhookEventId,
    });
    outbound.push({
      workspaceId: ws,
      type: 'message.status_changed',
      payload: { message: { id: msg.id, leadId: msg.lead_id, providerMessageId: wamid, status: s.status, at: ts, errorCode: err?.code ?? null, errorReason } },
    });
    if (s.status === 'delivered' || s.status === 'read') delivered.push({ workspaceId: ws, leadId: msg.lead_id });
    if (err?.code === USER_STOPPED_MARKETING) {
      optOuts.push({ workspaceId: ws, leadId: msg.lead_id, at: ts });
      outbound.push({ workspaceId: ws, type: 'lead.opted_out', payload: { lead: { id: msg.lead_id }, optedOutAt: ts, reason: 'whatsapp_stopped_marketing' } });
    }
    outcomes.push('applied');
  });
  if (events.length === 0) return outcomes;

  await tx.execute(sql`
    insert into message_events (workspace_id, message_id, status, source, provider_timestamp, error_code, detail, payload, webhook_event_id)
    select e.ws, e.message_id, e.status, 'webhook', e.ts, e.code, e.detail, e.payload, e.webhook_event_id
      from json_to_recordset(${json(events)}) e(ws uuid, message_id uuid, status text, ts timestamptz, code int, detail text, payload jsonb, webhook_event_id uuid)`);
  const rows = [...changed].map(([id, { wamid }]) => {
    const m = messages.get(id)!;
    return { ...m, wamid };
  });
  await tx.execute(sql`
    update messages m set
      status = v.status, sent_at = least(m.sent_at, v.sent_at), delivered_at = least(m.delivered_at, v.delivered_at),
      read_at = least(m.read_at, v.read_at), failed_at = coalesce(m.failed_at, v.failed_at),
      error_code = v.error_code, error_title = v.error_title, error_reason = v.error_reason, wa_id = v.wa_id,
      provider_message_id = coalesce(m.provider_message_id,
        case when not exists (select 1 from messages x where x.provider_message_id = v.wamid) then v.wamid end),
      updated_at = now()
    from json_to_recordset(${json(rows)}) v(id uuid, workspace_id uuid, status text, sent_at timestamptz, delivered_at timestamptz, read_at timestamptz,
      failed_at timestamptz, error_code int, error_title text, error_reason text, wa_id text, wamid text)
    where m.id = v.id and m.workspace_id = v.workspace_id`);
  await emitOutboundEvents(tx, outbound);
  await advanceLifecycleMany(tx, delivered, 'message_delivered');
  for (const o of optOuts) {
    await tx.execute(
      sql`update leads set opted_out_at = coalesce(opted_out_at, ${o.at}::timestamptz), updated_at = now()
          where id = ${o.leadId} and workspace_id = ${o.workspaceId}`,
    );
  }
  return outcomes;
}
