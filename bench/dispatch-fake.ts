// The fake Cloud API for `npm run bench:dispatch`, in a process of its own: it counts every
// message against the sender's cap the moment it arrives, so it must not share an event loop
// with the benchmark's own bookkeeping. Driven over IPC by bench/dispatch-kit.ts (startFake).
import type { FakePhoneInput, FakeWebhookOptions } from '@/lib/whatsapp/fake/fake-types';
import { startFakeWhatsAppServer } from '@/lib/whatsapp/fake/server';

type Command =
  | { id: number; cmd: 'addPhone'; phone: FakePhoneInput }
  | { id: number; cmd: 'reset' }
  | { id: number; cmd: 'setWebhookOptions'; options: Partial<FakeWebhookOptions> }
  | { id: number; cmd: 'flushWebhooks' }
  | { id: number; cmd: 'snapshot' }
  | { id: number; cmd: 'close' }
  | { id: number; cmd: 'delivered'; status: number };

const pendingDeliveries = new Map<number, (status: number) => void>();
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
      // Status webhooks go back to the benchmark process, which hands them to the app's receiver.
      deliver: (_url, init) =>
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
      else if (m.cmd === 'snapshot') {
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
