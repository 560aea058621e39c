// Load for `npm run bench:landing`: open-loop fixed rates (a request starts every 1/rate s whether
// or not earlier ones finished, and latency counts from when it was due, so a stalled server
// cannot hide its queue), and closed-loop "as fast as N connections go".
import http from 'node:http';

export type Shot = { method: 'GET' | 'POST'; path: string; body?: string; headers?: Record<string, string> };
export type PhaseResult = { name: string; sent: number; ok: number; errors: number; statuses: Record<string, number>; seconds: number; achieved: number; p50: number; p99: number };

function request(agent: http.Agent, base: URL, shot: Shot): Promise<number> {
  return new Promise((resolve) => {
    const req = http.request(
      { agent, host: base.hostname, port: base.port, method: shot.method, path: shot.path, headers: { ...(shot.body ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(shot.body) } : {}), ...shot.headers } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', () => resolve(0));
      },
    );
    req.setTimeout(30_000, () => req.destroy());
    req.on('error', () => resolve(0));
    if (shot.body) req.write(shot.body);
    req.end();
  });
}

const percentile = (sorted: number[], p: number) => (sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]);

function summarize(name: string, seconds: number, results: { status: number; ms: number; shot: Shot }[], okStatus: number): PhaseResult {
  const statuses: Record<string, number> = {};
  for (const r of results) statuses[r.status] = (statuses[r.status] ?? 0) + 1;
  const ok = results.filter((r) => r.status === okStatus);
  const sorted = results.map((r) => r.ms).sort((a, b) => a - b);
  return {
    name, sent: results.length, ok: ok.length, errors: results.length - ok.length, statuses, seconds,
    achieved: ok.length / seconds, p50: percentile(sorted, 50), p99: percentile(sorted, 99)
  };
}

/** `rate` requests per second for `seconds`, each from `next()`. */
export async function fixedRate(name: string, baseUrl: string, rate: number, seconds: number, next: () => Shot, okStatus: number): Promise<PhaseResult> {
  const base = new URL(baseUrl);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 512 });
  const total = Math.round(rate * seconds);
  const start = performance.now() + 50;
  const pending: Promise<{ status: number; ms: number; shot: Shot }>[] = [];
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    const shot = next();
    pending.push(request(agent, base, shot).then((status) => ({ status, ms: performance.now() - due, shot })));
  }
  const results = await Promise.all(pending);
  const elapsed = (performance.now() - start) / 1000;
  agent.destroy();
  return summarize(name, Math.max(seconds, elapsed), results, okStatus);
}

/** `connections` loops, each sending its next request when the last one answered, for `seconds`. */
export async function asFastAsPossible(name: string, baseUrl: string, connections: number, seconds: number, next: () => Shot, okStatus: number): Promise<PhaseResult> {
  const base = new URL(baseUrl);
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const results: { status: number; ms: number; shot: Shot }[] = [];
  const start = performance.now();
  const until = start + seconds * 1000;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < until) {
        const shot = next();
        const t = performance.now();
        const status = await request(agent, base, shot);
        results.push({ status, ms: performance.now() - t, shot });
      }
    }),
  );
  agent.destroy();
  return summarize(name, (performance.now() - start) / 1000, results, okStatus);
}
