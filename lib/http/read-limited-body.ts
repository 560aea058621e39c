import { AppError } from '@/lib/errors';

// Public bodies are read with a ceiling that holds while they stream: the declared length is
// checked first, then every chunk is counted and the reading stops at the limit (a client that
// sends no Content-Length, or lies in it, is cut off just the same). Nothing past the limit is
// ever held in memory.
//
// The rest of a refused upload is read and dropped for a few seconds before the 413 goes out.
// Answering while the client still sends ends in a closed socket with unread bytes in it, and the
// kernel's reset can take the answer with it before the client reads it ("lingering close").

export function bodyTooLarge(maxBytes: number): AppError {
  return new AppError('PAYLOAD_TOO_LARGE', `Request body too large (at most ${maxBytes.toLocaleString('en-US')} bytes).`);
}

/** How long the rest of a refused upload is read and dropped before the answer. */
const DRAIN_FOR_MS = 5_000;

/** Reads and drops what is left of a refused upload, for DRAIN_FOR_MS at most, then stops the source. */
async function drainRest(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), DRAIN_FOR_MS);
  });
  try {
    for (;;) {
      const r = await Promise.race([reader.read(), timeout]);
      if (r === 'timeout' || r.done) break;
    }
  } catch {
    // The client went away: nothing left to drain.
  } finally {
    clearTimeout(timer);
  }
  await reader.cancel().catch(() => undefined);
}

/** The request's raw bytes, or a 413 AppError as soon as more than `maxBytes` are declared or arrive. */
export async function readLimitedBody(req: Request, maxBytes: number): Promise<Buffer> {
  const declared = req.headers.get('content-length');
  const tooLong = declared !== null && /^\d+$/.test(declared.trim()) && Number(declared) > maxBytes;
  if (!req.body) {
    if (tooLong) throw bodyTooLarge(maxBytes);
    return Buffer.alloc(0);
  }

  const reader = req.body.getReader();
  if (tooLong) {
    await drainRest(reader);
    reader.releaseLock();
    throw bodyTooLarge(maxBytes);
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        // Nothing more is kept: the rest is read and dropped (drainRest), then the 413.
        await drainRest(reader);
        throw bodyTooLarge(maxBytes);
      }
      chunks.push(value);
    }
  } finally {
    reader.releaseLock();
  }
  return Buffer.concat(chunks, total);
}
