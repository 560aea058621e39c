// npm run fake-whatsapp [-- --port 4010 --config phones.json --latency 20-80 --webhook-url URL ...]
// Runs the fake WhatsApp Cloud API (lib/whatsapp/fake) on its own HTTP server for local
// development and benchmarks. Point a sender's apiBaseUrl at the printed URL.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { env } from '@/lib/env';
import type { FakePhoneInput, FakeTemplateInput, LatencyOption } from '@/lib/whatsapp/fake/fake-whatsapp';
import { startFakeWhatsAppServer } from '@/lib/whatsapp/fake/server';

type ConfigFile = { phones?: FakePhoneInput[]; templates?: (FakeTemplateInput & { wabaId: string })[] };

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    host: { type: 'string', default: '127.0.0.1' },
    config: { type: 'string' },
    'phone-number-id': { type: 'string', default: '100000000000001' },
    'waba-id': { type: 'string', default: '200000000000001' },
    'access-token': { type: 'string', default: 'fake-access-token' },
    'app-secret': { type: 'string', default: 'fake-app-secret' },
    'webhook-url': { type: 'string' },
    throughput: { type: 'string', default: '80' },
    latency: { type: 'string', default: '0' },
    'no-pair-rate': { type: 'boolean', default: false },
    'no-webhooks': { type: 'boolean', default: false },
    'failure-rate': { type: 'string', default: '0' },
  },
});

function parseLatency(v: string): LatencyOption {
  const [a, b] = v.split('-').map(Number);
  return b === undefined ? a : [a, b];
}

async function main() {
  const file: ConfigFile = values.config ? JSON.parse(readFileSync(values.config, 'utf8')) : {};
  const phones: FakePhoneInput[] = file.phones ?? [
    {
      phoneNumberId: values['phone-number-id']!,
      wabaId: values['waba-id']!,
      accessToken: values['access-token']!,
      appSecret: values['app-secret']!,
      webhookUrl: values['webhook-url'] ?? `${env().appUrl}/api/webhooks/whatsapp`,
      throughputPerSecond: Number(values.throughput),
    },
  ];
  const failureRate = Number(values['failure-rate']);
  const server = await startFakeWhatsAppServer({
    port: values.port ? Number(values.port) : env().FAKE_WHATSAPP_PORT,
    host: values.host,
    latencyMs: parseLatency(values.latency!),
    pairRateLimit: values['no-pair-rate'] ? false : undefined,
    webhooks: { enabled: !values['no-webhooks'] },
    failures: failureRate > 0 ? { rate: failureRate, failure: [131026, 131000, '5xx'] } : undefined,
  });
  for (const p of phones) server.fake.addPhone(p);
  const templates = file.templates ?? [
    { wabaId: phones[0].wabaId, name: 'welcome_v1', language: 'pt_BR', category: 'MARKETING', components: [{ type: 'BODY', text: 'Olá {{1}}!' }] },
  ];
  for (const { wabaId, ...t } of templates) server.fake.addTemplate(wabaId, t);

  console.log(`Fake WhatsApp Cloud API on ${server.url} (apiBaseUrl), version any vNN.N`);
  for (const p of phones) {
    // A local fake's credentials, printed on purpose so they can be pasted into a sender form.
    console.log(`  phone ${p.phoneNumberId}  waba ${p.wabaId}  token ${p.accessToken}  app secret ${p.appSecret}  webhooks -> ${p.webhookUrl ?? '(none)'}`);
  }
  for (const t of templates) console.log(`  template ${t.name} (${t.language}) ${t.status ?? 'APPROVED'} in waba ${t.wabaId}`);

  const stop = async () => {
    await server.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
