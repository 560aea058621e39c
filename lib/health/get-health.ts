import 'server-only';
import { sql } from 'drizzle-orm';
import { execRows, getDbHandle, pendingMigrations } from '@/db/client';
import { describeError, log } from '@/lib/log/logger';

export type Health =
  | {
      status: 'ok';
      database: 'pglite' | 'postgres';
      migrations: 'up-to-date';
      dispatcher: { lastRunAt: string | null; workers: number };
    }
  | { status: 'error'; reason: string };

/** A dispatcher counts as alive when it ran within this window. */
const LIVE_WORKER_SECONDS = 120;
const DB_TIMEOUT_MS = 5_000;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms).unref()),
  ]);
}

/** For /api/health: database reachable, migrations applied, dispatchers seen recently. */
export async function getHealth(): Promise<{ httpStatus: number; body: Health }> {
  try {
    return await withTimeout(check(), DB_TIMEOUT_MS);
  } catch (err) {
    log.warn('health check failed', { ...describeError(err) });
    return { httpStatus: 503, body: { status: 'error', reason: 'database unreachable' } };
  }
}

async function check(): Promise<{ httpStatus: number; body: Health }> {
  const { db, driver } = await getDbHandle();
  const pending = await pendingMigrations(db);
  if (pending.length > 0) {
    return { httpStatus: 503, body: { status: 'error', reason: `migrations pending: ${pending.join(', ')}` } };
  }
  const [row] = await execRows<{ last_run_at: string | Date | null; workers: number }>(
    db,
    sql`select max(last_run_at) as last_run_at,
               (count(*) filter (where last_run_at > now() - ${LIVE_WORKER_SECONDS}::int * interval '1 second'))::int as workers
          from worker_heartbeats`,
  );
  const lastRunAt = row?.last_run_at ? new Date(row.last_run_at).toISOString() : null;
  return {
    httpStatus: 200,
    body: { status: 'ok', database: driver, migrations: 'up-to-date', dispatcher: { lastRunAt, workers: Number(row?.workers ?? 0) } },
  };
}
