import 'server-only';
import http from 'node:http';
import https from 'node:https';

// The dispatcher's HTTP transport: node:http on keep-alive agents with no socket limit, given
// to the WhatsApp client as its `fetchImpl`. It does only what graphFetch needs (status and
// body text, abort signal), at a fraction of the CPU of the global fetch's WHATWG streams:
// at 1,000 messages per second and 200+ requests in flight per process that is the difference.
// Errors keep Node's codes (ECONNREFUSED, ECONNRESET, AbortError), which is how the client
// tells "never left this machine" from "may have reached Meta".

// An idle socket the server is about to close, reused, ends in ECONNRESET after our request may
// have been written: an `unknown` message. So idle sockets are dropped before the server's
// announced keep-alive timeout (Node applies the `Keep-Alive: timeout=N` hint only when the
// agent has a timeout of its own), after 30 s without a hint, and the most recently used
// socket is reused first (lifo), leaving old ones to expire. The timeout never cuts a call in
// flight: that is the AbortSignal's job.
const agentOptions = { keepAlive: true, maxSockets: Infinity, maxFreeSockets: 1024, scheduling: 'lifo' as const, timeout: 30_000 };
const agents = { 'http:': new http.Agent(agentOptions), 'https:': new https.Agent(agentOptions) };

type MinimalResponse = { status: number; ok: boolean; text: () => Promise<string> };

async function keepAliveFetchImpl(input: string | URL | Request, init: RequestInit = {}): Promise<MinimalResponse> {
  const url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url);
  const protocol = url.protocol === 'https:' ? 'https:' : 'http:';
  const request = protocol === 'https:' ? https.request : http.request;
  const headers: Record<string, string> = {};
  new Headers(init.headers).forEach((v, k) => (headers[k] = v));
  const body = typeof init.body === 'string' ? init.body : undefined;
  if (body !== undefined) headers['content-length'] = String(Buffer.byteLength(body));

  return new Promise<MinimalResponse>((resolve, reject) => {
    const req = request(url, { method: init.method ?? 'GET', headers, agent: agents[protocol], signal: init.signal ?? undefined }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const status = res.statusCode ?? 0;
        resolve({ status, ok: status >= 200 && status < 300, text: async () => text });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Typed as fetch for GraphCallOptions.fetchImpl; graphFetch reads only status and text(). */
export const keepAliveFetch = keepAliveFetchImpl as unknown as typeof fetch;
