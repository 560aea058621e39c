import 'server-only';
import { sql } from 'drizzle-orm';
import { execRows, getDb } from '@/db/client';
import { AppError, parseInput } from '@/lib/errors';
import { messageIdSchema } from './message-actions-schema';

export const MESSAGE_RETRY_REASON = 'retry requested by an admin';

/**
 * Puts one failed or unknown message back in the queue, due now, with a fresh attempt budget.
 * For `unknown` this is the admin's call that the earlier attempt did not reach the user (the
 * dispatcher never decides that on its own): the page asks for confirmation. A message of a
 * stopped campaign is not retried (the dispatcher would skip it).
 */
export async function retryMessage(workspaceId: string, input: unknown): Promise<void> {
  const { messageId } = parseInput(messageIdSchema, input);
  const db = await getDb();
  const rows = await execRows<{ id: string }>(
    db,
    sql`with upd as (
          update messages m
             set status = 'queued', attempts = 0, next_attempt_at = now(), status_reason = ${MESSAGE_RETRY_REASON}::text,
                 failed_at = null, lease_owner = null, lease_expires_at = null, updated_at = now()
           where m.id = ${messageId}::uuid and m.workspace_id = ${workspaceId}::uuid and m.status in ('failed', 'unknown')
             and not exists (select 1 from campaigns c where c.id = m.campaign_id and c.status = 'stopped')
          returning m.id, m.workspace_id
        ), ev as (
          insert into message_events (workspace_id, message_id, status, source, detail)
          select workspace_id, id, 'queued', 'admin', ${MESSAGE_RETRY_REASON}::text from upd
        )
        select id from upd`,
  );
  if (rows.length === 0) {
    throw new AppError('CONFLICT', 'Only a failed or unknown message can be retried (and not one of a stopped campaign). Reload to see its state.');
  }
}
