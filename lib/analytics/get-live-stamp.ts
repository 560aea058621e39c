import 'server-only';
import { sql } from 'drizzle-orm';
import { execRows, getDb } from '@/db/client';

/**
 * A fingerprint of the workspace's latest activity: the newest lead, message change, reply and
 * appointment change. The Analytics page polls it and re-renders only when it moves. Each part
 * is one backward step on an index, so a poll costs the same at a million leads as at ten.
 */
export async function getLiveStamp(workspaceId: string): Promise<string> {
  const db = await getDb();
  const [r] = await execRows<Record<string, string | null>>(
    db,
    sql`select
          (select max(created_at)::text from leads where workspace_id = ${workspaceId}) as leads,
          (select max(updated_at)::text from messages where workspace_id = ${workspaceId}) as messages,
          (select max(received_at)::text from inbound_messages where workspace_id = ${workspaceId}) as inbound,
          (select max(updated_at)::text from appointments where workspace_id = ${workspaceId}) as appointments`,
  );
  return [r.leads, r.messages, r.inbound, r.appointments].map((v) => v ?? '-').join('|');
}
