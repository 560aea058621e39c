import 'server-only';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { env } from '@/lib/env';
import { describeError, log } from '@/lib/log/logger';
import { drainDueMessages, wakeDispatchers } from './run-dispatcher';

/** How long a kick may keep a serverless function alive after answering (the cron is the backstop). */
const KICK_BUDGET_MS = 10_000;

/**
 * Something was just queued (a lead signed up): get it out now rather than at the next tick.
 * With a dispatcher loop in this process (embedded database, `npm start`) it is woken; on
 * serverless (no loop) this call drains due messages for a short budget, so a door runs it in
 * `after()` from next/server: the visitor gets the answer first, the function lives on to send.
 */
export async function kickDispatcher(): Promise<void> {
  if (wakeDispatchers() || env().isDispatchInProcess) return;
  try {
    await drainDueMessages({ workerId: `kick:${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`, kind: 'cron', budgetMs: KICK_BUDGET_MS });
  } catch (err) {
    log.error('dispatcher kick failed (the cron route will send)', { ...describeError(err) });
  }
}
