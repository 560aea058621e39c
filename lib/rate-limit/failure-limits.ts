import 'server-only';
import { sql } from 'drizzle-orm';
import { execRows, getDb } from '@/db/client';

// Failure counters with growing delays (OWASP authentication guidance): the first `free`
// failures cost nothing, then each further one makes the next attempt wait baseDelay,
// 2x, 4x ... up to maxDelay after the last failure. A key with no failure for forgetAfter
// seconds starts again from zero. Rows live in rate_limit_hits (window_start = the last
// counted attempt), so every instance sees the same counts. clock_timestamp(), not now():
// now() is when a transaction began, which for one that waited on the row lock is before
// the attempt it waited for, and would make that attempt look like it came from the future.

export type FailurePolicy = { free: number; baseDelay: number; maxDelay: number; forgetAfter: number };
export type FailureCheck = { key: string; policy: FailurePolicy };
export type AttemptVerdict = { allowed: true } | { allowed: false; retryAfter: number };

/** Seconds to wait after `failures` failures, counted from the last one. */
export function delayAfter(failures: number, policy: FailurePolicy): number {
  if (failures < policy.free) return 0;
  return Math.min(policy.maxDelay, policy.baseDelay * 2 ** Math.min(failures - policy.free, 30));
}

/**
 * If every key allows an attempt now, counts one failure on each in advance (so parallel
 * attempts cannot all pass a check made before any of them failed) and says allowed; the
 * caller hands the reservation back with forgiveAttempt when the attempt succeeds.
 * Otherwise counts nothing and says how long to wait (the longest of the keys' waits).
 */
export async function reserveAttempt(checks: FailureCheck[]): Promise<AttemptVerdict> {
  const sorted = [...checks].sort((a, b) => a.key.localeCompare(b.key));
  const keys = sql.join(
    sorted.map((c) => sql`${c.key}`),
    sql`, `,
  );
  const db = await getDb();
  return db.transaction(async (tx) => {
    await tx.execute(
      sql`insert into rate_limit_hits (key, window_start, count)
          values ${sql.join(
            sorted.map((c) => sql`(${c.key}, clock_timestamp(), 0)`),
            sql`, `,
          )}
          on conflict (key) do nothing`,
    );
    const rows = await execRows<{ key: string; count: number; age: number }>(
      tx,
      sql`select key, count, greatest(0, extract(epoch from (clock_timestamp() - window_start)))::float8 as age
          from rate_limit_hits where key in (${keys}) order by key for update`,
    );
    const byKey = new Map(rows.map((r) => [r.key, r]));
    let wait = 0;
    const next: { key: string; count: number }[] = [];
    for (const c of sorted) {
      const row = byKey.get(c.key);
      const age = Number(row?.age ?? 0);
      const failures = row && age <= c.policy.forgetAfter ? Number(row.count) : 0;
      wait = Math.max(wait, delayAfter(failures, c.policy) - age);
      next.push({ key: c.key, count: failures + 1 });
    }
    if (wait > 0) return { allowed: false, retryAfter: Math.max(1, Math.ceil(wait)) };
    for (const n of next) {
      await tx.execute(sql`update rate_limit_hits set count = ${n.count}, window_start = clock_timestamp() where key = ${n.key}`);
    }
    return { allowed: true };
  });
}

/** Hands back a reservation after a success: `clear` keys start again from zero, others lose one. */
export async function forgiveAttempt(keys: { key: string; clear: boolean }[]): Promise<void> {
  const db = await getDb();
  for (const { key, clear } of keys) {
    if (clear) await db.execute(sql`delete from rate_limit_hits where key = ${key}`);
    else await db.execute(sql`update rate_limit_hits set count = greatest(count - 1, 0) where key = ${key}`);
  }
}
