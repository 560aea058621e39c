import 'server-only';
import { sql } from 'drizzle-orm';
import { execRows, type DbOrTx } from '@/db/client';

// Per-sender throughput cap shared by every process: a fixed one-second window counted in
// PostgreSQL (the rate_limit_hits table, key "dispatch:sender:<id>"), one atomic upsert per
// send. Simple and correct under concurrency; a fixed window may let up to twice the rate
// through across a second boundary, which Meta's sliding cap absorbs with a 130429 that we
// retry. Process memory is never trusted: several workers share one sender.

type SlotRow = { count: number; wait_ms: number };

/** Takes one slot in the current second; `waitMs` says how long until the next window. */
export async function tryTakeSendSlot(
  db: DbOrTx,
  senderPhoneId: string,
  perSecond: number,
): Promise<{ granted: boolean; waitMs: number }> {
  const [row] = await execRows<SlotRow>(
    db,
    sql`insert into rate_limit_hits (key, window_start, count)
        values (${`dispatch:sender:${senderPhoneId}`}::text, date_trunc('second', clock_timestamp()), 1)
        on conflict (key) do update set
          count = case when excluded.window_start > rate_limit_hits.window_start then 1
                       else rate_limit_hits.count + 1 end,
          window_start = greatest(rate_limit_hits.window_start, excluded.window_start)
        returning count,
          (extract(epoch from (window_start + interval '1 second' - clock_timestamp())) * 1000)::float8 as wait_ms`,
  );
  return { granted: Number(row.count) <= perSecond, waitMs: Math.max(1, Number(row.wait_ms)) };
}

/** Waits (at most maxWaitMs) for a slot. False: no slot in time, or stopping. */
export async function acquireSendSlot(
  db: DbOrTx,
  senderPhoneId: string,
  perSecond: number,
  opts: { maxWaitMs: number; signal?: AbortSignal },
): Promise<boolean> {
  const giveUpAt = Date.now() + opts.maxWaitMs;
  for (;;) {
    const { granted, waitMs } = await tryTakeSendSlot(db, senderPhoneId, perSecond);
    if (granted) return true;
    // A little jitter so waiting senders do not stampede the row at the top of each second.
    const pause = waitMs + Math.random() * 20;
    if (opts.signal?.aborted || Date.now() + pause > giveUpAt) return false;
    await new Promise((resolve) => setTimeout(resolve, pause));
  }
}
