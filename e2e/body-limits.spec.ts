import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
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

/** Streams `total` bytes of JSON-looking filler to `path`; resolves with the status as soon as the server answers. */
function post50Mb(path: string, opts: { contentLength: boolean; headers?: Record<string, string> }): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { 'content-type': 'application/json', 'x-hub-signature-256': `sha256=${'0'.repeat(64)}`, ...opts.headers };
    if (opts.contentLength) headers['content-length'] = String(FIFTY_MB);
    const req = httpRequest({ host: '127.0.0.1', port: PORT, path, method: 'POST', headers });
    let answered = false;
    req.on('response', (res) => {
      answered = true;
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => {
        resolve({ status: res.statusCode ?? 0, body });
        req.destroy();
      });
    });
    // Once the server has answered, it may close the socket under the rest of the upload.
    req.on('error', (err) => (answered ? undefined : reject(err)));
    const chunk = Buffer.alloc(256 * 1024, 0x20);
    chunk[0] = 0x7b; // '{'
    let sent = 0;
    const pump = () => {
      while (sent < FIFTY_MB && !answered) {
        const n = Math.min(chunk.length, FIFTY_MB - sent);
        sent += n;
        if (!req.write(n === chunk.length ? chunk : chunk.subarray(0, n))) return void req.once('drain', pump);
      }
      if (!answered) req.end();
    };
    pump();
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
  const before = rssMb(pid);

  const results = [];
  for (const contentLength of [true, false]) {
    results.push(await post50Mb('/api/webhooks/whatsapp', { contentLength }));
    results.push(await post50Mb('/api/imports', { contentLength, headers: { cookie, origin: baseURL! } }));
  }
  const after = rssMb(pid);
  console.log(`server RSS ${before.toFixed(0)} MB -> ${after.toFixed(0)} MB after 4 x 50 MB posts`);
  for (const r of results) expect(r.status, r.body).toBe(413);
  expect(JSON.parse(results[0].body)).toMatchObject({ ok: false, error: expect.stringContaining('too large') });
  expect(JSON.parse(results[1].body)).toMatchObject({ error: { code: 'PAYLOAD_TOO_LARGE', message: expect.stringContaining('too large') } });
  // 200 MB went in; before the fix one 50 MB webhook alone grew the server by about 165 MB.
  expect(after - before).toBeLessThan(30);
});
