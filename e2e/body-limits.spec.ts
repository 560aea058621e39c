import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { connect } from 'node:net';
import { expect, test } from '@playwright/test';

// Issue 14 finding 4 on the production build: 50 MB posted to the public webhook and to an
// import route (with and without Content-Length) is refused with 413 while the server's resident
// memory stays flat, read from /proc for the process that listens on the e2e port.

const PORT = Number(process.env.E2E_PORT ?? 3210);
const FIFTY_MB = 50 * 1024 * 1024;

/** The pid of the process listening on `port`: its socket inode from /proc/net/tcp*, then whose fd points at it. */
function pidListeningOn(port: number): number {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  const inodes = new Set<string>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text = '';
    try {
      text = readFileSync(table, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      // local_address is "ADDR:PORT", st 0A is LISTEN, inode is the 10th column.
      if (cols.length > 9 && cols[1].endsWith(`:${hexPort}`) && cols[3] === '0A') inodes.add(cols[9]);
    }
  }
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${entry}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${entry}/fd/${fd}`));
        if (m && inodes.has(m[1])) return Number(entry);
      } catch {
        // fd closed meanwhile
      }
    }
  }
  throw new Error(`no process listens on port ${port}`);
}

const rssMb = (pid: number) => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;

/**
 * Streams `total` bytes of JSON-looking filler to `path` over a raw socket (declared with
 * Content-Length, or chunked without it) and returns the server's answer as soon as it comes.
 * Raw, because the server answers early and then closes the connection under the rest of the
 * upload: an HTTP client would report that write error and drop the answer it already received.
 * With `keepSending`, the client does not hang up at the answer but sends the whole upload (as
 * a careless client would), and the promise settles when the server closes the connection.
 */
function post50Mb(
  path: string,
  opts: { contentLength: boolean; headers?: Record<string, string>; total?: number; keepSending?: boolean },
): Promise<{ status: number; raw: string; sentBeforeAnswer: number; sentInAll: number }> {
  const total = opts.total ?? FIFTY_MB;
  return new Promise((resolve, reject) => {
    const socket = connect(PORT, '127.0.0.1');
    const headers: Record<string, string> = {
      host: `127.0.0.1:${PORT}`,
      'content-type': 'application/json',
      'x-hub-signature-256': `sha256=${'0'.repeat(64)}`,
      connection: 'close',
      ...opts.headers,
      ...(opts.contentLength ? { 'content-length': String(total) } : { 'transfer-encoding': 'chunked' }),
    };
    let received = '';
    let isDone = false;
    let sent = 0;
    let sentBeforeAnswer = -1;
    const finish = (closed: boolean) => {
      if (isDone) return;
      const m = /^HTTP\/1\.1 (\d{3})/.exec(received);
      if (!m) return reject(new Error(`${path}, ${total} bytes, Content-Length ${opts.contentLength}: no answer (${received.slice(0, 80)})`));
      if (sentBeforeAnswer < 0) sentBeforeAnswer = sent;
      if (opts.keepSending && !closed) return;
      isDone = true;
      socket.destroy();
      resolve({ status: Number(m[1]), raw: received, sentBeforeAnswer, sentInAll: sent });
    };
    socket.setEncoding('utf8');
    socket.on('data', (d: string) => {
      received += d;
      // Headers and a small JSON body: enough once the body's closing brace is in.
      if (/\r\n\r\n[\s\S]*\}/.test(received)) finish(false);
    });
    socket.on('error', () => finish(true));
    socket.on('close', () => finish(true));
    socket.write(`POST ${path} HTTP/1.1\r\n${Object.entries(headers).map(([k, v]) => `${k}: ${v}`).join('\r\n')}\r\n\r\n`);
    const chunk = Buffer.alloc(256 * 1024, 0x20);
    chunk[0] = 0x7b; // '{'
    // One chunk per turn of the event loop, so that an early answer is read as soon as it arrives.
    void (async () => {
      while (sent < total && !isDone && !socket.destroyed) {
        const piece = chunk.subarray(0, Math.min(chunk.length, total - sent));
        sent += piece.length;
        const framed = opts.contentLength ? piece : Buffer.concat([Buffer.from(`${piece.length.toString(16)}\r\n`), piece, Buffer.from('\r\n')]);
        if (!socket.write(framed)) await new Promise((r) => socket.once('drain', r));
        else await new Promise((r) => setImmediate(r));
      }
      if (!isDone && !socket.destroyed && !opts.contentLength) socket.write('0\r\n\r\n');
    })().catch(() => undefined);
  });
}

test('50 MB posts get 413 and the server does not grow', async ({ request, baseURL }) => {
  test.setTimeout(120_000);
  const pid = pidListeningOn(PORT);
  const signIn = await request.post('/api/auth/sign-in/email', { data: { email: 'demo@whatslab.dev', password: 'whatslab-demo' }, headers: { origin: baseURL! } });
  expect(signIn.ok()).toBeTruthy();
  const cookie = (await request.storageState()).cookies.map((c) => `${c.name}=${c.value}`).join('; ');

  // Warm both routes up (first use loads their code), then take the baseline.
  expect((await request.post('/api/webhooks/whatsapp', { data: '{}', headers: { 'x-hub-signature-256': `sha256=${'0'.repeat(64)}` } })).status()).toBe(400);
  expect((await request.post('/api/imports', { data: {}, headers: { origin: baseURL! } })).status()).toBe(400);
  // And the 413 paths themselves at full size, each way, so that the baseline has loaded all the
  // code. Whole-body buffering would show here already: before the fix one 50 MB webhook grew the
  // server by 165 MB.
  const cold = rssMb(pid);
  for (const contentLength of [true, false]) {
    expect((await post50Mb('/api/webhooks/whatsapp', { contentLength })).status).toBe(413);
    expect((await post50Mb('/api/imports', { contentLength, headers: { cookie, origin: baseURL! } })).status).toBe(413);
  }
  const before = rssMb(pid);
  console.log(`server RSS ${cold.toFixed(0)} MB -> ${before.toFixed(0)} MB after the first 4 x 50 MB posts`);
  expect(before - cold).toBeLessThan(64);

  const results = [];
  for (const contentLength of [true, false]) {
    results.push(await post50Mb('/api/webhooks/whatsapp', { contentLength }));
    results.push(await post50Mb('/api/imports', { contentLength, headers: { cookie, origin: baseURL! } }));
  }
  // Clients that go on sending after the answer: all of it is read and dropped, none kept.
  const careless = [
    await post50Mb('/api/webhooks/whatsapp', { contentLength: false, keepSending: true }),
    await post50Mb('/api/imports', { contentLength: true, keepSending: true, headers: { cookie, origin: baseURL! } }),
  ];
  for (const r of careless) {
    expect(r.status, r.raw).toBe(413);
    expect(r.sentBeforeAnswer).toBeLessThan(FIFTY_MB);
    expect(r.sentInAll).toBe(FIFTY_MB);
  }
  const after = rssMb(pid);
  console.log(`server RSS ${before.toFixed(0)} MB -> ${after.toFixed(0)} MB after 6 x 50 MB posts`);
  console.log(`bytes sent before the answer: ${[...results, ...careless].map((r) => (r.sentBeforeAnswer / 1048576).toFixed(1)).join(', ')} MB`);
  for (const r of results) {
    expect(r.status, r.raw).toBe(413);
    // "413 before being read whole": the answer arrives while the client is still sending
    // (the rest is then read and dropped before the connection closes).
    expect(r.sentBeforeAnswer, r.raw).toBeLessThan(FIFTY_MB);
  }
  expect(results[0].raw).toContain('"error":"Request body too large (at most 1,000,000 bytes)."');
  expect(results[1].raw).toContain('"code":"PAYLOAD_TOO_LARGE","message":"Request body too large (at most 4,500,000 bytes)."');
  // 300 MB more went in (100 MB of it read and dropped after the answer) and nothing of it is
  // kept. Drained chunks are garbage until the next collection, so RSS may move by some MB;
  // keeping whole bodies grew it by 165 MB per 50 MB post.
  expect(after - before).toBeLessThan(40);
});
