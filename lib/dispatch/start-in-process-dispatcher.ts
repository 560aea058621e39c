import 'server-only';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { env } from '@/lib/env';
import { log } from '@/lib/log/logger';
import { startDispatcherLoop, type DispatcherLoop } from './run-dispatcher';

const state = globalThis as unknown as { __whatslabInProcessDispatcher?: DispatcherLoop };

/**
 * Starts the dispatcher inside the web server (instrumentation.ts) when DISPATCH_IN_PROCESS is
 * on, the default with PGlite, which only one process may open. Once per process, even across
 * dev hot reloads. It never throws: the loop logs database errors and retries.
 */
export function startInProcessDispatcher(): DispatcherLoop | null {
  const e = env();
  if (!e.isDispatchInProcess) return null;
  if (!state.__whatslabInProcessDispatcher) {
    const workerId = `web:${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
    state.__whatslabInProcessDispatcher = startDispatcherLoop({ workerId, kind: 'in-process', intervalMs: e.DISPATCH_INTERVAL_MS });
    log.info('in-process dispatcher started', { workerId, driver: e.databaseDriver });
  }
  return state.__whatslabInProcessDispatcher;
}
