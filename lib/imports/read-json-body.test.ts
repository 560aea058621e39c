import { describe, expect, it } from 'vitest';
import { MAX_IMPORT_BODY_BYTES, readJsonBody } from './read-json-body';
import { countingStream } from '@/lib/http/counting-stream';
import { BodyTooLargeError } from '@/lib/http/read-limited-body';

// The import routes' JSON reader keeps nothing past the documented chunk size while the body
// streams: it refuses at once and drains the rest in the background (lingering close).

const request = (body: BodyInit, headers: Record<string, string> = {}) =>
  new Request('http://localhost/api/imports', { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body, duplex: 'half' } as RequestInit);
const FIFTY_MB = 50 * 1024 * 1024;

async function refusal(p: Promise<unknown>): Promise<BodyTooLargeError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(BodyTooLargeError);
  return err as BodyTooLargeError;
}

describe('readJsonBody', () => {
  it('a 50 MB stream without Content-Length: 413 while the client is still sending, then the rest is read and dropped', async () => {
    const { stream, counter, release } = countingStream(FIFTY_MB, { holdAfter: 8 * 1024 * 1024 });
    const err = await refusal(readJsonBody(request(stream)));
    expect(err).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', httpStatus: 413, message: expect.stringContaining('too large') });
    // Refused before the upload ended (it is stalled at 8 MB).
    expect(counter.pulled).toBeLessThanOrEqual(8 * 1024 * 1024);
    release();
    await err.drained;
    expect(counter.pulled).toBe(FIFTY_MB);
  });

  it('a declared Content-Length over the limit: 413 before a byte is read, and the upload is drained, not parsed', async () => {
    const { stream, counter, release } = countingStream(FIFTY_MB, { holdAfter: 0 });
    const err = await refusal(readJsonBody(request(stream, { 'content-length': String(FIFTY_MB) })));
    expect(err.httpStatus).toBe(413);
    expect(counter.pulled).toBe(0);
    release();
    await err.drained;
    expect(counter.pulled).toBe(FIFTY_MB);
  });

  it('an upload that never ends is drained for a few seconds only', async () => {
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      async pull(controller) {
        await new Promise((r) => setTimeout(r, 20));
        pulled += 1024 * 1024;
        controller.enqueue(new Uint8Array(1024 * 1024).fill(0x20));
      },
    });
    const err = await refusal(readJsonBody(request(endless)));
    const started = Date.now();
    await err.drained;
    expect(Date.now() - started).toBeLessThan(8_000);
    expect(pulled).toBeGreaterThan(MAX_IMPORT_BODY_BYTES);
  });

  it('a body within the limit is parsed; bad JSON and a wrong content type are 400', async () => {
    expect(await readJsonBody(request(JSON.stringify({ rows: [{ name: 'Ana' }] })))).toEqual({ rows: [{ name: 'Ana' }] });
    await expect(readJsonBody(request('{"rows":'))).rejects.toMatchObject({ httpStatus: 400 });
    await expect(readJsonBody(request('{}', { 'content-type': 'text/plain' }))).rejects.toMatchObject({ httpStatus: 400 });
    await expect(readJsonBody(request(JSON.stringify({ a: 'x'.repeat(200) }), {}), 100)).rejects.toMatchObject({ httpStatus: 413 });
  });
});
