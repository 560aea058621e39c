// The fake Cloud API for `npm run bench:dispatch`, in a process of its own: it counts every
// message against the sender's cap the moment it arrives, so it must not share an event loop
// with the benchmark's own bookkeeping. Driven over IPC by bench/dispatch-kit.ts (startFake).
import http from 'node:http';
import type { FakePhoneInput, FakeWebhookOptions } from '@/lib/whatsapp/fake/fake-types';
import { startFakeWhatsAppServer } from '@/lib/whatsapp/fake/server';

type Command =
  | { id: number; cmd: 'addPhone'; phone: FakePhoneInput }
  | { id: number; cmd: 'reset' }
  | { id: number; cmd: 'setWebhookOptions'; options: Partial<FakeWebhookOptions> }
  | { id: number; cmd: 'flushWebhooks' }
  | { id: number; cmd: 'snapshot' }
  | { id: number; cmd: 'webhookStats' }
  | { id: number; cmd: 'close' }
  | { id: number; cmd: 'delivered'; status: number };

const pendingDeliveries = new Map<number, (status: number) => void>();
// bench:webhooks (BENCH_FAKE_WEBHOOKS=http) posts the webhooks to the receiver over HTTP, as Meta
// does, and measures them: posts in flight now and at most, and each post's time to its answer.
const overHttp = process.env.BENCH_FAKE_WEBHOOKS === 'http';
const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
const posts = { inFlight: 0, maxInFlight: 0, started: 0, answered: 0, non200: 0, latenciesMs: [] as number[] };

function postOverHttp(url: string, init: { headers: Record<string, string>; body: string }): Promise<{ status: number }> {
  posts.started++;
  posts.maxInFlight = Math.max(posts.maxInFlight, ++posts.inFlight);
  const t0 = performance.now();
  return new Promise((resolve) => {
    const req = http.request(url, { method: 'POST', agent, headers: { ...init.headers, 'content-length': String(Buffer.byteLength(init.body)) } }, (res) => {
      res.resume();
      res.on('end', () => {
        posts.inFlight--;
        posts.answered++;
        if (res.statusCode !== 200) posts.non200++;
        posts.latenciesMs.push(performance.now() - t0);
        resolve({ status: res.statusCode ?? 0 });
      });
    });
    req.on('error', () => {
      posts.inFlight--;
      posts.non200++;
      resolve({ status: 0 });
    });
    req.end(init.body);
  });
}
let nextDelivery = 0;
const send = (msg: unknown) => process.send?.(msg);

async function main() {
  const server = await startFakeWhatsAppServer({
    latencyMs: [100, 300],
    // Meta counts a message against the cap when it arrives; the 100-300 ms is its answer.
    latencyAt: 'answer',
    // The benchmark counts every accepted message (duplicates, losses): keep them all.
    historyLimit: Number.POSITIVE_INFINITY,
    webhooks: {
      enabled: false,
      // Status webhooks go back to the benchmark process, which hands them to the app's receiver
      // (bench:dispatch), or over HTTP to the receiver's URL (bench:webhooks).
      deliver: overHttp ? postOverHttp : (_url, init) =>
        new Promise((resolve) => {
          const id = ++nextDelivery;
          pendingDeliveries.set(id, (status) => resolve({ status }));
          send({ cmd: 'deliver', id, body: init.body, signature: init.headers['x-hub-signature-256'] ?? null });
        }),
    },
  });
  const { fake } = server;
  process.on('message', (m: Command) => {
    void (async () => {
      let result: unknown = null;
      if (m.cmd === 'delivered') {
        pendingDeliveries.get(m.id)?.(m.status);
        pendingDeliveries.delete(m.id);
        return;
      }
      if (m.cmd === 'addPhone') fake.addPhone(m.phone);
      else if (m.cmd === 'reset') fake.reset();
      else if (m.cmd === 'setWebhookOptions') fake.setWebhookOptions(m.options);
      else if (m.cmd === 'flushWebhooks') await fake.flushWebhooks();
      else if (m.cmd === 'webhookStats') {
        result = { ...posts, latenciesMs: undefined, latencies: posts.latenciesMs.splice(0), repliesPosted: fake.counters.repliesPosted };
      } else if (m.cmd === 'snapshot') {
        result = {
          sent: fake.sent.map((s) => [s.phoneNumberId, s.acceptedAt, String(s.body.biz_opaque_callback_data)]),
          rejected: fake.counters.rejected,
          rateRejections: fake.rateRejections.map((r) => [r.code, r.at]),
        };
      } else if (m.cmd === 'close') {
        await server.close();
        send({ id: m.id, result: null });
        process.exit(0);
      }
      send({ id: m.id, result });
    })();
  });
  send({ ready: true, url: server.url });
}

void main();
