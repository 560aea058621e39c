import 'server-only';
import { log } from '@/lib/log/logger';
import { startOutboundWebhookLoop } from '@/lib/outbound-webhooks/delivery-loop';
import { emptyCounts, startDispatchEngine, type DispatchCounts, type DispatchOptions } from './dispatch-engine';

export type { DispatchCounts, DispatchOptions } from './dispatch-engine';

// The three ways the dispatcher runs, all on the same engine (dispatch-engine.ts).

/** One claim and everything it got, then return (tests, tools). */
export async function dispatchOnce(opts: DispatchOptions): Promise<DispatchCounts> {
  return startDispatchEngine({ ...opts, mode: 'once' }).done;
}

/** Until nothing is due or the budget is spent (the cron route, after() on serverless). */
export async function drainDueMessages(opts: DispatchOptions & { budgetMs: number }): Promise<DispatchCounts> {
  const webhooks = startOutboundWebhookLoop({ workerId: opts.workerId, mode: 'drain', budgetMs: opts.budgetMs, signal: opts.signal });
  const counts = await startDispatchEngine({ ...opts, mode: 'drain' }).done;
  await webhooks.done;
  return counts;
}

export type DispatcherLoop = { workerId: string; stop: () => Promise<DispatchCounts> };

// Loops in this process, so code that just queued a message can wake them (wakeDispatchers).
const loops = globalThis as unknown as { __whatslabDispatchWakers?: Set<() => void> };
const wakers = (loops.__whatslabDispatchWakers ??= new Set());

/** Wakes this process's dispatcher loops now instead of at their next tick (e.g. after a lead signs up). */
export function wakeDispatchers(): boolean {
  for (const wake of wakers) wake();
  return wakers.size > 0;
}

/**
 * Dispatches until stopped: web process (in-process) and `npm run worker`. An idle engine looks
 * again every intervalMs (or when woken); a failing database is logged and retried by the
 * engine's next pass. stop() lets sends in flight finish and gives un-started claims back.
 */
export function startDispatcherLoop(opts: Omit<DispatchOptions, 'signal' | 'budgetMs'> & { intervalMs: number }): DispatcherLoop {
  const engine = startDispatchEngine({ ...opts, mode: 'loop' });
  const webhooks = startOutboundWebhookLoop({ workerId: opts.workerId, mode: 'loop' });
  wakers.add(engine.wake);
  void engine.done.then(() => wakers.delete(engine.wake));
  return {
    workerId: opts.workerId,
    stop: async () => {
      wakers.delete(engine.wake);
      const [counts] = await Promise.all([engine.stop(), webhooks.stop()]);
      log.debug('dispatcher loop stopped', { workerId: opts.workerId });
      return counts;
    },
  };
}

export { emptyCounts };
