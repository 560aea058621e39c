// Load and counting for `npm run bench:graphql`: a closed-loop HTTP load generator (N
// keep-alive connections, each sending its next request when the answer is in) and a
// PostgreSQL wire-protocol proxy that counts the statements a server sends.
import http from 'node:http';
import net from 'node:net';

export type LoadResult = { requests: number; perSecond: number; p50Ms: number; p99Ms: number; errors: number; firstError: string | null };

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export type Post = (body: string) => Promise<{ status: number; text: string }>;

/** A client with its own pool of `connections` keep-alive sockets to one server. */
export function client(url: string, token: string, connections: number): { post: Post; close: () => void } {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections, maxFreeSockets: connections });
  const target = new URL(url);
  const post: Post = (body) =>
    new Promise((resolve, reject) => {
      const req = http.request(
        {
          agent,
          host: target.hostname,
          port: target.port,
          path: target.pathname,
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  return { post, close: () => agent.destroy() };
}

/** An answer counts as an error unless it is HTTP 200 with data and no `errors`. */
export function errorOf(status: number, text: string): string | null {
  if (status !== 200) return `HTTP ${status}: ${text.slice(0, 300)}`;
  if (!text.startsWith('{"data":') || text.includes('"errors":')) return text.slice(0, 300);
  return null;
}

/** `connections` loops posting `body(i)` for `seconds`; latency per request, errors counted. */
export async function runLoad(post: Post, body: (i: number) => string, p: { connections: number; seconds: number }): Promise<LoadResult> {
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | null = null;
  let next = 0;
  const started = performance.now();
  const until = started + p.seconds * 1000;
  const loop = async () => {
    while (performance.now() < until) {
      const t = performance.now();
      let problem: string | null;
      try {
        const res = await post(body(next++));
        problem = errorOf(res.status, res.text);
      } catch (err) {
        problem = String(err);
      }
      latencies.push(performance.now() - t);
      if (problem) {
        errors += 1;
        firstError ??= problem;
      }
    }
  };
  await Promise.all(Array.from({ length: p.connections }, loop));
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    perSecond: latencies.length / elapsed,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    errors,
    firstError,
  };
}

/**
 * Forwards connections to PostgreSQL and counts, in what clients send, the statements: Execute
 * (extended protocol, one per statement postgres.js runs, BEGIN and COMMIT included) and Query
 * (simple protocol). Used only for the counting pass, never under load.
 */
export async function startCountingProxy(upstream: { host: string; port: number }): Promise<{ port: number; count: () => number; close: () => Promise<void> }> {
  let statements = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const pg = net.connect(upstream.port, upstream.host);
    sockets.add(client).add(pg);
    let pending = Buffer.alloc(0);
    let typed = false; // after the startup message every message starts with a type byte
    client.on('data', (chunk: Buffer) => {
      pg.write(chunk);
      pending = Buffer.concat([pending, chunk]);
      for (;;) {
        if (!typed) {
          if (pending.length < 8) break;
          const len = pending.readInt32BE(0);
          if (pending.length < len) break;
          if (pending.readInt32BE(4) === 196608) typed = true; // protocol 3.0 startup (not SSL/cancel requests)
          pending = pending.subarray(len);
        } else {
          if (pending.length < 5) break;
          const len = pending.readInt32BE(1);
          if (pending.length < 1 + len) break;
          if (pending[0] === 0x45 || pending[0] === 0x51) statements += 1; // 'E' Execute, 'Q' Query
          pending = pending.subarray(1 + len);
        }
      }
    });
    pg.on('data', (chunk: Buffer) => client.write(chunk));
    const end = () => {
      client.destroy();
      pg.destroy();
      sockets.delete(client);
      sockets.delete(pg);
    };
    client.on('close', end).on('error', end);
    pg.on('close', end).on('error', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    count: () => statements,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
