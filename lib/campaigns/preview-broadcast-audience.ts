import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import { execRows, getDb } from '@/db/client';
import { campaigns, messageTemplates, workspaces } from '@/db/schema';
import { AppError } from '@/lib/errors';
import { readStoredSegment } from '@/lib/segments/schema';
import { broadcastAudienceSql } from './broadcast-audience';
import { senderPool } from './sender-pool';
import { AUDIENCE_SKIP_REASONS, type AudienceSkipVerdict } from './skip-reasons';

export type AudiencePreview = {
  /** Leads matching the segment. */
  total: number;
  /** Will be queued now (some of them may then wait for the daily cap). */
  eligible: number;
  /** Already have this campaign's message (started before). */
  alreadyQueued: number;
  skipped: Record<AudienceSkipVerdict, number>;
  /** Eligible leads the workspace's daily unique-recipient cap cannot take in the next 24 h: they wait, not skipped. */
  overDailyCap: number;
  dailyCap: number | null;
  /** Unique recipients already reached by business-initiated messages in the last 24 h. */
  reachedLast24h: number;
};

/**
 * What starting this broadcast would do, counted in SQL with the same statement the start uses
 * (broadcastAudienceSql), plus how many eligible leads the daily cap would make wait. The cap
 * (like the 24-hour rule) applies to Cloud API numbers only, as in the dispatcher.
 */
export async function previewBroadcastAudience(workspaceId: string, campaignId: string): Promise<AudiencePreview> {
  const db = await getDb();
  const [row] = await db
    .select({ campaign: campaigns, templateKind: messageTemplates.kind, timeZone: workspaces.timezone, dailyCap: workspaces.dailyRecipientCap })
    .from(campaigns)
    .innerJoin(workspaces, eq(workspaces.id, campaigns.workspaceId))
    .innerJoin(messageTemplates, and(eq(messageTemplates.id, campaigns.templateId), eq(messageTemplates.workspaceId, workspaceId)))
    .where(and(eq(campaigns.id, campaignId), eq(campaigns.workspaceId, workspaceId)));
  if (!row) throw new AppError('NOT_FOUND', 'This campaign does not exist in this workspace.');
  if (row.campaign.kind !== 'broadcast') throw new AppError('BAD_USER_INPUT', 'Only a broadcast has an audience to preview.');
  const segment = readStoredSegment(row.campaign.segment);
  if (!segment) throw new AppError('BAD_USER_INPUT', 'This broadcast has no valid segment: edit it and choose its audience.');

  const audience = broadcastAudienceSql({
    workspaceId,
    campaignId,
    segment,
    timeZone: row.timeZone,
    senderPool: senderPool(row.campaign),
    isSessionText: row.templateKind === 'session_text',
  });
  const reached = sql`select distinct lead_id from messages
     where workspace_id = ${workspaceId}::uuid and is_business_initiated
       and status in ('sending', 'sent', 'delivered', 'read', 'unknown')
       and sending_at > now() - interval '24 hours'`;
  const [verdicts, [reach]] = await Promise.all([
    execRows<{ verdict: string; n: number; needs_slot: number }>(
      db,
      sql`select x.verdict, count(*)::int as n,
                 count(*) filter (where x.verdict = 'eligible' and x.provider = 'cloud_api'
                                  and x.lead_id not in (${reached}))::int as needs_slot
            from (${audience}) x group by x.verdict`,
    ),
    execRows<{ n: number }>(db, sql`select count(*)::int as n from (${reached}) r`),
  ]);

  const count = (v: string) => Number(verdicts.find((r) => r.verdict === v)?.n ?? 0);
  const skipped = Object.fromEntries(Object.keys(AUDIENCE_SKIP_REASONS).map((v) => [v, count(v)])) as Record<AudienceSkipVerdict, number>;
  const needsSlot = Number(verdicts.find((r) => r.verdict === 'eligible')?.needs_slot ?? 0);
  const reachedLast24h = Number(reach?.n ?? 0);
  const overDailyCap = row.dailyCap === null ? 0 : Math.max(0, needsSlot - Math.max(0, row.dailyCap - reachedLast24h));
  return {
    total: verdicts.reduce((sum, r) => sum + Number(r.n), 0),
    eligible: count('eligible'),
    alreadyQueued: count('already_queued'),
    skipped,
    overDailyCap,
    dailyCap: row.dailyCap,
    reachedLast24h,
  };
}
