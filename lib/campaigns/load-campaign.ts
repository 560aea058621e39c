import 'server-only';
import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { campaigns, type Campaign } from '@/db/schema';
import { AppError } from '@/lib/errors';
import { isId } from '@/lib/validation/strict-values';

/** A campaign of this workspace, locked for update inside a transaction; NOT_FOUND otherwise. */
export async function loadCampaignForUpdate(tx: DbOrTx, workspaceId: string, campaignId: string): Promise<Campaign> {
  if (!isId(campaignId)) throw new AppError('NOT_FOUND', 'This campaign does not exist in this workspace.');
  const [row] = await tx
    .select()
    .from(campaigns)
    .where(and(eq(campaigns.id, campaignId), eq(campaigns.workspaceId, workspaceId)))
    .for('update');
  if (!row) throw new AppError('NOT_FOUND', 'This campaign does not exist in this workspace.');
  return row;
}
