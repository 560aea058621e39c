import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createFakeWhatsApp, FakeConnectionDrop, type FakeWhatsApp, type FakeWhatsAppOptions } from './fake-whatsapp';

// The fake Cloud API on a real node:http server, for tests, benchmarks and `npm run fake-whatsapp`.

export type FakeWhatsAppServer = { url: string; port: number; fake: FakeWhatsApp; close: () => Promise<void> };

async function toRequest(req: IncomingMessage, origin: string, signal: AbortSignal): Promise<Request> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers)) {
    if (typeof v === 'string') headers.set(k, v);
    else if (Array.isArray(v)) for (const x of v) headers.append(k, x);
  }
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
  return new Request(new URL(req.url ?? '/', origin), {
    method: req.method,
    headers,
    body: hasBody ? Buffer.concat(chunks) : undefined,
    signal,
  });
}

async function writeResponse(res: ServerResponse, response: Response): Promise<void> {
  const body = Buffer.from(await response.arrayBuffer());
  const headers: Record<string, string> = {};
  response.headers.forEach((v, k) => (headers[k] = v));
  res.writeHead(response.status, { ...headers, 'content-length': String(body.length) });
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
    const aborter = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) aborter.abort();
    });
    void (async () => {
      try {
        const response = await fake.handle(await toRequest(req, origin, aborter.signal), { arrivedAt });
        if (aborter.signal.aborted || res.destroyed) return;
        await writeResponse(res, response);
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
