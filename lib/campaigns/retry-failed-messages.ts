import 'server-only';
import { sql } from 'drizzle-orm';
import { execRows, getDb } from '@/db/client';
import { AppError } from '@/lib/errors';
import { loadCampaignForUpdate } from './load-campaign';
import { PAUSE_SHIFT } from './pause-campaign';
import { retryableFailedSql } from './retryable-errors';
import { CAMPAIGN_PAUSED_REASON } from './skip-reasons';

export const ADMIN_RETRY_REASON = 'retry requested by an admin';

/**
 * Puts a campaign's retryable failed messages back in the queue with a fresh attempt budget,
 * one statement, with an admin event each. Non-retryable failures stay failed. A stopped
 * campaign's messages stay as they are (the dispatcher would skip them anyway).
 */
export async function retryFailedMessages(workspaceId: string, campaignId: string): Promise<{ requeued: number }> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const campaign = await loadCampaignForUpdate(tx, workspaceId, campaignId);
    if (campaign.status === 'stopped') throw new AppError('CONFLICT', 'This campaign is stopped: its messages are not retried.');
    // A paused campaign's retried messages wait with the rest of its queue (see pause-campaign.ts).
    const due = campaign.status === 'paused' ? sql`now() + ${PAUSE_SHIFT}` : sql`now()`;
    const reason = campaign.status === 'paused' ? CAMPAIGN_PAUSED_REASON : ADMIN_RETRY_REASON;
    const rows = await execRows<{ id: string }>(
      tx,
      sql`with upd as (
            update messages
               set status = 'queued', attempts = 0, next_attempt_at = ${due}, status_reason = ${reason}::text,
                   failed_at = null, lease_owner = null, lease_expires_at = null, updated_at = now()
             where workspace_id = ${workspaceId}::uuid and campaign_id = ${campaign.id}::uuid and ${retryableFailedSql()}
            returning id, workspace_id
          ), ev as (
            insert into message_events (workspace_id, message_id, status, source, detail)
            select workspace_id, id, 'queued', 'admin', ${ADMIN_RETRY_REASON}::text from upd
          )
          select id from upd`,
    );
    return { requeued: rows.length };
  });
}
