import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
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

/** The lifecycle column after an event, as an expression for an UPDATE of leads that also sets other columns. */
export function advancedLifecycleSql(event: LifecycleEvent): SQL {
  const target = STAGE_FOR_EVENT[event];
  return sql`case when lifecycle_set_by_hand_at is null and ${RANK_CASE} < ${LIFECYCLE_RANK[target]} then ${target} else lifecycle_status end`;
}

/** advanceLifecycle for many leads in one statement (the webhook receiver's batches). */
export async function advanceLifecycleMany(db: DbOrTx, leads: { workspaceId: string; leadId: string }[], event: LifecycleEvent): Promise<void> {
  if (leads.length === 0) return;
  const target = STAGE_FOR_EVENT[event];
  const rows = JSON.stringify(leads.map((l) => ({ ws: l.workspaceId, id: l.leadId })));
  await db.execute(sql`
    update leads set lifecycle_status = ${target}, updated_at = now()
    where (id, workspace_id) in (select k.id, k.ws from json_to_recordset(${rows}::json) k(ws uuid, id uuid))
      and lifecycle_set_by_hand_at is null
      and ${RANK_CASE} < ${LIFECYCLE_RANK[target]}`);
}
