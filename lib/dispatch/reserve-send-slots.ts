import 'server-only';
import { sql } from 'drizzle-orm';
import { execRows, type DbOrTx } from '@/db/client';

// Per-sender throughput shared by every process, kept in PostgreSQL: a GCRA schedule ("virtual
// scheduling"). The sender's row in rate_limit_hits (key "dispatch:sender:<id>") holds in
// `window_start` the theoretical time of its next free slot (TAT). A worker reserves n slots
// in one atomic UPDATE: they start at max(TAT, now) and are 1/rate apart, and TAT moves past
// them. Every send therefore has its own instant, evenly spaced across all workers, so the
// sender never bursts: any one-second window holds at most `rate` sends, and a worker
// crossing a second boundary cannot double it (the flaw of a fixed per-second counter).
// Slots are only handed out up to `horizonMs` ahead, so a worker that dies with reservations
// wastes at most that much of the sender's capacity. `startInMs` puts an idle sender's first
// slot that far in the future, so the caller has time to prepare the call before it comes.
// Backing the whole sender off (130429, 4, 80007) is one more UPDATE that pushes TAT ahead.

export type SlotReservation = {
  /** Delay from now (ms) of each granted slot, ascending. */
  delaysMs: number[];
  /** The same slots as instants (epoch ms, database clock): immune to how long the answer took to come back. */
  atEpochMs: number[];
  /** The database's clock when it computed them (epoch ms), to check this process's clock against. */
  dbNowEpochMs: number;
  /** How far ahead (ms) the schedule is booked after this call: more slots free up past horizonMs. */
  bookedAheadMs: number;
};

const key = (senderPhoneId: string) => `dispatch:sender:${senderPhoneId}`;

export async function reserveSendSlots(
  db: DbOrTx,
  p: { senderPhoneId: string; perSecond: number; want: number; horizonMs: number; startInMs?: number },
): Promise<SlotReservation> {
  const intervalMs = 1000 / p.perSecond;
  if (p.want <= 0) return { delaysMs: [], atEpochMs: [], dbNowEpochMs: Date.now(), bookedAheadMs: 0 };
  const run = () =>
    execRows<{ granted: number; tat_ahead_ms: number; tat_epoch_ms: number; now_epoch_ms: number }>(
      db,
      // SET expressions see the old row: `ahead` is repeated rather than computed twice differently.
      sql`update rate_limit_hits set
            count = least(${p.want}::int, greatest(0, floor(
                      (${p.horizonMs}::float8 - greatest(0, extract(epoch from (window_start - clock_timestamp())) * 1000))
                      / ${intervalMs}::float8) + 1))::int,
            window_start = greatest(window_start, clock_timestamp() + ${p.startInMs ?? 0}::float8 * interval '1 millisecond')
                    + least(${p.want}::int, greatest(0, floor(
                        (${p.horizonMs}::float8 - greatest(0, extract(epoch from (window_start - clock_timestamp())) * 1000))
                        / ${intervalMs}::float8) + 1)) * ${intervalMs}::float8 * interval '1 millisecond'
          where key = ${key(p.senderPhoneId)}::text
          returning count as granted, (extract(epoch from (window_start - clock_timestamp())) * 1000)::float8 as tat_ahead_ms,
                    (extract(epoch from window_start) * 1000)::float8 as tat_epoch_ms,
                    (extract(epoch from clock_timestamp()) * 1000)::float8 as now_epoch_ms`,
    );
  let [row] = await run();
  if (!row) {
    await execRows(
      db,
      sql`insert into rate_limit_hits (key, window_start, count) values (${key(p.senderPhoneId)}::text, clock_timestamp(), 0)
          on conflict (key) do nothing returning key`,
    );
    [row] = await run();
  }
  const granted = Number(row?.granted ?? 0);
  const ahead = Number(row?.tat_ahead_ms ?? 0);
  const first = ahead - granted * intervalMs;
  const firstAt = Number(row?.tat_epoch_ms ?? 0) - granted * intervalMs;
  return {
    delaysMs: Array.from({ length: granted }, (_, i) => Math.max(0, first + i * intervalMs)),
    atEpochMs: Array.from({ length: granted }, (_, i) => firstAt + i * intervalMs),
    dbNowEpochMs: Number(row?.now_epoch_ms ?? Date.now()),
    bookedAheadMs: Math.max(0, ahead),
  };
}

/** 130429 / 4 / 80007: no slot for this sender, in any worker, for the next `ms`. */
export async function backOffSender(db: DbOrTx, senderPhoneId: string, ms: number): Promise<void> {
  await execRows(
    db,
    sql`insert into rate_limit_hits as r (key, window_start, count)
        values (${key(senderPhoneId)}::text, clock_timestamp() + ${Math.round(ms)}::float8 * interval '1 millisecond', 0)
        on conflict (key) do update set window_start = greatest(r.window_start, excluded.window_start)
        returning key`,
  );
}

/** Pair-limit gates of recipients not messaged lately are dead weight: drop them now and then. */
export async function purgeStalePairGates(db: DbOrTx, olderThanMs: number): Promise<void> {
  await execRows(
    db,
    sql`delete from rate_limit_hits
         where key like 'dispatch:pair:%' and window_start < now() - ${olderThanMs}::float8 * interval '1 millisecond'
        returning key`,
  );
}

export const pairGateKey = (senderPhoneId: string, toPhone: string) => `dispatch:pair:${senderPhoneId}:${toPhone.replace(/\D/g, '')}`;
