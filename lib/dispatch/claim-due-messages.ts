import 'server-only';
import { sql } from 'drizzle-orm';
import { execRows, type DbOrTx } from '@/db/client';

export type ClaimOptions = {
  workerId: string;
  limit: number;
  leaseSeconds: number;
  /** Senders whose schedule is booked up in this worker: their messages are left to others for now. */
  excludeSenderIds?: string[];
};

/**
 * Claims up to `limit` due messages for this worker in one statement. Claimed rows stay
 * `queued` (nothing was sent yet): if the worker dies now, its lease simply runs out and any
 * worker claims them again. Rows under another worker's live lease are skipped, and
 * FOR UPDATE SKIP LOCKED keeps concurrent claimers off each other's rows without waiting.
 * Returns the claimed ids, oldest due first.
 */
export async function claimDueMessages(db: DbOrTx, opts: ClaimOptions): Promise<string[]> {
  const exclude = opts.excludeSenderIds?.length
    ? sql`and (sender_phone_id is null or sender_phone_id not in (${sql.join(
        opts.excludeSenderIds.map((id) => sql`${id}::uuid`),
        sql`, `,
      )}))`
    : sql``;
  const rows = await execRows<{ id: string; next_attempt_at: string | Date }>(
    db,
    sql`with due as materialized (
          select id from messages
          where status = 'queued'
            and next_attempt_at <= now()
            and (lease_owner is null or lease_expires_at is null or lease_expires_at <= now())
            ${exclude}
          order by next_attempt_at
          limit ${opts.limit}::int
          for update skip locked
        )
        update messages m
           set lease_owner = ${opts.workerId}::text,
               lease_expires_at = now() + ${opts.leaseSeconds}::float8 * interval '1 second',
               updated_at = now()
          from due
         where m.id = due.id and m.status = 'queued'
        returning m.id, m.next_attempt_at`,
  );
  return rows
    .sort((a, b) => new Date(a.next_attempt_at).getTime() - new Date(b.next_attempt_at).getTime())
    .map((r) => r.id);
}
