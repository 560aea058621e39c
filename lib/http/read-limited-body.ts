import { AppError } from '@/lib/errors';

// Public bodies are read with a ceiling that holds while they stream: the declared length is
// checked first, then every chunk is counted and the reading stops at the limit (a client that
// sends no Content-Length, or lies in it, is cut off just the same). Nothing past the limit is
// ever held in memory.

export function bodyTooLarge(maxBytes: number): AppError {
  return new AppError('PAYLOAD_TOO_LARGE', `Request body too large (at most ${maxBytes.toLocaleString('en-US')} bytes).`);
}

/** The request's raw bytes, or a 413 AppError as soon as more than `maxBytes` are declared or arrive. */
export async function readLimitedBody(req: Request, maxBytes: number): Promise<Buffer> {
  const declared = req.headers.get('content-length');
  if (declared !== null && /^\d+$/.test(declared.trim()) && Number(declared) > maxBytes) throw bodyTooLarge(maxBytes);
  if (!req.body) return Buffer.alloc(0);

  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        // Tell the source to stop producing; the rest of the upload is never pulled.
        await reader.cancel().catch(() => undefined);
        throw bodyTooLarge(maxBytes);
      }
      chunks.push(value);
    }
  } finally {
    reader.releaseLock();
  }
  return Buffer.concat(chunks, total);
}
