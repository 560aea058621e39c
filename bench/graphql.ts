// npm run bench:graphql -- [--json] [--seconds 20] [--connections 50] [--leads 100000] [--messages 500000]
//                          [--warmup 5] [--port 3400] [--build] [--database-url URL] [--db-prefix whatslab_bench]
//                          [--only list,nested,mutation]   (BENCH_APP_NODE_ARGS="--cpu-prof" profiles next start)
//
// /api/graphql served by `next start` (the production build) against a fresh database on the
// PostgreSQL server, next to a reference minimal node:http + postgres.js server answering the
// same three requests with the same JSON (bench/graphql-reference.ts), same database, same
// load: `--connections` keep-alive connections for `--seconds` per scenario. Reports requests/s,
// p50/p99, errors, SQL statements per request (counted at the wire in a separate pass, see
// bench/graphql-load.ts) and each scenario's ratio to the reference. Targets (issue 10):
// list >= 0.4x, nested >= 0.3x, mutation >= 0.5x the reference, zero errors.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import postgres from 'postgres';
import { createBenchDatabase, waitUntil } from './dispatch-kit';
import { client, errorOf, runLoad, startCountingProxy, type LoadResult, type Post } from './graphql-load';
import { seed } from './graphql-seed';

const { values } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    seconds: { type: 'string', default: '20' },
    warmup: { type: 'string', default: '5' },
    connections: { type: 'string', default: '50' },
    leads: { type: 'string', default: '100000' },
    messages: { type: 'string', default: '500000' },
    port: { type: 'string', default: process.env.BENCH_PORT ?? '3400' },
    build: { type: 'boolean', default: false },
    'db-prefix': { type: 'string', default: 'whatslab_bench' },
    only: { type: 'string', default: 'list,nested,mutation' },
    'database-url': { type: 'string', default: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' },
  },
});
const seconds = Number(values.seconds);
const connections = Number(values.connections);
const log = (line: string) => (values.json ? undefined : console.error(`[bench] ${line}`));

const QUERIES = {
  list: 'query List { leads(first: 50) { edges { node { id name phone email source createdAt } } } }',
  nested:
    'query Nested { leads(first: 20) { edges { node { id name tags lastMessage { status createdAt } messages(first: 5) { edges { node { id status createdAt } } } } } } }',
  mutation: 'mutation Upsert($input: UpsertLeadInput!) { upsertLead(input: $input) { created lead { id phone name source createdAt } } }',
};
type ScenarioName = keyof typeof QUERIES;
const TARGETS: Record<ScenarioName, number> = { list: 0.4, nested: 0.3, mutation: 0.5 };
const LABELS: Record<ScenarioName, string> = {
  list: 'list: leads(first: 50), 6 scalar fields',
  nested: 'nested: 20 leads, tags, last message, 5 messages each',
  mutation: 'mutation: upsertLead, a new phone each time',
};
let phoneSeq = 0; // every upsert, warm-ups included, gets a phone no lead has yet
const bodyOf = (name: ScenarioName) => (): string =>
  name === 'mutation'
    ? JSON.stringify({ operationName: 'Upsert', query: QUERIES.mutation, variables: { input: { phone: `+55319${String(++phoneSeq).padStart(8, '0')}`, name: 'Bench Lead' } } })
    : JSON.stringify({ operationName: name === 'list' ? 'List' : 'Nested', query: QUERIES[name] });

type Server = { url: string; stop: () => Promise<void> };

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || !child.pid) return Promise.resolve();
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  process.kill(-child.pid, 'SIGTERM'); // its own process group: next start and anything it forks
  const hard = setTimeout(() => child.pid && process.kill(-child.pid, 'SIGKILL'), 5000);
  return exited.finally(() => clearTimeout(hard));
}

async function startApp(databaseUrl: string, secrets: Record<string, string>, probe: (url: string) => Promise<boolean>): Promise<Server> {
  const port = values.port!;
  const nodeArgs = (process.env.BENCH_APP_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, path.join('node_modules', 'next', 'dist', 'bin', 'next'), 'start', '-p', port, '-H', '127.0.0.1'], {
    env: {
      ...process.env,
      ...secrets,
      NODE_ENV: 'production',
      NEXT_TELEMETRY_DISABLED: '1',
      DATABASE_URL: databaseUrl,
      DISPATCH_IN_PROCESS: 'false',
      LOG_LEVEL: 'warn',
      // The per-key limit (600/min) would turn the bench into a 429 count: raised for this server only.
      API_RATE_LIMIT_PER_MINUTE: '1000000000',
    },
    stdio: ['ignore', 'ignore', values.json ? 'ignore' : 'inherit'],
    detached: true,
  });
  const url = `http://127.0.0.1:${port}/api/graphql`;
  if (!(await waitUntil(() => probe(url), 90_000, 250))) throw new Error('next start did not answer within 90 s');
  return { url, stop: () => stopChild(child) };
}

