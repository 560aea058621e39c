import 'server-only';
import type { DbOrTx } from '@/db/client';
import { recordSentBatch, type SentRecord } from './message-transitions';

// Successful sends are recorded together: one statement per SENT_FLUSH_SIZE successes or per
// SENT_FLUSH_MS, whichever comes first, never two at once. A batch that cannot be written
// after three tries stays `sending`: at lease expiry it becomes `unknown` and its status
// webhooks settle it (never re-sent blindly).

const SENT_FLUSH_SIZE = 250;
const SENT_FLUSH_MS = 25;

export type SentBatcher = {
  push: (record: SentRecord) => void;
  /** Writes what is waiting now (the engine's stop). */
  flush: () => Promise<void>;
  isBusy: () => boolean;
};

export function createSentBatcher(db: Promise<DbOrTx>, hooks: { onError: (err: unknown) => void; onSettled: () => void }): SentBatcher {
  let buffer: SentRecord[] = [];
  let isFlushing = false;
  let timer: NodeJS.Timeout | null = null;

  function schedule() {
    if (buffer.length >= SENT_FLUSH_SIZE) return void flush();
    if (!timer) timer = setTimeout(() => void flush(), SENT_FLUSH_MS);
  }

  async function flush(): Promise<void> {
    if (timer) clearTimeout(timer);
    timer = null;
    if (isFlushing || buffer.length === 0) return;
    isFlushing = true;
    const batch = buffer;
    buffer = [];
    try {
      const conn = await db;
      for (let attempt = 1; ; attempt++) {
        try {
          await recordSentBatch(conn, batch);
          break;
        } catch (err) {
          if (attempt >= 3) throw err;
          await new Promise((r) => setTimeout(r, 200 * attempt));
        }
      }
    } catch (err) {
      hooks.onError(err);
    } finally {
      isFlushing = false;
      if (buffer.length > 0) schedule();
      hooks.onSettled();
    }
  }

  return {
    push(record) {
      buffer.push(record);
      schedule();
    },
    flush,
    isBusy: () => isFlushing,
  };
}
