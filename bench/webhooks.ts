// npm run bench:webhooks [-- --events 4000 --connections 32,64 --only mix,status,inbound,broadcast --json --port 3190 --database-url URL]
//
// The WhatsApp webhook receiver (issue 16): `next start` of the production build against a
// reference node:http + postgres.js handler doing the floor of the same work
// (bench/webhook-reference.ts), both on a fresh database on the PostgreSQL server, driven by
// the same load generator (bench/webhook-load.ts). Per stream (the mix: half status updates of
// existing messages, half inbound texts from new numbers; status-only; inbound-only) and per
// connection count: events/s, p50/p99, non-200 answers, the ratio to the reference, and exact
// counts afterwards (every status applied once, every inbound message stored once).
// `--only broadcast` runs the broadcast scenario (bench/webhook-broadcast.ts), `--only profile` counts
// statements per event and times the steps before the database (bench/webhook-profile.ts).
// Target: the route >= 0.5x the reference's events/s for the mix at 32 connections.
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { parseArgs } from 'node:util';
import postgres from 'postgres';
import { createBenchDatabase } from './dispatch-kit';
import type { BroadcastResult } from './webhook-broadcast';
import type { ProfileResult } from './webhook-profile';
import {
  backendPids,
  buildStream,
  countScene,
  cpuSeconds,
  expectedCounts,
  resetScene,
  runLoad,
  startNext,
  startReference,
  type Mix,
  type Sender,
  type Server,
  type Sql,
} from './webhook-kit';

const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '4000' },
    connections: { type: 'string', default: '32,64' },
    only: { type: 'string', default: 'mix,status,inbound' },
    receivers: { type: 'string', default: 'reference,route' },
    json: { type: 'boolean', default: false },
    port: { type: 'string', default: '3190' },
    'database-url': { type: 'string', default: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' },
    'broadcast-seconds': { type: 'string', default: '60' },
    'broadcast-rate': { type: 'string', default: '80' },
  },
});
const log = (line: string) => {
  if (!values.json) console.error(`[bench] ${line}`);
};

export type Row = {
  mix: Mix;
  connections: number;
  receiver: 'route' | 'reference';
  events: number;
  eventsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  non200: number;
  cpuSecondsServer: number;
  cpuSecondsPostgres: number;
  countsExact: boolean;
  counts: Record<string, number>;
};

async function measure(sql: Sql, dbName: string, server: Server, sender: Sender, mix: Mix, connections: number, events: number): Promise<Row> {
  const tag = `${server.name[0]}${mix[0]}${connections}${randomBytes(2).toString('hex')}`;
  // A warm-up stream of its own first (JIT, connection pools, the route's first compile), then the measured one.
  const warm = buildStream(sender, mix, Math.max(200, Math.round(events / 10)), `${tag}w`, 0);
  const measured = buildStream(sender, mix, events, tag, 1_000_000);
  await resetScene(sql, sender, [warm, measured]);
  await runLoad(server.port, connections, warm.requests);
  const pids = [server.child.pid!, ...(await backendPids(sql, dbName))];
  const cpuBefore = cpuSeconds(pids.slice(1));
  const serverBefore = cpuSeconds(pids.slice(0, 1));
  const load = await runLoad(server.port, connections, measured.requests);
  const serverCpu = cpuSeconds(pids.slice(0, 1)) - serverBefore;
  const pgCpu = cpuSeconds(pids.slice(1)) - cpuBefore;
  const counts = await countScene(sql);
  const expected = expectedCounts([warm, measured]);
  const countsExact = Object.entries(expected).every(([k, v]) => counts[k as keyof typeof counts] === v) && counts.pending === 0;
  const ok = load.statuses['200'] ?? 0;
  const row: Row = {
    mix,
    connections,
    receiver: server.name as Row['receiver'],
    events,
    eventsPerSecond: Math.round(events / load.seconds),
    p50Ms: load.latenciesMs[0],
    p99Ms: load.latenciesMs[1],
    non200: events - ok,
    cpuSecondsServer: Math.round(serverCpu * 100) / 100,
    cpuSecondsPostgres: Math.round(pgCpu * 100) / 100,
    countsExact,
    counts: { ...counts, expectedRead: expected.read, expectedStatusEvents: expected.statusEvents, expectedInbound: expected.inbound },
  };
  log(`${row.receiver} ${mix} x${connections}: ${row.eventsPerSecond} events/s, p50 ${row.p50Ms} ms, p99 ${row.p99Ms} ms, non-200 ${row.non200}, counts ${countsExact ? 'exact' : `WRONG ${JSON.stringify(row.counts)}`}`);
  return row;
}

