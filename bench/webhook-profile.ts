// `npm run bench:webhooks -- --only profile`: where a webhook's time goes, in this process with
// the app's own receiver (no HTTP): SQL statements per event (one at a time, and 32 at once as
// under load), and the CPU of the steps before the database (app-secret decryption, HMAC of the
// raw bytes, JSON parse and zod). The web process's CPU profile is taken separately with
// BENCH_NEXT_NODE_ARGS="--cpu-prof --cpu-prof-dir=DIR" (docs/benchmarks/webhooks.md).
import { createHmac } from 'node:crypto';
import { buildStream, resetScene, type Sender, type Sql } from './webhook-kit';

export type ProfileResult = {
  statementsPerEvent: { mix: string; oneAtATime: number; concurrent32: number }[];
  microsecondsPerCall: { decryptAppSecret: number; hmacVerify: number; jsonParseAndZod: number };
};

function time(n: number, f: () => unknown): number {
  for (let i = 0; i < Math.min(1000, n); i++) f();
  const t0 = performance.now();
  for (let i = 0; i < n; i++) f();
  return Math.round(((performance.now() - t0) * 1000) / n);
}

export async function runProfile(sql: Sql, sender: Sender, appSecretEnc: string): Promise<ProfileResult> {
  const { watchQueries } = await import('@/db/client');
  const { receiveWhatsAppWebhook } = await import('@/lib/webhooks/receive-whatsapp-webhook');
  const { decryptSecret } = await import('@/lib/crypto/secret-box');
  const { envelopeSchema, statusSchema } = await import('@/lib/webhooks/schema');
  const statementsPerEvent = [];
  for (const mix of ['status', 'inbound'] as const) {
    const one = buildStream(sender, mix, 60, `p1${mix[0]}`, 2_000_000);
    const many = buildStream(sender, mix, 320, `p2${mix[0]}`, 3_000_000);
    await resetScene(sql, sender, [one, many]);
    let statements = 0;
    const stop = watchQueries(() => statements++);
    for (const r of one.requests) await receiveWhatsAppWebhook({ rawBody: Buffer.from(r.body), signature: r.signature });
    const oneAtATime = statements / one.requests.length;
    statements = 0;
    for (let i = 0; i < many.requests.length; i += 32) {
      await Promise.all(many.requests.slice(i, i + 32).map((r) => receiveWhatsAppWebhook({ rawBody: Buffer.from(r.body), signature: r.signature })));
    }
    const concurrent32 = statements / many.requests.length;
    stop();
    statementsPerEvent.push({ mix, oneAtATime: Math.round(oneAtATime * 100) / 100, concurrent32: Math.round(concurrent32 * 100) / 100 });
  }
  const sample = buildStream(sender, 'status', 1, 'p3', 0).requests[0];
  const raw = Buffer.from(sample.body);
  return {
    statementsPerEvent,
    microsecondsPerCall: {
      decryptAppSecret: time(20_000, () => decryptSecret(appSecretEnc)),
      hmacVerify: time(20_000, () => createHmac('sha256', sender.appSecret).update(raw).digest('hex')),
      jsonParseAndZod: time(20_000, () => {
        const env = envelopeSchema.parse(JSON.parse(sample.body));
        for (const e of env.entry) for (const c of e.changes) for (const s of (c.value as { statuses: unknown[] }).statuses) statusSchema.parse(s);
      }),
    },
  };
}
