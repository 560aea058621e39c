import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import { execRows, getDb } from '@/db/client';
import { campaigns, messageTemplates, workspaces } from '@/db/schema';
import { AppError } from '@/lib/errors';
import { readStoredSegment } from '@/lib/segments/schema';
import { loadCampaignForUpdate } from './load-campaign';
import { queueBroadcastMessages, type QueueBroadcastResult } from './queue-broadcast-messages';

export type StartResult = { kind: 'automated' } | ({ kind: 'broadcast' } & QueueBroadcastResult);

/**
 * Starts a draft campaign. Automated: it becomes active and reacts to new leads from now on.
 * Broadcast: it becomes active and its audience is queued in the same transaction, so a
 * campaign is never "active" with half an audience; a broadcast needs a test send first.
 * The row lock plus the draft check make a second start (double click, two tabs) a CONFLICT,
 * and the unique key would stop duplicates even without them.
 */
export async function startCampaign(workspaceId: string, campaignId: string): Promise<StartResult> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const campaign = await loadCampaignForUpdate(tx, workspaceId, campaignId);
    if (campaign.status !== 'draft') {
      throw new AppError('CONFLICT', `This campaign was already started (it is ${campaign.status}).`);
    }
    const [template] = await tx
      .select({ kind: messageTemplates.kind, archivedAt: messageTemplates.archivedAt })
      .from(messageTemplates)
      .where(and(eq(messageTemplates.id, campaign.templateId), eq(messageTemplates.workspaceId, workspaceId)));
    if (!template || template.archivedAt) throw new AppError('CONFLICT', 'The campaign’s template was archived: choose another one first.');

    if (campaign.kind === 'automated') {
      await tx.update(campaigns).set({ status: 'active', startedAt: sql`now()`, updatedAt: sql`now()` }).where(eq(campaigns.id, campaign.id));
      return { kind: 'automated' as const };
    }

    const segment = readStoredSegment(campaign.segment);
    if (!segment) throw new AppError('BAD_USER_INPUT', 'This broadcast has no valid segment: edit it and choose its audience.');
    const [tested] = await execRows<{ n: number }>(
      tx,
      sql`select count(*)::int as n from messages
           where workspace_id = ${workspaceId}::uuid and payload ->> 'testOfCampaignId' = ${campaign.id}::text`,
    );
    if (Number(tested?.n ?? 0) === 0) {
      throw new AppError('CONFLICT', 'Send a test message first, to see what your leads will get.');
    }
    const [ws] = await tx.select({ timeZone: workspaces.timezone }).from(workspaces).where(eq(workspaces.id, workspaceId));
    const counts = await queueBroadcastMessages(tx, {
      campaign,
      segment,
      timeZone: ws.timeZone,
      isSessionText: template.kind === 'session_text',
    });
    await tx.update(campaigns).set({ status: 'active', startedAt: sql`now()`, updatedAt: sql`now()` }).where(eq(campaigns.id, campaign.id));
    return { kind: 'broadcast' as const, ...counts };
  });
}
