import 'server-only';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { env } from '@/lib/env';
import { describeError, log } from '@/lib/log/logger';
import { drainDueMessages, wakeDispatchers } from './run-dispatcher';

/** How long a kick may keep a serverless function alive after answering (the cron is the backstop). */
const KICK_BUDGET_MS = 10_000;

let running: Promise<void> | null = null;
let isRequested = false;

/**
 * Something was just queued (a lead signed up): get it out now rather than at the next tick.
 * - A dispatcher loop in this process (embedded database, DISPATCH_IN_PROCESS=1) is woken.
 * - On serverless (Vercel, or DISPATCH_KICK=drain) there is no loop anywhere: this call drains due
 *   messages for a short budget, so a door runs it in `after()` from next/server and the function
 *   lives on to send after the visitor has the answer.
 * - Otherwise (a Node server with `npm run worker`s) it does nothing: the workers poll every
 *   DISPATCH_INTERVAL_MS. Draining here made every submission start a 10-s dispatcher of its own
 *   in the web process; bench:landing measured 50 at once cutting the page to a twentieth of
 *   its throughput.
 * At most one drain runs per process: a kick during one asks it to go round once more, so a
 * message queued just after its last look is not left for the cron.
 */
export async function kickDispatcher(): Promise<void> {
  if (wakeDispatchers() || env().isDispatchInProcess || env().dispatchKick !== 'drain') return;
  isRequested = true;
  if (running) return running;
  running = (async () => {
    const until = Date.now() + 3 * KICK_BUDGET_MS;
    try {
      // Bounded: under steady traffic the function that started it must still end (maxDuration).
      while (isRequested && Date.now() < until) {
        isRequested = false;
        await drainDueMessages({ workerId: `kick:${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`, kind: 'cron', budgetMs: KICK_BUDGET_MS });
      }
    } catch (err) {
      log.error('dispatcher kick failed (the cron route will send)', { ...describeError(err) });
    } finally {
      running = null;
    }
  })();
  return running;
}
