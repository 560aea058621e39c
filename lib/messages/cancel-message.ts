import 'server-only';
import { sql } from 'drizzle-orm';
import { execRows, getDb } from '@/db/client';
import { AppError, parseInput } from '@/lib/errors';
import { messageIdSchema } from './message-actions-schema';

export const MESSAGE_CANCEL_REASON = 'cancelled by an admin';

/**
 * A queued message will not be sent: it becomes `skipped` with the reason. Safe against a worker
 * holding a claim on it: a claim only turns into a send while the row is still `queued`.
 */
export async function cancelMessage(workspaceId: string, input: unknown): Promise<void> {
  const { messageId } = parseInput(messageIdSchema, input);
  const db = await getDb();
  const rows = await execRows<{ id: string }>(
    db,
    sql`with upd as (
          update messages
             set status = 'skipped', status_reason = ${MESSAGE_CANCEL_REASON}::text, skipped_at = now(),
                 lease_owner = null, lease_expires_at = null, updated_at = now()
           where id = ${messageId}::uuid and workspace_id = ${workspaceId}::uuid and status = 'queued'
          returning id, workspace_id
        ), ev as (
          insert into message_events (workspace_id, message_id, status, source, detail)
          select workspace_id, id, 'skipped', 'admin', ${MESSAGE_CANCEL_REASON}::text from upd
        )
        select id from upd`,
  );
  if (rows.length === 0) throw new AppError('CONFLICT', 'Only a queued message can be cancelled: this one has already moved on. Reload to see its state.');
}
