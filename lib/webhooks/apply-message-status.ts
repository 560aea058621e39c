import 'server-only';
import { sql } from 'drizzle-orm';
import { execRows, type Db } from '@/db/client';
import { advanceLifecycle } from '@/lib/leads/advance-lifecycle';
import { emitOutboundEvent } from '@/lib/outbound-webhooks/emit-outbound-event';
import type { StatusItem } from './schema';

// One status webhook -> the message's state, monotonically, in SQL:
//   queued/skipped < sending < unknown < sent < delivered < read
// `failed` wins over anything below delivered and is terminal, except that a later
// delivered/read proves the message arrived. Webhooks come in any order and more than once:
// one message_events row per (message, status), and a repeated status changes nothing.
// A 'read' without 'delivered' also sets delivered_at (and sent_at); each timestamp keeps the
// earliest value seen.

const RANK = sql.raw(`array['skipped','queued','sending','unknown','sent','delivered','read']::text[]`);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// 131050: the user stopped marketing messages; treat it as an opt-out of the lead.
const USER_STOPPED_MARKETING = 131050;

export type StatusOutcome = 'applied' | 'duplicate' | 'unmatched';

export async function applyMessageStatus(
  db: Db,
  ctx: { workspaceId: string; webhookEventId: string | null },
  status: StatusItem,
): Promise<StatusOutcome> {
  const ws = ctx.workspaceId;
  const ourId = status.biz_opaque_callback_data && UUID.test(status.biz_opaque_callback_data) ? status.biz_opaque_callback_data : null;
  const ts = status.timestamp.toISOString();
  const err = status.status === 'failed' ? status.errors?.[0] : undefined;
  const errorReason = err ? (err.error_data?.details ?? err.message ?? null) : null;

  return db.transaction(async (tx) => {
    // The row lock serialises concurrent webhooks for the same message.
    const [msg] = await execRows<{ id: string; lead_id: string }>(
      tx,
      sql`select id, lead_id from messages
          where workspace_id = ${ws}
            and (provider_message_id = ${status.id} ${ourId ? sql`or id = ${ourId}::uuid` : sql``})
          order by (provider_message_id = ${status.id}) desc nulls last
          limit 1
          for update`,
    );
    if (!msg) return 'unmatched';

    const [event] = await execRows<{ id: number }>(
      tx,
      sql`insert into message_events (workspace_id, message_id, status, source, provider_timestamp, error_code, detail, payload, webhook_event_id)
          select ${ws}, ${msg.id}, ${status.status}, 'webhook', ${ts}::timestamptz, ${err?.code ?? null}::int,
                 ${err ? `${err.code} ${err.title ?? ''}`.trim() : null}, ${JSON.stringify(status)}::jsonb, ${ctx.webhookEventId}::uuid
          where not exists (
            select 1 from message_events
            where workspace_id = ${ws} and message_id = ${msg.id} and status = ${status.status} and source = 'webhook')
          returning id`,
    );
    if (!event) return 'duplicate';

    await tx.execute(sql`
      with i as (
        select ${status.status}::text as s, ${ts}::timestamptz as ts, ${status.id}::text as wamid,
               ${status.recipient_id ?? null}::text as wa, ${err?.code ?? null}::int as code,
               ${err?.title ?? null}::text as title, ${errorReason}::text as reason
      )
      update messages m set
        status = case
          when i.s = 'failed' then case when m.status in ('delivered', 'read') then m.status else 'failed' end
          when m.status = 'failed' then case when i.s in ('delivered', 'read') then i.s else m.status end
          when array_position(${RANK}, i.s) > coalesce(array_position(${RANK}, m.status), 0) then i.s
          else m.status end,
        sent_at = case when i.s in ('sent', 'delivered', 'read') then least(coalesce(m.sent_at, i.ts), i.ts) else m.sent_at end,
        delivered_at = case when i.s in ('delivered', 'read') then least(coalesce(m.delivered_at, i.ts), i.ts) else m.delivered_at end,
        read_at = case when i.s = 'read' then least(coalesce(m.read_at, i.ts), i.ts) else m.read_at end,
        failed_at = case when i.s = 'failed' and m.status not in ('delivered', 'read') then coalesce(m.failed_at, i.ts) else m.failed_at end,
        error_code = case when i.s = 'failed' and m.status not in ('delivered', 'read') then coalesce(i.code, m.error_code) else m.error_code end,
        error_title = case when i.s = 'failed' and m.status not in ('delivered', 'read') then coalesce(i.title, m.error_title) else m.error_title end,
        error_reason = case when i.s = 'failed' and m.status not in ('delivered', 'read') then coalesce(i.reason, m.error_reason) else m.error_reason end,
        provider_message_id = coalesce(
          m.provider_message_id,
          case when not exists (select 1 from messages x where x.provider_message_id = i.wamid) then i.wamid end),
        wa_id = coalesce(m.wa_id, i.wa),
        updated_at = now()
      from i
      where m.id = ${msg.id} and m.workspace_id = ${ws}`);
    await emitOutboundEvent(tx, ws, 'message.status_changed', {
      message: { id: msg.id, leadId: msg.lead_id, providerMessageId: status.id, status: status.status, at: ts, errorCode: err?.code ?? null, errorReason },
    });

    if (status.status === 'delivered' || status.status === 'read') await advanceLifecycle(tx, ws, msg.lead_id, 'message_delivered');

    if (err?.code === USER_STOPPED_MARKETING) {
      await tx.execute(
        sql`update leads set opted_out_at = coalesce(opted_out_at, ${ts}::timestamptz), updated_at = now()
            where id = ${msg.lead_id} and workspace_id = ${ws}`,
      );
      await emitOutboundEvent(tx, ws, 'lead.opted_out', { lead: { id: msg.lead_id }, optedOutAt: ts, reason: 'whatsapp_stopped_marketing' });
    }
    return 'applied';
  });
}
