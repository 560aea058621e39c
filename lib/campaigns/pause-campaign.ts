import 'server-only';
import { sql } from 'drizzle-orm';
import { execRows, getDb } from '@/db/client';
import { AppError } from '@/lib/errors';
import { loadCampaignForUpdate } from './load-campaign';
import { CAMPAIGN_PAUSED_REASON } from './skip-reasons';

/**
 * How far a paused campaign's queued messages are pushed. Shifting (not overwriting)
 * next_attempt_at keeps each message's own due time (a delay, a schedule) for the resume, and
 * keeps paused rows out of the dispatcher's claims entirely: it never loads them just to hold
 * them again (it would, every DISPATCH_HOLD_MS, if we relied on its "campaign paused" check).
 */
export const PAUSE_SHIFT = sql`interval '100 years'`;
/** Rows further out than this are paused rows (no real schedule is 50 years away). */
export const PAUSED_BEYOND = sql`now() + interval '50 years'`;

/** active -> paused; its queued messages wait until resumed. Messages already in flight finish. */
export async function pauseCampaign(workspaceId: string, campaignId: string): Promise<{ held: number }> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const campaign = await loadCampaignForUpdate(tx, workspaceId, campaignId);
    if (campaign.status !== 'active') throw new AppError('CONFLICT', `Only an active campaign can be paused (this one is ${campaign.status}).`);
    await execRows(tx, sql`update campaigns set status = 'paused', updated_at = now() where id = ${campaign.id}::uuid`);
    const rows = await execRows<{ id: string }>(
      tx,
      sql`update messages
             set next_attempt_at = next_attempt_at + ${PAUSE_SHIFT}, status_reason = ${CAMPAIGN_PAUSED_REASON}::text,
                 updated_at = now()
           where workspace_id = ${workspaceId}::uuid and campaign_id = ${campaign.id}::uuid
             and status = 'queued' and next_attempt_at <= ${PAUSED_BEYOND}
          returning id`,
    );
    return { held: rows.length };
  });
}
