import 'server-only';
import { getDb } from '@/db/client';
import { describeError, log } from '@/lib/log/logger';
import { runDeliveryPass } from './run-delivery-pass';

/** How often an idle dispatcher looks for due webhook deliveries. */
export const WEBHOOK_POLL_MS = 1_000;

export type OutboundWebhookLoop = { done: Promise<void>; stop: () => Promise<void> };

/**
 * Delivers webhooks beside the message dispatcher, in the same processes (run-dispatcher.ts),
 * but on its own loop: a slow receiver never holds up WhatsApp sends. 'loop' runs until
 * stopped (web process, worker); 'drain' until nothing is due or the budget is spent (cron).
 * stop() lets calls in flight finish and be recorded.
 */
export function startOutboundWebhookLoop(opts: {
  workerId: string;
  mode: 'loop' | 'drain';
  budgetMs?: number;
  signal?: AbortSignal;
  intervalMs?: number;
}): OutboundWebhookLoop {
  let isStopping = false;
  let wake: () => void = () => undefined;
  const deadline = opts.budgetMs === undefined ? Infinity : Date.now() + opts.budgetMs;
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const t = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(t);
        resolve();
      };
    });
  const done = (async () => {
    const db = await getDb();
    while (!isStopping && !opts.signal?.aborted && Date.now() < deadline) {
      let claimed = 0;
      try {
        claimed = (await runDeliveryPass(db, { workerId: opts.workerId })).claimed;
      } catch (err) {
        log.error('webhook delivery pass failed', { workerId: opts.workerId, ...describeError(err) });
      }
      if (claimed > 0) continue;
      if (opts.mode === 'drain') break;
      await pause(opts.intervalMs ?? WEBHOOK_POLL_MS);
    }
  })();
  return {
    done,
    stop: async () => {
      isStopping = true;
      wake();
      await done;
    },
  };
}
