import 'server-only';
import { hostname } from 'node:os';
import { sql } from 'drizzle-orm';
import { execRows, type DbOrTx } from '@/db/client';
import { workerHeartbeats } from '@/db/schema';

export type DispatcherKind = 'in-process' | 'worker' | 'cron';

/** One row per dispatcher, refreshed every pass: /api/health and the UI read it. */
export async function recordHeartbeat(db: DbOrTx, p: { workerId: string; kind: DispatcherKind; sent: number }) {
  await db
    .insert(workerHeartbeats)
    .values({ id: p.workerId, kind: p.kind, host: hostname(), pid: process.pid, lastRunAt: sql`now()`, messagesSent: p.sent })
    .onConflictDoUpdate({
      target: workerHeartbeats.id,
      set: {
        kind: p.kind,
        host: hostname(),
        pid: process.pid,
        lastRunAt: sql`now()`,
        messagesSent: sql`${workerHeartbeats.messagesSent} + ${p.sent}::int`,
      },
    });
}

/** Dispatchers (any kind, any host) that beat within `withinMs`: 1 means this one is alone. */
export async function countLiveDispatchers(db: DbOrTx, withinMs: number): Promise<number> {
  const [row] = await execRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from worker_heartbeats
         where last_run_at > now() - ${withinMs}::float8 * interval '1 millisecond'`,
  );
  return Number(row?.n ?? 0);
}

/** Cron calls and after() kicks beat under an id of their own: rows of long-gone ones are dropped. */
export async function purgeOldHeartbeats(db: DbOrTx, olderThanMs: number): Promise<void> {
  await execRows(
    db,
    sql`delete from worker_heartbeats where last_run_at < now() - ${olderThanMs}::float8 * interval '1 millisecond' returning id`,
  );
}
