import 'server-only';
import { sql } from 'drizzle-orm';
import { execRows, type DbOrTx } from '@/db/client';

export const REAPED_REASON = 'worker stopped during the API call (lease expired): the message may have been sent';

/**
 * `sending` rows whose lease ran out belong to a worker that died mid-call. The request may
 * have reached Meta, so they become `unknown` (the status webhook, matched by
 * biz_opaque_callback_data = message id, settles them), never `queued`: re-sending could
 * message the lead twice. Returns how many were reaped.
 */
export async function reapExpiredLeases(db: DbOrTx): Promise<number> {
  const rows = await execRows<{ id: string }>(
    db,
    sql`with upd as (
          update messages
             set status = 'unknown', status_reason = ${REAPED_REASON}::text,
                 lease_owner = null, lease_expires_at = null, updated_at = now()
           where status = 'sending' and lease_expires_at < now()
          returning id, workspace_id
        ), ev as (
          insert into message_events (workspace_id, message_id, status, source, detail)
          select workspace_id, id, 'unknown', 'system', ${REAPED_REASON}::text from upd
        )
        select id from upd`,
  );
  return rows.length;
}
