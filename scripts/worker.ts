// npm run worker - a standalone dispatcher process (needs the PostgreSQL server).
// Runs as `node --import tsx`, not through the tsx CLI: the CLI relays SIGTERM only if the
// child acknowledges it within 30 ms and otherwise SIGKILLs it, which a busy worker misses.
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { peekDbHandle } from '@/db/client';
import { startDispatcherLoop } from '@/lib/dispatch/run-dispatcher';
import { env } from '@/lib/env';
import { log } from '@/lib/log/logger';

async function main() {
  const e = env();
  if (!e.DATABASE_URL) {
    console.error(
      'The worker needs DATABASE_URL (a PostgreSQL server). The embedded PGlite database can be opened ' +
        'by one process only, so without DATABASE_URL the web server dispatches in-process: run `npm run dev` or `npm start`.',
    );
    process.exit(1);
  }
  const workerId = `worker:${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  const loop = startDispatcherLoop({ workerId, kind: 'worker', intervalMs: e.DISPATCH_INTERVAL_MS });
  log.info('worker started', { workerId });

  let isStopping = false;
  const shutdown = async (signal: string) => {
    if (isStopping) return;
    isStopping = true;
    log.info('worker stopping: finishing sends in flight, releasing claims', { workerId, signal });
    await loop.stop();
    const handle = peekDbHandle();
    if (handle) await (await handle).close().catch(() => undefined);
    log.info('worker stopped', { workerId });
    process.exit(0);
  };
  // `on`, not `once`: a second signal while draining must not kill the process mid-send.
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((err: unknown) => {
  console.error('worker failed to start:', err);
  process.exit(1);
});