async function startReference(databaseUrl: string): Promise<Server> {
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/graphql-reference.ts'], {
    env: { ...process.env, DATABASE_URL: databaseUrl, REFERENCE_PORT: String(port), DATABASE_POOL_MAX: '10' },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    detached: true,
  });
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('exit', (code) => reject(new Error(`reference exited with ${code}`)));
  });
  return { url: `http://127.0.0.1:${port}/api/graphql`, stop: () => stopChild(child) };
}

type Row = { scenario: ScenarioName; label: string; app: LoadResult & { statements: number }; reference: LoadResult & { statements: number }; ratio: number; target: number; met: boolean };

async function main() {
  const base = values['database-url']!;
  const db = await createBenchDatabase(base, values['db-prefix']);
  const secrets = { AUTH_SECRET: randomBytes(32).toString('hex'), ENCRYPTION_KEY: randomBytes(32).toString('hex'), CRON_SECRET: randomBytes(24).toString('hex') };
  Object.assign(process.env, { DATABASE_URL: db.url, LOG_LEVEL: 'error', ...secrets });
  const servers: Server[] = [];
  const sql = postgres(db.url, { max: 1, onnotice: () => undefined });
  try {
    // The scene with the app's own code (migrations, factories, createApiKey), then the bulk rows.
    const { getDb, peekDbHandle } = await import('@/db/client');
    const f = await import('@/db/factories');
    const { createApiKey } = await import('@/lib/api-keys/create-api-key');
    await getDb();
    const ws = await f.createWorkspace(undefined, { name: 'Bench', defaultCountry: 'BR' });
    const neighbour = await f.createWorkspace(undefined, { name: 'Neighbour' });
    const owner = await f.createUser(undefined, { workspaceId: ws.id, role: 'owner' });
    const sender = await f.createSenderPhone(ws.id);
    const neighbourSender = await f.createSenderPhone(neighbour.id);
    const { key } = await createApiKey(ws.id, owner.id, { name: 'bench', scopes: ['read', 'write'] });
    await (await peekDbHandle())?.close();
    const loaded = await seed(sql, { workspaceId: ws.id, senderPhoneId: sender.id, neighbourId: neighbour.id, neighbourSenderId: neighbourSender.id }, {
      leads: Number(values.leads),
      messages: Number(values.messages),
      say: log,
    });

    if (values.build || !existsSync('.next/BUILD_ID')) {
      log('next build (the production build next start serves)...');
      await new Promise<void>((resolve, reject) => {
        const b = spawn(process.execPath, [path.join('node_modules', 'next', 'dist', 'bin', 'next'), 'build'], { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } });
        b.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`next build exited with ${code}`))));
      });
    }
    const probeApp = async (url: string) => {
      const c = client(url, key, 1);
      try {
        return (await c.post(bodyOf('list')())).status === 200;
      } catch {
        return false;
      } finally {
        c.close();
      }
    };

    // Pass 1: statements per request, through the counting proxy (20 sequential calls each),
    // and the same JSON from both servers.
    const u = new URL(db.url);
    const proxy = await startCountingProxy({ host: u.hostname, port: Number(u.port || 5432) });
    const viaProxy = (() => {
      const p = new URL(db.url);
      p.port = String(proxy.port);
      return p.toString();
    })();
    const statements: Record<string, Record<ScenarioName, number>> = {};
    const answers: Record<string, Record<ScenarioName, string>> = {};
    const counted = { app: await startApp(viaProxy, secrets, probeApp), reference: await startReference(viaProxy) };
    servers.push(counted.app, counted.reference);
    for (const name of Object.keys(QUERIES) as ScenarioName[]) {
      // Both are up but only one is called at a time: the proxy's count is that server's.
      for (const who of ['app', 'reference'] as const) {
        log(`counting statements: ${name}, ${who}`);
        const c = client(counted[who].url, key, 1);
        for (let i = 0; i < 5; i++) await c.post(bodyOf(name)());
        const before = proxy.count();
        for (let i = 0; i < 20; i++) {
          const res = await c.post(bodyOf(name)());
          const problem = errorOf(res.status, res.text);
          if (problem) throw new Error(`${who} ${name}: ${problem}`);
          (answers[who] ??= { list: '', nested: '', mutation: '' })[name] = res.text;
        }
        (statements[who] ??= { list: 0, nested: 0, mutation: 0 })[name] = (proxy.count() - before) / 20;
        c.close();
      }
    }
    await counted.app.stop();
    await counted.reference.stop();
    await proxy.close();
    for (const name of ['list', 'nested'] as const) {
      const [a, r] = [answers.app[name], answers.reference[name]];
      let at = 0;
      while (at < a.length && a[at] === r[at]) at++;
      if (a !== r) throw new Error(`The reference's ${name} answer differs from /api/graphql's at ${at}:\n${a.slice(at - 200, at + 200)}\n${r.slice(at - 200, at + 200)}`);
    }
    const shape = (text: string) => JSON.stringify(JSON.parse(text), (k, v) => (['id', 'phone', 'createdAt'].includes(k) ? typeof v : v));
    if (shape(answers.app.mutation) !== shape(answers.reference.mutation)) throw new Error(`Mutation answers differ:\n${answers.app.mutation}\n${answers.reference.mutation}`);

    // Pass 2: the load, both servers up, each scenario warmed then measured app then reference.
    const app = await startApp(db.url, secrets, probeApp);
    servers.push(app);
    const ref = await startReference(db.url);
    servers.push(ref);
    const rows: Row[] = [];
    for (const name of (Object.keys(QUERIES) as ScenarioName[]).filter((n) => values.only!.split(',').includes(n))) {
      const measure = async (post: Post) => {
        await runLoad(post, bodyOf(name), { connections, seconds: Number(values.warmup) });
        return runLoad(post, bodyOf(name), { connections, seconds });
      };
      const a = client(app.url, key, connections);
      const r = client(ref.url, key, connections);
      log(`${name}: /api/graphql`);
      const appResult = await measure(a.post);
      log(`${name}: reference`);
      const refResult = await measure(r.post);
      a.close();
      r.close();
      const ratio = appResult.perSecond / refResult.perSecond;
      rows.push({
        scenario: name,
        label: LABELS[name],
        app: { ...appResult, statements: statements.app[name] },
        reference: { ...refResult, statements: statements.reference[name] },
        ratio,
        target: TARGETS[name],
        met: ratio >= TARGETS[name] && appResult.errors === 0 && refResult.errors === 0,
      });
    }

    const conditions = {
      date: new Date().toISOString(),
      node: process.version,
      cpus: os.cpus().length,
      loadAverage1m: Math.round(os.loadavg()[0] * 100) / 100,
      leads: Number(values.leads),
      messages: Number(values.messages),
      seconds,
      warmupSeconds: Number(values.warmup),
      connections,
      seedSeconds: Math.round(loaded.loadSeconds + loaded.indexSeconds),
    };
    const round = (x: LoadResult & { statements: number }) => ({ ...x, perSecond: Math.round(x.perSecond), p50Ms: +x.p50Ms.toFixed(1), p99Ms: +x.p99Ms.toFixed(1) });
    const allMet = rows.every((r) => r.met);
    if (values.json) {
      console.log(JSON.stringify({ conditions, results: rows.map((r) => ({ ...r, app: round(r.app), reference: round(r.reference), ratio: +r.ratio.toFixed(2) })), allMet }));
    } else {
      console.log(`\nGraphQL benchmark ${conditions.date}: ${conditions.leads.toLocaleString('en')} leads, ${conditions.messages.toLocaleString('en')} messages, ${connections} connections, ${seconds} s per scenario after ${conditions.warmupSeconds} s warm-up, ${conditions.cpus} CPUs (load ${conditions.loadAverage1m})\n`);
      console.log('| Scenario | Server | Requests/s | p50 ms | p99 ms | Errors | SQL statements / request | Ratio | Target |');
      console.log('|---|---|---:|---:|---:|---:|---:|---:|---|');
      for (const r of rows) {
        const line = (who: string, x: LoadResult & { statements: number }, tail: string) =>
          `| ${who === '/api/graphql' ? r.label : ''} | ${who} | ${Math.round(x.perSecond)} | ${x.p50Ms.toFixed(1)} | ${x.p99Ms.toFixed(1)} | ${x.errors} | ${x.statements} | ${tail}`;
        console.log(line('/api/graphql', r.app, `**${r.ratio.toFixed(2)}x** | >= ${r.target}x: ${r.met ? 'met' : 'NOT met'} |`));
        console.log(line('reference', r.reference, ' | |'));
      }
      for (const r of rows) if (r.app.firstError || r.reference.firstError) console.log(`\n${r.scenario} first error: ${r.app.firstError ?? r.reference.firstError}`);
      console.log(`\nTargets: ${allMet ? 'all met' : 'NOT all met'}`);
    }
    if (!allMet) process.exitCode = 1;
  } finally {
    for (const s of servers) await s.stop();
    await sql.end({ timeout: 5 });
    await db.drop();
  }
}

main().catch((err: unknown) => {
  console.error('bench failed:', err);
  process.exit(1);
});
