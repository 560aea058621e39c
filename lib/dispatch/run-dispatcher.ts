import 'server-only';
import { getDb } from '@/db/client';
import { env } from '@/lib/env';
import { log } from '@/lib/log/logger';
import { claimDueMessages } from './claim-due-messages';
import { messagesOverRecipientCap, RECIPIENT_CAP_REASON } from './daily-recipient-cap';
import { loadClaimedMessages } from './load-claimed-messages';
import { holdMessage, releaseClaims } from './message-transitions';
import { reapExpiredLeases } from './reap-expired-leases';
import { recordHeartbeat, type DispatcherKind } from './record-heartbeat';
import { sendClaimedMessage, type MessageOutcome, type SendSettings } from './send-claimed-message';

export type DispatchOptions = {
  workerId: string;
  kind: DispatcherKind;
  /** Stop starting new sends after this long; un-started claims are given back. */
  budgetMs?: number;
  batchSize?: number;
  concurrency?: number;
  leaseSeconds?: number;
  apiTimeoutMs?: number;
  /** Aborting stops new sends; sends in flight finish and are recorded. */
  signal?: AbortSignal;
};

/** How long a message over the daily recipient cap waits before it is looked at again. */
const RECIPIENT_CAP_HOLD_MS = 15 * 60 * 1000;

export type DispatchCounts = Record<MessageOutcome, number> & { reaped: number; claimed: number; errors: number };

const emptyCounts = (): DispatchCounts => ({
  reaped: 0,
  claimed: 0,
  sent: 0,
  failed: 0,
  skipped: 0,
  requeued: 0,
  held: 0,
  unknown: 0,
  released: 0,
  errors: 0,
});

/** Runs `fn` over items with at most `limit` in flight. */
async function forEachConcurrent<T>(items: T[], limit: number, fn: (item: T) => Promise<void>) {
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await fn(items[next++]);
  });
  await Promise.all(lanes);
}

/** One pass: reap dead leases, claim a batch, send it with bounded parallelism, heartbeat. */
export async function dispatchOnce(opts: DispatchOptions): Promise<DispatchCounts> {
  const e = env();
  const db = await getDb();
  const started = Date.now();
  const deadline = started + (opts.budgetMs ?? Number.POSITIVE_INFINITY);
  const apiTimeoutMs = opts.apiTimeoutMs ?? e.WHATSAPP_API_TIMEOUT_MS;
  const leaseSeconds = opts.leaseSeconds ?? e.DISPATCH_LEASE_SECONDS;
  const counts = emptyCounts();

  counts.reaped = await reapExpiredLeases(db);
  const ids = opts.signal?.aborted
    ? []
    : await claimDueMessages(db, { workerId: opts.workerId, limit: opts.batchSize ?? e.DISPATCH_BATCH_SIZE, leaseSeconds });
  counts.claimed = ids.length;

  const settings: SendSettings = {
    workerId: opts.workerId,
    sendingLeaseMs: Math.max(leaseSeconds * 1000, apiTimeoutMs + 30_000),
    apiTimeoutMs,
    retryBaseMs: e.DISPATCH_RETRY_BASE_MS,
    retryMaxMs: e.DISPATCH_RETRY_MAX_MS,
    holdMs: e.DISPATCH_HOLD_MS,
    senderPauseMs: e.DISPATCH_SENDER_PAUSE_MS,
    maxSlotWaitMs: 5_000,
    signal: opts.signal,
  };
  try {
    const claimed = await loadClaimedMessages(db, ids);
    const overCap = await messagesOverRecipientCap(db, claimed);
    await forEachConcurrent(claimed, opts.concurrency ?? e.DISPATCH_CONCURRENCY, async (item) => {
      const remaining = deadline - Date.now();
      if (opts.signal?.aborted || remaining <= 0) {
        counts.released++;
        return;
      }
      try {
        const outcome = overCap.has(item.message.id)
          ? await holdMessage(db, { id: item.message.id, workerId: opts.workerId, delayMs: RECIPIENT_CAP_HOLD_MS, reason: RECIPIENT_CAP_REASON }).then(
              () => 'held' as const,
            )
          : await sendClaimedMessage(db, item, { ...settings, maxSlotWaitMs: Math.min(5_000, remaining) });
        counts[outcome]++;
      } catch (err) {
        // Left as it was: a `queued` claim is released below, a `sending` row is reaped to `unknown`.
        counts.errors++;
        log.error('dispatch of a message failed', { messageId: item.message.id, error: errorText(err) });
      }
    });
  } finally {
    await releaseClaims(db, { ids, workerId: opts.workerId }).catch((err: unknown) =>
      log.error('releasing claims failed (their lease will expire)', { workerId: opts.workerId, error: errorText(err) }),
    );
  }
  await recordHeartbeat(db, { workerId: opts.workerId, kind: opts.kind, sent: counts.sent });
  if (counts.claimed > 0 || counts.reaped > 0) {
    log.debug('dispatch pass', { workerId: opts.workerId, ms: Date.now() - started, ...counts });
  }
  return counts;
}

