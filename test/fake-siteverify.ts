import http from 'node:http';
import type { AddressInfo } from 'node:net';

// A local stand-in for https://challenges.cloudflare.com/turnstile/v0/siteverify speaking its wire
// format (form-encoded secret/response/remoteip in, {success, error-codes} out), with Cloudflare's
// documented test secrets: 1x... always passes, 2x... always fails.
export const PASS_SECRET = '1x0000000000000000000000000000000AA';
export const FAIL_SECRET = '2x0000000000000000000000000000000AA';
export const PASS_TOKEN = 'XXXX.DUMMY.TOKEN.XXXX';

export async function startFakeSiteverify() {
  const seen: URLSearchParams[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const form = new URLSearchParams(body);
      seen.push(form);
      const secret = form.get('secret');
      const answer =
        secret === PASS_SECRET && form.get('response')
          ? { success: true, 'error-codes': [], challenge_ts: new Date().toISOString(), hostname: 'localhost' }
          : secret === FAIL_SECRET
            ? { success: false, 'error-codes': ['invalid-input-response'] }
            : { success: false, 'error-codes': ['invalid-input-secret'] };
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(answer));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/turnstile/v0/siteverify`;
  return { url, seen, close: () => new Promise<void>((r) => server.close(() => r())) };
}
