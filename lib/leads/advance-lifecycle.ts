import 'server-only';
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { LIFECYCLE_RANK, STAGE_FOR_EVENT, type LifecycleEvent } from './lifecycle';

const RANK_CASE = sql.raw(
  `case lifecycle_status ${Object.entries(LIFECYCLE_RANK)
    .map(([k, v]) => `when '${k}' then ${v}`)
    .join(' ')} else 0 end`,
);

/**
 * Moves a lead forward for an event, in SQL so concurrent events cannot move it back.
 * A stage an admin set by hand (lifecycle_set_by_hand_at) is left alone.
 */
export async function advanceLifecycle(db: DbOrTx, workspaceId: string, leadId: string, event: LifecycleEvent): Promise<void> {
  const target = STAGE_FOR_EVENT[event];
  await db.execute(sql`
    update leads set lifecycle_status = ${target}, updated_at = now()
    where id = ${leadId} and workspace_id = ${workspaceId}
      and lifecycle_set_by_hand_at is null
      and ${RANK_CASE} < ${LIFECYCLE_RANK[target]}`);
}
