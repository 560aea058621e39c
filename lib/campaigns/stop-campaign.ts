import 'server-only';
import { sql } from 'drizzle-orm';
import { execRows, getDb } from '@/db/client';
import { AppError } from '@/lib/errors';
import { loadCampaignForUpdate } from './load-campaign';
import { CAMPAIGN_STOPPED_REASON } from './skip-reasons';

/**
 * Stops a campaign for good: every message still queued becomes `skipped` ("campaign stopped")
 * with an admin event. A message a worker already took to `sending` finishes (it may already be
 * at Meta); a claimed but not yet sending one cannot start, since sending needs `queued`.
 */
export async function stopCampaign(workspaceId: string, campaignId: string): Promise<{ skipped: number }> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const campaign = await loadCampaignForUpdate(tx, workspaceId, campaignId);
    if (campaign.status === 'stopped' || campaign.status === 'completed') {
      throw new AppError('CONFLICT', `This campaign is already ${campaign.status}.`);
    }
    await execRows(tx, sql`update campaigns set status = 'stopped', completed_at = now(), updated_at = now() where id = ${campaign.id}::uuid`);
    const rows = await execRows<{ id: string }>(
      tx,
      sql`with upd as (
            update messages
               set status = 'skipped', status_reason = ${CAMPAIGN_STOPPED_REASON}::text, skipped_at = now(),
                   lease_owner = null, lease_expires_at = null, updated_at = now()
             where workspace_id = ${workspaceId}::uuid and campaign_id = ${campaign.id}::uuid and status = 'queued'
            returning id, workspace_id
          ), ev as (
            insert into message_events (workspace_id, message_id, status, source, detail)
            select workspace_id, id, 'skipped', 'admin', ${CAMPAIGN_STOPPED_REASON}::text from upd
          )
          select id from upd`,
    );
    return { skipped: rows.length };
  });
}
