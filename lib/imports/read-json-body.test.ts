import { describe, expect, it } from 'vitest';
import { MAX_IMPORT_BODY_BYTES, readJsonBody } from './read-json-body';
import { countingStream } from '@/lib/http/counting-stream';

// The import routes' JSON reader keeps nothing past the documented chunk size while the body streams.

const request = (body: BodyInit, headers: Record<string, string> = {}) =>
  new Request('http://localhost/api/imports', { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body, duplex: 'half' } as RequestInit);

describe('readJsonBody', () => {
  it('a 50 MB stream without Content-Length: 413, the rest read and dropped before the answer', async () => {
    const { stream, counter } = countingStream(50 * 1024 * 1024);
    await expect(readJsonBody(request(stream))).rejects.toMatchObject({ code: 'PAYLOAD_TOO_LARGE', httpStatus: 413, message: expect.stringContaining('too large') });
    // Drained to the end (lingering close: an answer sent mid-upload can be lost to a reset).
    expect(counter.pulled).toBe(50 * 1024 * 1024);
  });

  it('a declared Content-Length over the limit: 413, and the upload is drained, not parsed', async () => {
    const { stream, counter } = countingStream(50 * 1024 * 1024);
    await expect(readJsonBody(request(stream, { 'content-length': String(50 * 1024 * 1024) }))).rejects.toMatchObject({ httpStatus: 413 });
    expect(counter.pulled).toBe(50 * 1024 * 1024);
  });

  it('an upload that never ends is drained for a few seconds only, then refused', async () => {
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      async pull(controller) {
        await new Promise((r) => setTimeout(r, 20));
        pulled += 1024 * 1024;
        controller.enqueue(new Uint8Array(1024 * 1024).fill(0x20));
      },
    });
    const started = Date.now();
    await expect(readJsonBody(request(endless))).rejects.toMatchObject({ httpStatus: 413 });
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
