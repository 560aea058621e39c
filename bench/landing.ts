// npm run bench:landing [-- --json --seconds 20 --port 3300 --ref-port 3301 --database-url URL]
//
// Landing-page submissions and views (issue 11), in one run on the PostgreSQL server (a fresh
// database, dropped afterwards) with `next start` (needs `npx next build` first) and a worker:
// - POST /api/lp/<slug>/submissions with unique phones at 100/s and 300/s for --seconds each,
//   then as fast as 50 connections go; GET /lp/<slug> at 300/s;
// - the reference: bench/landing-reference.ts (node:http + postgres.js, the same three writes in
//   one transaction) on the same database, driven the same way;
// - checks one lead per phone and one welcome message per lead. Targets: POST throughput >= 0.5x
//   the reference's; p99 < 150 ms at 100/s; GET p99 < 50 ms at 300/s; 0 errors; 0 duplicates.
// The app sits behind a pretend proxy (TRUSTED_PROXIES=1): each request has its own client
// address, as visitors do, so the per-address limit is not what is measured.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import postgres from 'postgres';
import { createBenchDatabase, startFake, startWorker, waitUntil } from './dispatch-kit';
import { asFastAsPossible, fixedRate, type PhaseResult, type Shot } from './landing-load';

const { values } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    seconds: { type: 'string', default: '20' },
    port: { type: 'string', default: '3300' },
    'ref-port': { type: 'string', default: '3301' },
    'database-url': { type: 'string', default: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' },
  },
});
const seconds = Number(values.seconds);
/** Meta's default throughput per business number. */
const SENDER_RATE = 80;
const log = (line: string) => !values.json && console.error(`[bench] ${line}`);

function startChild(cmd: string, args: string[], env: Record<string, string>): { child: ChildProcess; output: () => string } {
  const child = spawn(cmd, args, { cwd: process.cwd(), env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out = (out + d.toString()).slice(-20_000)));
  child.stderr?.on('data', (d: Buffer) => (out = (out + d.toString()).slice(-20_000)));
  return { child, output: () => out };
}

async function isUp(url: string) {
  return fetch(url).then((r) => r.ok, () => false);
}