/** Passes until nothing is due or the budget is spent (the cron route). */
export async function drainDueMessages(opts: DispatchOptions & { budgetMs: number }): Promise<DispatchCounts & { passes: number }> {
  const deadline = Date.now() + opts.budgetMs;
  const total = { ...emptyCounts(), passes: 0 };
  for (;;) {
    const counts = await dispatchOnce({ ...opts, budgetMs: deadline - Date.now() });
    total.passes++;
    for (const k of Object.keys(counts) as (keyof DispatchCounts)[]) total[k] += counts[k];
    const madeProgress = counts.claimed > counts.released;
    if (counts.claimed === 0 || !madeProgress || Date.now() >= deadline - 250) return total;
  }
}

export type DispatcherLoop = { workerId: string; stop: () => Promise<void> };

// Loops in this process, so code that just queued a message can wake them (wakeDispatchers).
const loops = globalThis as unknown as { __whatslabDispatchWakers?: Set<() => void> };
const wakers = (loops.__whatslabDispatchWakers ??= new Set());

/** Wakes this process's dispatcher loops now instead of at their next tick (e.g. after a lead signs up). */
export function wakeDispatchers(): void {
  for (const wake of wakers) wake();
}

/**
 * Dispatches until stopped. A full batch runs the next pass at once; an idle one waits
 * intervalMs; failures (database down at boot, ...) are logged and retried with backoff.
 * stop() lets in-flight sends finish and gives un-started claims back.
 */
export function startDispatcherLoop(
  opts: Omit<DispatchOptions, 'signal' | 'budgetMs'> & { intervalMs: number },
): DispatcherLoop {
  const controller = new AbortController();
  const batchSize = opts.batchSize ?? env().DISPATCH_BATCH_SIZE;
  let wake: () => void = () => undefined;
  let pending = false;
  const waker = () => {
    pending = true;
    wake();
  };
  wakers.add(waker);

  const done = (async () => {
    let failures = 0;
    while (!controller.signal.aborted) {
      pending = false;
      let isBusy = false;
      try {
        const counts = await dispatchOnce({ ...opts, batchSize, signal: controller.signal });
        isBusy = counts.claimed >= batchSize && counts.claimed > counts.released;
        if (failures > 0) log.info('dispatcher recovered', { workerId: opts.workerId });
        failures = 0;
      } catch (err) {
        failures++;
        log.error('dispatcher pass failed; retrying', { workerId: opts.workerId, failures, error: errorText(err) });
      }
      if (controller.signal.aborted || (isBusy && failures === 0) || pending) continue;
      const delay = failures > 0 ? Math.min(30_000, opts.intervalMs * 2 ** Math.min(failures, 8)) : opts.intervalMs;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, delay);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
        if (controller.signal.aborted || pending) wake();
      });
      wake = () => undefined;
    }
  })();

  return {
    workerId: opts.workerId,
    stop: async () => {
      wakers.delete(waker);
      controller.abort();
      wake();
      await done;
    },
  };
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
