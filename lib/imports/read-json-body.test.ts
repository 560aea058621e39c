import { describe, expect, it } from 'vitest';
import { MAX_IMPORT_BODY_BYTES, readJsonBody } from './read-json-body';
import { countingStream } from '@/lib/http/counting-stream';

// The import routes' JSON reader stops at the documented chunk size while the body streams.

const request = (body: BodyInit, headers: Record<string, string> = {}) =>
  new Request('http://localhost/api/imports', { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body, duplex: 'half' } as RequestInit);

describe('readJsonBody', () => {
  it('a 50 MB stream without Content-Length: 413 after pulling about the limit', async () => {
    const { stream, counter } = countingStream(50 * 1024 * 1024);
    await expect(readJsonBody(request(stream))).rejects.toMatchObject({ code: 'PAYLOAD_TOO_LARGE', httpStatus: 413, message: expect.stringContaining('too large') });
    expect(counter.pulled).toBeGreaterThan(MAX_IMPORT_BODY_BYTES);
    expect(counter.pulled).toBeLessThanOrEqual(MAX_IMPORT_BODY_BYTES + 3 * 64 * 1024);
  });

  it('a declared Content-Length over the limit: 413 without reading', async () => {
    const { stream, counter } = countingStream(50 * 1024 * 1024);
    await expect(readJsonBody(request(stream, { 'content-length': String(50 * 1024 * 1024) }))).rejects.toMatchObject({ httpStatus: 413 });
    expect(counter.pulled).toBeLessThanOrEqual(64 * 1024);
  });

  it('a body within the limit is parsed; bad JSON and a wrong content type are 400', async () => {
    expect(await readJsonBody(request(JSON.stringify({ rows: [{ name: 'Ana' }] })))).toEqual({ rows: [{ name: 'Ana' }] });
    await expect(readJsonBody(request('{"rows":'))).rejects.toMatchObject({ httpStatus: 400 });
    await expect(readJsonBody(request('{}', { 'content-type': 'text/plain' }))).rejects.toMatchObject({ httpStatus: 400 });
    await expect(readJsonBody(request(JSON.stringify({ a: 'x'.repeat(200) }), {}), 100)).rejects.toMatchObject({ httpStatus: 413 });
  });
});
