// npm run bench:analytics -- [--scale 1] [--runs 7] [--json] [--keep-db]
// Builds one workspace on the PostgreSQL server with 1,000,000 leads x scale (3 messages each
// with their status events, 30 % replying, 10 % booking), then times every lib/analytics query
// for 30- and 90-day ranges and every funnel segmentation, the whole Analytics page, a plain
// GROUP BY over the raw tables as the reference (and checks it gives the same figures), and the
// unified dataset export of every lead (rows/s and the process's peak RSS).
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import postgres from 'postgres';
import { migratePostgres } from '@/db/client';
import { SEED_END, seedAnalytics } from './analytics-seed';

const SERVER = process.env.BENCH_SERVER_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DB_PREFIX = process.env.BENCH_DB_PREFIX ?? 'whatslab_bench_analytics';
const QUERY_P95_MS = 500;
const PAGE_MS = 1500;
const EXPORT_ROWS_PER_S = 50_000;
const EXPORT_RSS_MB = 300;

type Result = { name: string; kind: 'query' | 'page' | 'reference'; medianMs: number; p95Ms: number; ok: boolean | null };

const pct = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)];
const round = (n: number) => Number(n.toFixed(1));

async function time(name: string, kind: Result['kind'], runs: number, run: () => Promise<unknown>): Promise<Result> {
  await run(); // warm-up
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await run();
    samples.push(performance.now() - t);
  }
  samples.sort((a, b) => a - b);
  const p95Ms = pct(samples, 95);
  const ok = kind === 'query' ? p95Ms < QUERY_P95_MS : kind === 'page' ? p95Ms < PAGE_MS : null;
  return { name, kind, medianMs: round(pct(samples, 50)), p95Ms: round(p95Ms), ok };
}

