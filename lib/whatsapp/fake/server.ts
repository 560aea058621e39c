import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createFakeWhatsApp, FakeConnectionDrop, type FakeWhatsApp, type FakeWhatsAppOptions } from './fake-whatsapp';
import type { FakeReply } from './fake-reply';
import type { FakeRequest } from './fake-types';

// The fake Cloud API on a real node:http server, for tests, benchmarks and `npm run fake-whatsapp`.

export type FakeWhatsAppServer = { url: string; port: number; fake: FakeWhatsApp; close: () => Promise<void> };

/**
 * The request as the fake reads it (FakeRequest), without building a WHATWG Request: at a
 * thousand calls a second its body streams were a third of the fake's CPU and most of its
 * garbage, and its collector's pauses bunched the arrival stamps the cap is judged on.
 * The abort signal is made only for the few handlers that wait on it.
 */
async function toFakeRequest(req: IncomingMessage, res: ServerResponse, origin: string): Promise<{ request: FakeRequest; isGone: () => boolean }> {
  let aborter: AbortController | undefined;
  let isGone = false;
  res.on('close', () => {
    if (res.writableFinished) return;
    isGone = true;
    aborter?.abort();
  });
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks).toString('utf8');
  const headers = req.headers;
  const request: FakeRequest = {
    method: req.method ?? 'GET',
    url: origin + (req.url ?? '/'),
    headers: {
      get: (name) => {
        const v = headers[name.toLowerCase()];
        return v === undefined ? null : Array.isArray(v) ? v.join(', ') : v;
      },
    },
    get signal() {
      aborter ??= new AbortController();
      if (isGone) aborter.abort();
      return aborter.signal;
    },
    text: async () => body,
  };
  return { request, isGone: () => isGone };
}

function writeReply(res: ServerResponse, reply: FakeReply): void {
  const body = Buffer.from(reply.body, 'utf8');
  res.writeHead(reply.status, { ...(reply.contentType ? { 'content-type': reply.contentType } : {}), 'content-length': String(body.length) });
  res.end(body);
}

export async function startFakeWhatsAppServer(
  options: FakeWhatsAppOptions & { port?: number; host?: string; fake?: FakeWhatsApp } = {},
): Promise<FakeWhatsAppServer> {
  const { port = 0, host = '127.0.0.1', fake: given, ...fakeOptions } = options;
  const fake = given ?? createFakeWhatsApp(fakeOptions);
  let origin = '';
  const server = createServer((req, res) => {
    const arrivedAt = Date.now();
    void (async () => {
      try {
        const { request, isGone } = await toFakeRequest(req, res, origin);
        const reply = await fake.handle(request, { arrivedAt });
        if (isGone() || res.destroyed) return;
        writeReply(res, reply);
      } catch (err) {
        if (err instanceof FakeConnectionDrop) {
          req.socket.destroy();
          return;
        }
        if (!res.headersSent && !res.destroyed) {
          res.writeHead(500, { 'content-type': 'text/plain' });
          res.end('fake WhatsApp crashed');
        }
      }
    })();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const bound = (server.address() as AddressInfo).port;
  origin = `http://${host.includes(':') ? `[${host}]` : host}:${bound}`;
  return {
    url: origin,
    port: bound,
    fake,
    close: async () => {
      await fake.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
