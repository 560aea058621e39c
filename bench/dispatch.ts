// npm run bench:dispatch [-- --seconds 60 --ramp 5 --json --only 80,1000,3x80,kill --database-url URL]
//
// The dispatcher against the fake WhatsApp Cloud API over HTTP (100-300 ms per answer), on the
// PostgreSQL server (a fresh database, dropped afterwards), with real `npm run worker`
// processes. Targets (issue 5):
// - one sender capped at 80 and at 1,000 msg/s, `--seconds` (60) after a `--ramp` (5 s):
//   achieved / cap >= 0.95, no one-second window above the cap, zero 130429, zero 131056;
// - three senders at 80 msg/s, three workers: total >= 0.95 x 240;
// - one of two workers killed with SIGKILL mid-way and restarted: requests at the fake =
//   messages marked sent, zero duplicates, zero lost.
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { parseArgs } from 'node:util';
import postgres from 'postgres';
import { createBenchDatabase, startFake } from './dispatch-kit';
import { runKill, runRate, type BenchContext, type KillResult, type RateResult } from './dispatch-scenarios';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '60' },
    ramp: { type: 'string', default: '5' },
    json: { type: 'boolean', default: false },
    only: { type: 'string', default: '80,1000,3x80,kill' },
    'database-url': { type: 'string', default: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' },
    'kill-seconds': { type: 'string', default: '30' },
  },
});

const seconds = Number(values.seconds);
const rampSeconds = Number(values.ramp);
const only = new Set(values.only!.split(',').map((s) => s.trim()));
const log = (line: string) => {
  if (!values.json) console.error(`[bench] ${line}`);
};

async function main() {
  const db = await createBenchDatabase(values['database-url']!);
  // This process writes the scene with the app's own code: point its configuration at the bench
  // database before anything reads it (lib/env.ts parses once, on first use).
  const encryptionKey = randomBytes(32).toString('hex');
  Object.assign(process.env, { DATABASE_URL: db.url, ENCRYPTION_KEY: encryptionKey, LOG_LEVEL: 'error', WHATSAPP_SANDBOX: 'false' });
  const { getDb, peekDbHandle } = await import('@/db/client');
  const { createSenderPhone } = await import('@/db/factories');
  const { receiveWhatsAppWebhook } = await import('@/lib/webhooks/receive-whatsapp-webhook');
  await getDb(); // migrates the fresh database

  // Status webhooks of the fake go straight to the app's receiver (signature checked, stored, applied).
  const fake = await startFake(async (rawBody, signature) => (await receiveWhatsAppWebhook({ rawBody, signature })).status);
  const sql = postgres(db.url, { max: 4, onnotice: () => undefined });
  const ctx: BenchContext = {
    sql,
    fake,
    databaseUrl: db.url,
    encryptionKey,
    rampSeconds,
    seconds,
    log,
    createSender: async (workspaceId, perSecond, webhookUrl) => {
      const phone = await createSenderPhone(workspaceId, { provider: 'sandbox', apiBaseUrl: fake.url, apiVersion: 'v23.0', rateLimitPerSecond: perSecond });
      await fake.addPhone({
        phoneNumberId: phone.phoneNumberId,
        wabaId: phone.wabaId,
        accessToken: phone.accessToken,
        appSecret: phone.appSecret,
        throughputPerSecond: perSecond,
        webhookUrl,
      });
      return { id: phone.id, phoneNumberId: phone.phoneNumberId };
    },
  };

  const rates: RateResult[] = [];
  let kill: KillResult | null = null;
  const started = Date.now();
  try {
    if (only.has('80')) rates.push(await runRate(ctx, { name: '1 sender @ 80/s', senders: 1, perSecond: 80, workers: 1, concurrency: 64 }));
    if (only.has('1000')) {
      rates.push(await runRate(ctx, { name: '1 sender @ 1,000/s', senders: 1, perSecond: 1000, workers: 1, concurrency: 700 }));
    }
    if (only.has('3x80')) rates.push(await runRate(ctx, { name: '3 senders @ 80/s, 3 workers', senders: 3, perSecond: 80, workers: 3, concurrency: 64 }));
    // Diagnostic: the same load from one process (not part of the published table).
    if (only.has('3x80w1')) rates.push(await runRate(ctx, { name: '3 senders @ 80/s, 1 worker', senders: 3, perSecond: 80, workers: 1, concurrency: 128 }));
    if (only.has('kill')) kill = await runKill(ctx, { perSecond: 80, seconds: Number(values['kill-seconds']) });
  } finally {
    await sql.end();
    await fake.close();
    const handle = peekDbHandle();
    if (handle) await (await handle).close();
    await db.drop();
  }

  const conditions = {
    date: new Date().toISOString(),
    node: process.version,
    cpus: os.cpus().length,
    loadAverage1m: Math.round(os.loadavg()[0] * 100) / 100,
    seconds,
    rampSeconds,
    fakeLatencyMs: [100, 300],
    totalSeconds: Math.round((Date.now() - started) / 1000),
  };
  const targets = {
    rate: rates.map((r) => ({
      name: r.name,
      ok: r.ratio >= 0.95 && r.worstSecondPerSender <= r.capPerSecond / r.senders && r.rejected130429 === 0 && r.rejected131056 === 0 && r.duplicates === 0,
    })),
    kill: kill ? kill.requestsAtFake === kill.markedSent && kill.duplicates === 0 && kill.lost === 0 : null,
  };
  if (values.json) {
    console.log(JSON.stringify({ conditions, rates, kill, targets }));
    return;
  }
  console.log(`\nDispatch benchmark, ${conditions.date}: ${conditions.cpus} CPUs (load ${conditions.loadAverage1m}), ${seconds} s after a ${rampSeconds} s ramp, fake latency 100-300 ms\n`);
  if (rates.length > 0) {
    console.log(
      '| Scenario | Cap msg/s | Achieved msg/s | Achieved / cap | Worst 1-s window (per sender) | 130429 after ramp (during ramp) | 131056 | Duplicates | Accepted at fake | Marked sent |',
    );
    console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
    for (const r of rates) {
      console.log(
        `| ${r.name} | ${r.capPerSecond} | ${r.achievedPerSecond} | ${r.ratio.toFixed(3)} | ${r.worstSecond} (${r.worstSecondPerSender}) | ${r.rejected130429} (${r.rejected130429Ramp}) | ${r.rejected131056} | ${r.duplicates} | ${r.acceptedAtFake} | ${r.markedSent} |`,
      );
    }
  }
  if (kill) {
    console.log('\n| Scenario | Messages | Requests at fake | Marked sent | Duplicates | Lost | Held unknown (never reached the fake) | Settled by status webhook |');
    console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
    console.log(
      `| ${kill.name} (at ${kill.killedAtSecond} s) | ${kill.messages} | ${kill.requestsAtFake} | ${kill.markedSent} | ${kill.duplicates} | ${kill.lost} | ${kill.heldUnknown} | ${kill.settledByWebhook} |`,
    );
  }
  console.log(`\nTargets: ${targets.rate.map((t) => `${t.name}: ${t.ok ? 'met' : 'NOT met'}`).join('; ')}${kill ? `; kill run: ${targets.kill ? 'met' : 'NOT met'}` : ''}`);
}

main().catch((err: unknown) => {
  console.error('bench failed:', err);
  process.exit(1);
});