async function main() {
  const { values } = parseArgs({
    options: {
      scale: { type: 'string', default: '1' },
      runs: { type: 'string', default: '7' },
      json: { type: 'boolean', default: false },
      'keep-db': { type: 'boolean', default: false },
    },
  });
  const leads = Math.round(1_000_000 * Number(values.scale));
  const runs = Number(values.runs);
  const say = (m: string) => (values.json ? undefined : console.error(m));
  const dbName = `${DB_PREFIX}_${randomBytes(4).toString('hex')}`;
  const admin = postgres(SERVER, { max: 1, onnotice: () => undefined });
  await admin.unsafe(`create database ${dbName}`);
  await admin.end();
  const url = SERVER.replace(/\/[^/]*$/, `/${dbName}`);
  const sql = postgres(url, { max: 1, onnotice: () => undefined });
  let exitCode = 0;
  try {
    await migratePostgres(url);
    const tag = randomBytes(4).toString('hex');
    const [ws] = await sql<{ id: string }[]>`insert into workspaces (name, slug, timezone) values ('Bench', ${`bench-${tag}`}, 'America/Sao_Paulo') returning id`;
    const many = async (n: number, insert: (i: number) => Promise<{ id: string }[]>) => {
      const out: string[] = [];
      for (let i = 0; i < n; i++) out.push((await insert(i))[0].id);
      return out;
    };
    const phones = await many(3, (i) => sql`insert into sender_phones (workspace_id, label, phone_number_id, waba_id, access_token_enc, app_secret_enc, webhook_verify_token)
      values (${ws.id}, ${`Phone ${i + 1}`}, ${`10000000000${i}`}, '2000', 'x', 'x', ${`v-${tag}-${i}`}) returning id`);
    const templates = await many(10, (i) => sql`insert into message_templates (workspace_id, name, kind, body) values (${ws.id}, ${`Template ${i + 1}`}, 'session_text', 'Hi') returning id`);
    const campaigns = await many(20, (i) => sql`insert into campaigns (workspace_id, name, kind, status, template_id, sender_phone_id)
      values (${ws.id}, ${`Campaign ${i + 1}`}, 'broadcast', 'completed', ${templates[i % 10]}, ${phones[i % 3]}) returning id`);
    const pages = await many(5, (i) => sql`insert into landing_pages (workspace_id, slug, title, headline, consent_text)
      values (${ws.id}, ${`bench-${tag}-${i}`}, ${`Page ${i + 1}`}, 'Hi', 'Yes') returning id`);

    say(`Seeding ${leads.toLocaleString('en')} leads and their history into ${dbName}...`);
    const seed = await seedAnalytics(sql, { workspaceId: ws.id, campaigns, templates, phones, pages }, leads, say);

    process.env.DATABASE_URL = url;
    process.env.LOG_LEVEL = 'warn';
    const { getDbHandle } = await import('@/db/client');
    const { resolveRange, rangeInputSchema } = await import('@/lib/analytics/range');
    const { getKpis } = await import('@/lib/analytics/get-kpis');
    const { getLeadsBySourceDaily, getMessagesByStatusDaily } = await import('@/lib/analytics/get-daily-series');
    const { getFunnel, SEGMENT_DIMENSIONS } = await import('@/lib/analytics/get-funnel');
    const { getFailureReasons } = await import('@/lib/analytics/get-failure-reasons');
    const { getOptOutsByCampaign } = await import('@/lib/analytics/get-opt-outs-by-campaign');
    const { getAnalytics } = await import('@/lib/analytics/get-analytics');
    const { getLiveStamp } = await import('@/lib/analytics/get-live-stamp');
    const { exportLeadDataset } = await import('@/lib/leads/export-lead-dataset');
    const { referenceFigures } = await import('./analytics-reference');

    const now = new Date(new Date(SEED_END).getTime() - 3_600_000);
    const results: Result[] = [];
    const mismatches: string[] = [];
    const add = async (name: string, kind: Result['kind'], run: () => Promise<unknown>) => {
      const r = await time(name, kind, runs, run);
      results.push(r);
      say(`  ${r.name}: median ${r.medianMs} ms, p95 ${r.p95Ms} ms`);
    };
    for (const preset of ['30d', '90d'] as const) {
      const range = resolveRange(rangeInputSchema.parse({ range: preset }), 'America/Sao_Paulo', now);
      const p = range.current;
      await add(`${preset} KPIs (one period)`, 'query', () => getKpis(ws.id, p));
      await add(`${preset} new leads per day by source`, 'query', () => getLeadsBySourceDaily(ws.id, range));
      await add(`${preset} messages per day by status`, 'query', () => getMessagesByStatusDaily(ws.id, range));
      for (const d of SEGMENT_DIMENSIONS) await add(`${preset} funnel by ${d}`, 'query', () => getFunnel(ws.id, p, d));
      await add(`${preset} failure reasons`, 'query', () => getFailureReasons(ws.id, p));
      await add(`${preset} opt-outs by campaign`, 'query', () => getOptOutsByCampaign(ws.id, p));
      await add(`${preset} whole page (all of the above, as the page runs them)`, 'page', () => Promise.all([getAnalytics(ws.id, range, 'source'), getLiveStamp(ws.id)]));
      await add(`${preset} reference: plain GROUP BY over the raw tables`, 'reference', () => referenceFigures(sql, ws.id, range));
      // The same figures both ways: the reference is the check of the analytics queries.
      const [ours, ref] = await Promise.all([getAnalytics(ws.id, range, 'source'), referenceFigures(sql, ws.id, range)]);
      const mine = {
        newLeads: ours.kpis.newLeads, sent: ours.kpis.messagesSent, delivered: ours.kpis.delivered, read: ours.kpis.read,
        leadsBySource: ours.leadsBySource.series, messagesByStatus: ours.messagesByStatus.series, funnel: ours.funnel.total.counts,
      };
      if (JSON.stringify(mine) !== JSON.stringify(ref)) mismatches.push(preset);
    }
    await add('live poll (activity stamp)', 'query', () => getLiveStamp(ws.id));

    say('Exporting the dataset of every lead (CSV)...');
    let peakRss = process.memoryUsage().rss;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
    let exported = 0;
    const t = performance.now();
    for await (const chunk of exportLeadDataset(ws.id, { selection: { kind: 'filter', filter: {} }, format: 'csv' })) {
      exported += (chunk.match(/\r\n/g) ?? []).length;
    }
    const exportSeconds = (performance.now() - t) / 1000;
    clearInterval(sampler);
    await (await getDbHandle()).close();
    const rowsPerSecond = Math.round((exported - 1) / exportSeconds);
    const peakRssMb = Math.round(Math.max(peakRss, process.memoryUsage().rss) / 1048576);

    const summary = {
      database: 'PostgreSQL server (127.0.0.1), fresh database, machine shared with other agents',
      scale: Number(values.scale),
      rows: seed.counts,
      seedSeconds: seed.timings,
      targets: { queryP95Ms: QUERY_P95_MS, pageMs: PAGE_MS, exportRowsPerSecond: EXPORT_ROWS_PER_S, exportRssMb: EXPORT_RSS_MB },
      results,
      referenceMatches: mismatches.length === 0,
      export: { rows: exported - 1, seconds: round(exportSeconds), rowsPerSecond, peakRssMb, ok: rowsPerSecond >= EXPORT_ROWS_PER_S && peakRssMb < EXPORT_RSS_MB },
      allTargetsMet: results.every((r) => r.ok !== false) && mismatches.length === 0 && rowsPerSecond >= EXPORT_ROWS_PER_S && peakRssMb < EXPORT_RSS_MB,
    };
    if (values.json) console.log(JSON.stringify(summary));
    else {
      const w = Math.max(...results.map((r) => r.name.length));
      console.log(`\nAnalytics at ${leads.toLocaleString('en')} leads (${runs} runs after a warm-up):\n`);
      console.log(`${'query'.padEnd(w)} | median ms |   p95 ms | target`);
      console.log(`${'-'.repeat(w)}-|-----------|----------|-------`);
      for (const r of results) console.log(`${r.name.padEnd(w)} | ${String(r.medianMs).padStart(9)} | ${String(r.p95Ms).padStart(8)} | ${r.ok === null ? 'ref' : r.ok ? 'met' : 'MISSED'}`);
      console.log(`\nReference figures equal the analytics figures: ${summary.referenceMatches ? 'yes' : `NO (${mismatches.join(', ')})`}`);
      console.log(`Export: ${summary.export.rows.toLocaleString('en')} rows in ${summary.export.seconds} s = ${rowsPerSecond.toLocaleString('en')} rows/s, peak RSS ${peakRssMb} MB`);
    }
    if (!summary.allTargetsMet) exitCode = 1;
  } finally {
    await sql.end({ timeout: 5 });
    if (!values['keep-db']) {
      const dropper = postgres(SERVER, { max: 1, onnotice: () => undefined });
      await dropper.unsafe(`drop database if exists ${dbName} with (force)`);
      await dropper.end();
    } else say(`Kept database ${dbName}`);
  }
  process.exitCode = exitCode;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