let seq = 0;
const base = 10_000_000 + Math.floor(Math.random() * 80_000_000);
function submission(target: 'app' | 'ref', slug: string): Shot {
  const n = seq++;
  const body = JSON.stringify({ name: `Bench ${n}`, phone: `11 9${String(base + n).padStart(8, '0')}`, consent: true, utm_source: 'bench' });
  const ip = `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
  return { method: 'POST', path: target === 'app' ? `/api/lp/${slug}/submissions` : '/', body, headers: { 'x-forwarded-for': ip } };
}

async function main() {
  const distDir = process.env.NEXT_DIST_DIR || '.next';
  if (!existsSync(path.join(distDir, 'BUILD_ID'))) throw new Error(`No production build in ${distDir}: run \`npx next build\` first.`);
  const db = await createBenchDatabase(values['database-url']!);
  const secrets = { AUTH_SECRET: randomBytes(32).toString('hex'), ENCRYPTION_KEY: randomBytes(32).toString('hex'), CRON_SECRET: randomBytes(24).toString('hex') };
  Object.assign(process.env, { DATABASE_URL: db.url, LOG_LEVEL: 'error', ...secrets });
  const { getDb, peekDbHandle } = await import('@/db/client');
  const f = await import('@/db/factories');
  const { createLandingPage } = await import('@/lib/landing-pages/save-landing-page');
  const { DEFAULT_FIELDS } = await import('@/lib/leadgen/schema');
  await getDb(); // migrates the fresh database

  // The welcomes go to the fake Cloud API in a process of its own, as they go to Meta's servers.
  // The built-in sandbox would answer them inside `next start` and post three status webhooks
  // per message back to it: at 1,000 msg/s that was most of the app's CPU, and it measured the
  // sandbox rather than the landing page (webhook ingest is bench:webhooks' subject).
  const fake = await startFake(async () => 200);
  await fake.setWebhookOptions({ enabled: false });
  const scene = async (label: string) => {
    const ws = await f.createWorkspace();
    const sender = await f.createSenderPhone(ws.id, { provider: 'sandbox', apiBaseUrl: fake.url, apiVersion: 'v23.0', rateLimitPerSecond: SENDER_RATE });
    await fake.addPhone({ phoneNumberId: sender.phoneNumberId, wabaId: sender.wabaId, accessToken: sender.accessToken, appSecret: sender.appSecret, throughputPerSecond: SENDER_RATE });
    const template = await f.createTemplate(ws.id);
    const slug = `bench-${label}-${randomBytes(3).toString('hex')}`;
    const page = await createLandingPage(ws.id, {
      title: label, slug, status: 'published', headline: 'Talk to us on WhatsApp', description: 'Leave your **number**.', brandColor: '#198754',
      buttonLabel: 'Message me', successMessage: 'Thanks!', redirectUrl: '', whatsappNumber: '', whatsappText: '', defaultCountry: 'BR',
      consentText: 'I agree', tags: ['bench'], sourceLabel: 'bench', campaignIds: [], corsOrigins: [], fields: DEFAULT_FIELDS, variants: [],
    });
    const campaign = await f.createCampaign(ws.id, { templateId: template.id, senderPhoneId: sender.id, trigger: { sources: [], landingPageIds: [page.id], tags: [], onImport: false } });
    return { ws, sender, template, page, campaign, slug };
  };
  const app = await scene('app');
  const ref = await scene('ref');

  const port = Number(values.port);
  const appUrl = `http://127.0.0.1:${port}`;
  const refUrl = `http://127.0.0.1:${values['ref-port']}`;
  const serverEnv = {
    NODE_ENV: 'production', DATABASE_URL: db.url, ...secrets, TRUSTED_PROXIES: '1', DISPATCH_IN_PROCESS: 'false',
    WHATSAPP_SANDBOX: 'true', WHATSAPP_SANDBOX_ALLOW_PRODUCTION: 'true', LOG_LEVEL: 'error', NEXT_TELEMETRY_DISABLED: '1',
  };
  const nodeArgs = (process.env.BENCH_APP_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const next = startChild(process.execPath, [...nodeArgs, 'node_modules/next/dist/bin/next', 'start', '-p', String(port), '-H', '127.0.0.1'], serverEnv);
  const worker = startWorker(serverEnv);
  const reference = startChild(process.execPath, ['--import', 'tsx', 'bench/landing-reference.ts'], {
    REF_DATABASE_URL: db.url, REF_PORT: String(values['ref-port']), REF_WORKSPACE_ID: ref.ws.id, REF_PAGE_ID: ref.page.id,
    REF_CAMPAIGN_ID: ref.campaign.id, REF_TEMPLATE_ID: ref.template.id, REF_SENDER_ID: ref.sender.id,
  });
  const sql = postgres(db.url, { max: 2, onnotice: () => undefined });
  const phases: { target: 'app' | 'ref'; result: PhaseResult }[] = [];
  const stored = { app: 0, ref: 0 };
  try {
    if (!(await waitUntil(() => isUp(`${appUrl}/api/health`), 120_000, 500))) throw new Error(`next start did not come up:\n${next.output()}`);
    if (!(await waitUntil(() => reference.output().includes('ready'), 30_000))) throw new Error(`reference did not come up:\n${reference.output()}`);
    for (const [target, url, slug] of [['app', appUrl, app.slug], ['ref', refUrl, ref.slug]] as const) {
      const shot = () => submission(target, slug);
      log(`${target}: warm-up`);
      stored[target] += (await fixedRate('warm-up', url, 50, 3, shot, 201)).ok;
      for (const rate of [100, 300]) {
        log(`${target}: POST ${rate}/s for ${seconds} s`);
        phases.push({ target, result: await fixedRate(`POST ${rate}/s`, url, rate, seconds, shot, 201) });
      }
      log(`${target}: POST, 50 connections, ${seconds} s`);
      phases.push({ target, result: await asFastAsPossible('POST max (50 conn.)', url, 50, seconds, shot, 201) });
    }
    log(`app: GET 300/s for ${seconds} s`);
    phases.push({ target: 'app', result: await fixedRate('GET 300/s', appUrl, 300, seconds, () => ({ method: 'GET', path: `/lp/${app.slug}?utm_source=bench` }), 200) });

    const checks = async (workspaceId: string) => {
      const [r] = await sql`select
        (select count(*)::int from leads where workspace_id = ${workspaceId}) as leads,
        (select count(*)::int from (select phone_e164 from leads where workspace_id = ${workspaceId} group by 1 having count(*) > 1) d) as duplicate_leads,
        (select count(*)::int from (select lead_id from messages where workspace_id = ${workspaceId} group by 1 having count(*) > 1) d) as duplicate_messages,
        (select count(*)::int from leads l where l.workspace_id = ${workspaceId} and not exists (select 1 from messages m where m.lead_id = l.id)) as without_welcome`;
      return r as unknown as { leads: number; duplicate_leads: number; duplicate_messages: number; without_welcome: number };
    };
    for (const p of phases) if (p.result.name.startsWith('POST')) stored[p.target] += p.result.ok;
    const [appCheck, refCheck] = [await checks(app.ws.id), await checks(ref.ws.id)];
    // Every 201 is one new phone, so one new lead: more or fewer leads than 201s is a duplicate or a loss.
    const appMismatch = Math.abs(appCheck.leads - stored.app);
    const by = (t: 'app' | 'ref', name: string) => phases.find((p) => p.target === t && p.result.name === name)!.result;
    const appPosts = phases.filter((p) => p.target === 'app' && p.result.name.startsWith('POST'));
    const appErrors = appPosts.reduce((n, p) => n + p.result.errors, 0) + by('app', 'GET 300/s').errors;
    const ratio = by('app', 'POST max (50 conn.)').achieved / by('ref', 'POST max (50 conn.)').achieved;
    const targets = {
      throughputRatio: { value: Number(ratio.toFixed(2)), target: '>= 0.5', met: ratio >= 0.5 },
      p99At100: { value: Math.round(by('app', 'POST 100/s').p99), target: '< 150 ms', met: by('app', 'POST 100/s').p99 < 150 },
      getP99At300: { value: Math.round(by('app', 'GET 300/s').p99), target: '< 50 ms', met: by('app', 'GET 300/s').p99 < 50 },
      errors: { value: appErrors, target: '0', met: appErrors === 0 },
      duplicates: { value: appMismatch + appCheck.duplicate_leads + appCheck.duplicate_messages + appCheck.without_welcome, target: '0', met: appMismatch + appCheck.duplicate_leads + appCheck.duplicate_messages + appCheck.without_welcome === 0 },
    };
    const report = {
      machine: { cpus: os.cpus().length, node: process.version, seconds },
      phases: phases.map(({ target, result }) => ({ target, ...result, achieved: Number(result.achieved.toFixed(1)), p50: Math.round(result.p50), p99: Math.round(result.p99), seconds: Number(result.seconds.toFixed(1)) })),
      checks: { app: { ...appCheck, created201: stored.app }, ref: { ...refCheck, created201: stored.ref } },
      targets,
      met: Object.values(targets).every((t) => t.met),
    };
    if (values.json) console.log(JSON.stringify(report, null, 2));
    else {
      console.log('| target | phase | sent | ok | errors | achieved/s | p50 ms | p99 ms |\n|---|---|---:|---:|---:|---:|---:|---:|');
      for (const p of report.phases) console.log(`| ${p.target} | ${p.name} | ${p.sent} | ${p.ok} | ${p.errors} | ${p.achieved} | ${p.p50} | ${p.p99} |`);
      console.log('\n| check | value | target | met |\n|---|---:|---|---|');
      for (const [k, t] of Object.entries(targets)) console.log(`| ${k} | ${t.value} | ${t.target} | ${t.met ? 'yes' : 'NO'} |`);
      console.log(`\nleads app ${appCheck.leads}, ref ${refCheck.leads}`);
    }
    process.exitCode = report.met ? 0 : 1;
  } finally {
    for (const c of [next.child, worker.child, reference.child]) c.kill('SIGTERM');
    await sql.end();
    await fake.close();
    const handle = peekDbHandle();
    if (handle) await (await handle).close();
    await db.drop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