async function main() {
  const only = new Set(values.only!.split(',').map((s) => s.trim()));
  const events = Number(values.events);
  const connectionCounts = values.connections!.split(',').map(Number);
  const port = Number(values.port);
  const db = await createBenchDatabase(values['database-url']!);
  const dbName = new URL(db.url).pathname.slice(1);
  const secrets = { AUTH_SECRET: randomBytes(32).toString('hex'), ENCRYPTION_KEY: randomBytes(32).toString('hex'), CRON_SECRET: randomBytes(24).toString('hex') };
  // This process writes the scene with the app's own code (sender secrets encrypted as the app does).
  Object.assign(process.env, { DATABASE_URL: db.url, LOG_LEVEL: 'error', WHATSAPP_SANDBOX: 'false', ...secrets });
  const { getDb, peekDbHandle } = await import('@/db/client');
  const { createSenderPhone, createWorkspace } = await import('@/db/factories');
  await getDb(); // migrates the fresh database
  const sql = postgres(db.url, { max: 2, onnotice: () => undefined });
  const servers: Server[] = [];
  const rows: Row[] = [];
  let broadcast: BroadcastResult | null = null;
  let profile: ProfileResult | null = null;
  const started = Date.now();
  try {
    const ws = await createWorkspace();
    const phone = await createSenderPhone(ws.id);
    const sender: Sender = { id: phone.id, workspaceId: ws.id, phoneNumberId: phone.phoneNumberId, wabaId: phone.wabaId, appSecret: phone.appSecret };
    const appEnv = { DATABASE_URL: db.url, LOG_LEVEL: 'warn', WHATSAPP_SANDBOX: 'false', SEED_DEMO: 'false', DISPATCH_IN_PROCESS: 'false', ...secrets };
    if (only.has('profile')) {
      const { runProfile } = await import('./webhook-profile');
      profile = await runProfile(sql, sender, phone.appSecretEnc);
      log(`profile: ${JSON.stringify(profile)}`);
    }
    if (only.has('broadcast')) {
      const { runBroadcast } = await import('./webhook-broadcast');
      broadcast = await runBroadcast({ sql, databaseUrl: db.url, appEnv, port, log, seconds: Number(values['broadcast-seconds']), rate: Number(values['broadcast-rate']) });
    }
    const mixes = (['mix', 'status', 'inbound'] as const).filter((m) => only.has(m));
    if (mixes.length > 0) {
      const reference = await startReference(port + 1, {
        REF_DATABASE_URL: db.url,
        REF_SENDERS: JSON.stringify([{ phoneNumberId: sender.phoneNumberId, workspaceId: ws.id, senderId: sender.id, appSecret: sender.appSecret }]),
      });
      servers.push(reference);
      const route = await startNext(port, appEnv);
      servers.push(route);
      for (const mix of mixes) {
        for (const connections of connectionCounts) {
          // Alternate who goes first, so a drift in the machine's load does not favour one.
          const pair = (rows.length % 4 === 0 ? [reference, route] : [route, reference]).filter((s) => values.receivers!.includes(s.name));
          for (const server of pair) rows.push(await measure(sql, dbName, server, sender, mix, connections, events));
        }
      }
    }
  } finally {
    for (const s of servers) await s.stop();
    await sql.end();
    const handle = peekDbHandle();
    if (handle) await (await handle).close();
    await db.drop();
  }

  const ratios = rows
    .filter((r) => r.receiver === 'route')
    .map((r) => {
      const ref = rows.find((x) => x.receiver === 'reference' && x.mix === r.mix && x.connections === r.connections);
      return { mix: r.mix, connections: r.connections, ratio: ref ? Math.round((r.eventsPerSecond / ref.eventsPerSecond) * 100) / 100 : null };
    });
  const conditions = { date: new Date().toISOString(), node: process.version, cpus: os.cpus().length, loadAverage1m: Math.round(os.loadavg()[0] * 100) / 100, events, totalSeconds: Math.round((Date.now() - started) / 1000) };
  const mix32 = ratios.find((r) => r.mix === 'mix' && r.connections === 32);
  const targets = {
    mix32: mix32 ? (mix32.ratio ?? 0) >= 0.5 && rows.filter((r) => r.mix === 'mix' && r.connections === 32).every((r) => r.non200 === 0 && r.countsExact) : null,
    allExact: rows.every((r) => r.countsExact && r.non200 === 0),
    broadcast: broadcast ? broadcast.ok : null,
  };
  if (values.json) {
    console.log(JSON.stringify({ conditions, rows, ratios, broadcast, profile, targets }));
    return;
  }
  console.log(`\nWebhook receiver benchmark, ${conditions.date}: ${conditions.cpus} CPUs (load ${conditions.loadAverage1m}), ${events} events per run, one event per request\n`);
  if (rows.length > 0) {
    console.log('| Stream | Connections | Receiver | Events/s | p50 ms | p99 ms | Non-200 | Ratio | CPU s (server / PostgreSQL) | Counts |');
    console.log('|---|---:|---|---:|---:|---:|---:|---:|---:|---|');
    for (const r of rows) {
      const ratio = r.receiver === 'route' ? (ratios.find((x) => x.mix === r.mix && x.connections === r.connections)?.ratio ?? '') : 1;
      console.log(
        `| ${r.mix} | ${r.connections} | ${r.receiver} | ${r.eventsPerSecond} | ${r.p50Ms} | ${r.p99Ms} | ${r.non200} | ${ratio} | ${r.cpuSecondsServer} / ${r.cpuSecondsPostgres} | ${r.countsExact ? 'exact' : 'WRONG'} |`,
      );
    }
  }
  if (broadcast) console.log(`\n${broadcast.table}`);
  if (profile) {
    console.log('\n| Stream | SQL statements per event, one at a time | ... 32 at once |\n|---|---:|---:|');
    for (const p of profile.statementsPerEvent) console.log(`| ${p.mix} | ${p.oneAtATime} | ${p.concurrent32} |`);
    const us = profile.microsecondsPerCall;
    console.log(`\nCPU per call: app-secret decryption ${us.decryptAppSecret} us, HMAC of the body ${us.hmacVerify} us, JSON parse + zod ${us.jsonParseAndZod} us`);
  }
  console.log(
    `\nTargets: mix at 32 connections >= 0.5x: ${targets.mix32 === null ? 'not run' : targets.mix32 ? 'met' : 'NOT met'}; all counts exact, no non-200: ${targets.allExact ? 'yes' : 'NO'}` +
      (broadcast ? `; broadcast: ${broadcast.ok ? 'met' : 'NOT met'}` : ''),
  );
}

main().catch((err: unknown) => {
  console.error('bench failed:', err);
  process.exit(1);
});
