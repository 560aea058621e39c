import 'server-only';
import type { Db } from '@/db/client';
import { applyStatusBatch, type StatusOutcome } from './apply-status-batch';
import type { StatusItem } from './schema';

export type { StatusOutcome } from './apply-status-batch';

/**
 * One status webhook -> the message's state, monotonically, in its own transaction: the batch
 * of one of applyStatusBatch (apply-status-batch.ts), whose rules it follows.
 */
export async function applyMessageStatus(
  db: Db,
  ctx: { workspaceId: string; webhookEventId: string | null },
  status: StatusItem,
): Promise<StatusOutcome> {
  const [outcome] = await db.transaction((tx) => applyStatusBatch(tx, [{ workspaceId: ctx.workspaceId, webhookEventId: ctx.webhookEventId, status }]));
  return outcome;
}
