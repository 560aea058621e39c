import 'server-only';
import { sql } from 'drizzle-orm';
import { execRows, type DbOrTx } from '@/db/client';
import type { OutboundEventType } from '@/db/schema';

export type ClaimedDelivery = {
  id: string;
  workspaceId: string;
  endpointId: string;
  eventId: string;
  eventType: OutboundEventType;
  payload: Record<string, unknown>;
  createdAt: string;
  attempt: number;
  url: string;
  secretEnc: string;
};

/**
 * Claims up to `limit` due deliveries of enabled endpoints for this worker, like messages
 * (lib/dispatch/claim-due-messages.ts): FOR UPDATE SKIP LOCKED keeps concurrent workers off
 * each other's rows, and the lease makes a claim of a worker that died mid-delivery claimable
 * again once it runs out. The attempt is counted at claim time, so a crash counts as one.
 */
export async function claimDueDeliveries(
  db: DbOrTx,
  opts: { workerId: string; limit: number; leaseSeconds: number },
): Promise<ClaimedDelivery[]> {
  const rows = await execRows<{
    id: string;
    workspace_id: string;
    endpoint_id: string;
    event_id: string;
    event_type: OutboundEventType;
    payload: Record<string, unknown> | string;
    created_at: string | Date;
    attempts: number;
    url: string;
    secret_enc: string;
  }>(
    db,
    sql`with due as materialized (
          select d.id from webhook_deliveries d
            join webhook_endpoints e on e.id = d.endpoint_id and e.is_enabled
           where d.status = 'pending'
             and d.next_attempt_at <= now()
             and (d.lease_expires_at is null or d.lease_expires_at <= now())
           order by d.next_attempt_at
           limit ${opts.limit}::int
           for update of d skip locked
        )
        update webhook_deliveries d
           set lease_owner = ${opts.workerId}::text,
               lease_expires_at = now() + ${opts.leaseSeconds}::float8 * interval '1 second',
               attempts = d.attempts + 1
          from due, webhook_endpoints e
         where d.id = due.id and e.id = d.endpoint_id
        returning d.id, d.workspace_id, d.endpoint_id, d.event_id, d.event_type, d.payload, d.created_at, d.attempts, e.url, e.secret_enc`,
  );
  return rows.map((r) => ({
    id: r.id,
    workspaceId: r.workspace_id,
    endpointId: r.endpoint_id,
    eventId: r.event_id,
    eventType: r.event_type,
    payload: typeof r.payload === 'string' ? (JSON.parse(r.payload) as Record<string, unknown>) : r.payload,
    createdAt: new Date(r.created_at).toISOString(),
    attempt: r.attempts,
    url: r.url,
    secretEnc: r.secret_enc,
  }));
}
