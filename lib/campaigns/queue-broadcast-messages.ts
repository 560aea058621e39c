import 'server-only';
import { sql } from 'drizzle-orm';
import { execRows, type DbOrTx } from '@/db/client';
import type { Campaign } from '@/db/schema';
import type { Segment } from '@/lib/segments/schema';
import { broadcastAudienceSql } from './broadcast-audience';
import { senderPool } from './sender-pool';
import { AUDIENCE_SKIP_REASONS } from './skip-reasons';

export type QueueBroadcastResult = { queued: number; skipped: number };

/**
 * Queues a broadcast's whole audience in one INSERT ... SELECT: eligible leads as `queued`
 * (due at the scheduled time or now), the others as `skipped` with their reason, so every lead
 * of the segment has one row and the per-status counts add up to the audience. The unique
 * idempotency key (campaign, lead) plus ON CONFLICT DO NOTHING make a second run, a double
 * click or two processes starting at once insert nothing more.
 */
export async function queueBroadcastMessages(
  db: DbOrTx,
  p: { campaign: Campaign; segment: Segment; timeZone: string; isSessionText: boolean },
): Promise<QueueBroadcastResult> {
  const c = p.campaign;
  const reason = sql.join(
    Object.entries(AUDIENCE_SKIP_REASONS).map(([verdict, text]) => sql`when ${verdict}::text then ${text}::text`),
    sql` `,
  );
  const audience = broadcastAudienceSql({
    workspaceId: c.workspaceId,
    campaignId: c.id,
    segment: p.segment,
    timeZone: p.timeZone,
    senderPool: senderPool(c),
    isSessionText: p.isSessionText,
  });
  const rows = await execRows<{ status: string; n: number }>(
    db,
    sql`with ins as (
          insert into messages (workspace_id, lead_id, campaign_id, template_id, sender_phone_id, kind, is_business_initiated,
                                to_phone, status, status_reason, skipped_at, next_attempt_at, idempotency_key)
          select ${c.workspaceId}::uuid, x.lead_id, ${c.id}::uuid, ${c.templateId}::uuid, x.sender_id,
                 ${p.isSessionText ? 'text' : 'template'}::text, true, x.phone_e164,
                 case when x.verdict = 'eligible' then 'queued' else 'skipped' end,
                 case x.verdict ${reason} else null end,
                 case when x.verdict = 'eligible' then null else now() end,
                 coalesce(${c.scheduledAt?.toISOString() ?? null}::timestamptz, now()),
                 'campaign:' || ${c.id}::text || ':lead:' || x.lead_id::text
            from (${audience}) x
           where x.verdict <> 'already_queued'
          on conflict (idempotency_key) do nothing
          returning status
        )
        select status, count(*)::int as n from ins group by status`,
  );
  const n = (s: string) => Number(rows.find((r) => r.status === s)?.n ?? 0);
  return { queued: n('queued'), skipped: n('skipped') };
}
