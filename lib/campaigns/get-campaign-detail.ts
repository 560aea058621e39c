import 'server-only';
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { execRows, getDb } from '@/db/client';
import {
  campaigns,
  landingPages,
  MESSAGE_STATUSES,
  messages,
  messageTemplates,
  senderPhones,
  type Campaign,
  type MessageStatus,
  type TemplateKind,
} from '@/db/schema';
import { retryableFailedSql } from './retryable-errors';
import { senderPool } from './sender-pool';
import { isId } from '@/lib/validation/strict-values';

export type ReasonCount = { reason: string; count: number };

export type CampaignStats = {
  counts: Record<MessageStatus, number>;
  total: number;
  /** Leads who wrote to us after this campaign's message was sent to them. */
  replied: number;
  skippedByReason: ReasonCount[];
  failedByReason: ReasonCount[];
  retryableFailed: number;
};

export type CampaignDetail = {
  campaign: Campaign;
  template: { id: string; name: string; kind: TemplateKind } | null;
  senders: { id: string; label: string; status: string }[];
  landingPages: { id: string; title: string }[];
  stats: CampaignStats;
  testSends: { id: string; toPhone: string; status: MessageStatus; statusReason: string | null; createdAt: Date }[];
};

/** Everything the campaign page shows, scoped to the workspace; null when it is not there. */
export async function getCampaignDetail(workspaceId: string, campaignId: string): Promise<CampaignDetail | null> {
  if (!isId(campaignId)) return null;
  const db = await getDb();
  await completeIfFinished(workspaceId, campaignId);
  const [campaign] = await db
    .select()
    .from(campaigns)
    .where(and(eq(campaigns.id, campaignId), eq(campaigns.workspaceId, workspaceId)));
  if (!campaign) return null;
  const pool = senderPool(campaign);
  const [templates, senders, pages, stats, testSends] = await Promise.all([
    db
      .select({ id: messageTemplates.id, name: messageTemplates.name, kind: messageTemplates.kind })
      .from(messageTemplates)
      .where(and(eq(messageTemplates.id, campaign.templateId), eq(messageTemplates.workspaceId, workspaceId))),
    db
      .select({ id: senderPhones.id, label: senderPhones.label, status: senderPhones.status })
      .from(senderPhones)
      .where(and(inArray(senderPhones.id, pool), eq(senderPhones.workspaceId, workspaceId))),
    campaign.trigger.landingPageIds.length > 0
      ? db
          .select({ id: landingPages.id, title: landingPages.title })
          .from(landingPages)
          .where(and(inArray(landingPages.id, campaign.trigger.landingPageIds), eq(landingPages.workspaceId, workspaceId)))
      : Promise.resolve([]),
    getCampaignStats(workspaceId, campaignId),
    db
      .select({ id: messages.id, toPhone: messages.toPhone, status: messages.status, statusReason: messages.statusReason, createdAt: messages.createdAt })
      .from(messages)
      .where(and(eq(messages.workspaceId, workspaceId), sql`${messages.payload} ->> 'testOfCampaignId' = ${campaignId}::text`))
      .orderBy(desc(messages.createdAt))
      .limit(5),
  ]);
  return {
    campaign,
    template: templates[0] ?? null,
    senders: pool.flatMap((id) => senders.filter((s) => s.id === id)),
    landingPages: pages,
    stats,
    testSends,
  };
}

/** Per-status counts, replies and reasons of one campaign's messages (three grouped scans). */
export async function getCampaignStats(workspaceId: string, campaignId: string): Promise<CampaignStats> {
  const db = await getDb();
  const scope = sql`workspace_id = ${workspaceId}::uuid and campaign_id = ${campaignId}::uuid`;
  const [byStatus, [extra]] = await Promise.all([
    execRows<{ status: MessageStatus; reason: string | null; n: number }>(
      db,
      sql`select status, case when status in ('skipped', 'failed') then coalesce(status_reason, error_title, 'no reason recorded') end as reason,
                 count(*)::int as n
            from messages where ${scope} group by 1, 2`,
    ),
    execRows<{ replied: number; retryable: number }>(
      db,
      sql`select
            (select count(distinct m.lead_id)::int from messages m
              where m.workspace_id = ${workspaceId}::uuid and m.campaign_id = ${campaignId}::uuid and m.sent_at is not null
                and exists (select 1 from inbound_messages i
                             where i.lead_id = m.lead_id and i.workspace_id = m.workspace_id and i.received_at > m.sent_at)) as replied,
            (select count(*)::int from messages where ${scope} and ${retryableFailedSql()}) as retryable`,
    ),
  ]);
  const counts = Object.fromEntries(MESSAGE_STATUSES.map((s) => [s, 0])) as Record<MessageStatus, number>;
  const reasons = { skipped: new Map<string, number>(), failed: new Map<string, number>() };
  for (const r of byStatus) {
    counts[r.status] += Number(r.n);
    if ((r.status === 'skipped' || r.status === 'failed') && r.reason) reasons[r.status].set(r.reason, Number(r.n));
  }
  const sorted = (m: Map<string, number>) => [...m].map(([reason, count]) => ({ reason, count })).sort((a, b) => b.count - a.count);
  return {
    counts,
    total: Object.values(counts).reduce((a, b) => a + b, 0),
    replied: Number(extra?.replied ?? 0),
    skippedByReason: sorted(reasons.skipped),
    failedByReason: sorted(reasons.failed),
    retryableFailed: Number(extra?.retryable ?? 0),
  };
}

/**
 * A started broadcast with nothing left queued or being sent is completed (messages with an
 * unknown outcome stay visible as such, for their webhook or the admin to settle). Nothing
 * else watches for that moment (the dispatcher knows messages, not campaigns), so the pages
 * that show a campaign settle it with one guarded, idempotent update.
 */
export async function completeIfFinished(workspaceId: string, campaignId?: string): Promise<void> {
  const db = await getDb();
  await execRows(
    db,
    sql`update campaigns c set status = 'completed', completed_at = now(), updated_at = now()
         where c.workspace_id = ${workspaceId}::uuid and c.kind = 'broadcast' and c.status = 'active'
           ${campaignId ? sql`and c.id = ${campaignId}::uuid` : sql``}
           and not exists (select 1 from messages m
                            where m.campaign_id = c.id and m.workspace_id = c.workspace_id
                              and m.status in ('queued', 'sending'))`,
  );
}
