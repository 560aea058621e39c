import 'server-only';
import { sql } from 'drizzle-orm';
import { execRows, getDb } from '@/db/client';
import { AppError } from '@/lib/errors';
import { loadCampaignForUpdate } from './load-campaign';
import { PAUSE_SHIFT, PAUSED_BEYOND } from './pause-campaign';
import { CAMPAIGN_PAUSED_REASON } from './skip-reasons';

/** paused -> active; its held messages are due again at their own time (or now, if that passed). */
export async function resumeCampaign(workspaceId: string, campaignId: string): Promise<{ released: number }> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const campaign = await loadCampaignForUpdate(tx, workspaceId, campaignId);
    if (campaign.status !== 'paused') throw new AppError('CONFLICT', `Only a paused campaign can be resumed (this one is ${campaign.status}).`);
    await execRows(tx, sql`update campaigns set status = 'active', updated_at = now() where id = ${campaign.id}::uuid`);
    // Rows the dispatcher held itself while the pause was being applied are not shifted: due now.
    const rows = await execRows<{ id: string }>(
      tx,
      sql`update messages
             set next_attempt_at = case when next_attempt_at > ${PAUSED_BEYOND} then next_attempt_at - ${PAUSE_SHIFT}
                                        else least(next_attempt_at, now()) end,
                 status_reason = null, updated_at = now()
           where workspace_id = ${workspaceId}::uuid and campaign_id = ${campaign.id}::uuid
             and status = 'queued' and (next_attempt_at > ${PAUSED_BEYOND} or status_reason = ${CAMPAIGN_PAUSED_REASON}::text)
          returning id`,
    );
    return { released: rows.length };
  });
}
