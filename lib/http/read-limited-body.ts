import { AppError } from '@/lib/errors';

// Public bodies are read with a ceiling that holds while they stream: the declared length is
// checked first, then every chunk is counted and the reading stops at the limit (a client that
// sends no Content-Length, or lies in it, is cut off just the same). Nothing past the limit is
// ever held in memory.
//
// A refused upload is answered at once (refusedUploadResponse), and the rest of it is read and
// dropped for a few seconds before that answer ends. Closing a socket with unread bytes in it
// makes the kernel send a reset, which can take the answer with it before the client reads it
// ("lingering close", as web servers do it).

/** How long the rest of a refused upload is read and dropped before its answer ends. */
const DRAIN_FOR_MS = 5_000;

/** A 413 whose `drained` settles once the rest of the upload has been read and dropped (or given up on). */
export class BodyTooLargeError extends AppError {
  readonly drained: Promise<void>;

  constructor(maxBytes: number, drained: Promise<void> = Promise.resolve()) {
    super('PAYLOAD_TOO_LARGE', `Request body too large (at most ${maxBytes.toLocaleString('en-US')} bytes).`);
    this.drained = drained;
  }
}

export function bodyTooLarge(maxBytes: number): BodyTooLargeError {
  return new BodyTooLargeError(maxBytes);
}

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

/**
 * The answer to a refused upload: status and JSON body go out at once, and the response ends only
 * once the rest of the upload is drained, so the connection closes with nothing unread in it.
 */
export function refusedUploadResponse(err: BodyTooLargeError, body: unknown, headers: Record<string, string> = {}): Response {
  const bytes = new TextEncoder().encode(JSON.stringify(body));
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(bytes);
      void err.drained.then(() => {
        try {
          controller.close();
        } catch {
          // The client went away first and the server cancelled this stream: nothing to end.
        }
      });
    },
  });
  return new Response(stream, { status: err.httpStatus, headers: { ...headers, 'content-type': 'application/json' } });
}

/**
 * The request's raw bytes, or a BodyTooLargeError (413) as soon as more than `maxBytes` are
 * declared or arrive; the rest is then drained in the background (see `drained`).
 */
export async function readLimitedBody(req: Request, maxBytes: number): Promise<Buffer> {
  const declared = req.headers.get('content-length');
  const tooLong = declared !== null && /^\d+$/.test(declared.trim()) && Number(declared) > maxBytes;
  if (!req.body) {
    if (tooLong) throw bodyTooLarge(maxBytes);
    return Buffer.alloc(0);
  }

  const reader = req.body.getReader();
  if (tooLong) throw new BodyTooLargeError(maxBytes, drainRest(reader));
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read().catch((err: unknown) => {
      reader.releaseLock();
      throw err;
    });
    if (done) break;
    total += value.byteLength;
    // Nothing more is kept: the rest is read and dropped while the 413 goes out.
    if (total > maxBytes) throw new BodyTooLargeError(maxBytes, drainRest(reader));
    chunks.push(value);
  }
  reader.releaseLock();
  return Buffer.concat(chunks, total);
}
