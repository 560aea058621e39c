// npm run bench:import -- [--rows 1000000] [--json] [--keep-db] [--batch-rows 5000]
// Our CSV ingest end to end (parse, normalise, dedupe, upsert with touchpoints and undo log)
// against `psql \copy` of the same leads already normalised into an identical table.
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import postgres from 'postgres';
import { migratePostgres } from '@/db/client';
import { generateImportFile } from './import-data';

const OUT_DIR = path.join(process.cwd(), 'bench', 'out');
const SERVER = 'postgres://postgres@127.0.0.1:5432/postgres';
const IMPORT_NODE_OPTIONS = '--max-old-space-size=192';

type RunResult = { seconds: number; counts: Record<string, number>; peakRssMb: number; cpuSeconds: number };

function runIngest(file: string, workspaceId: string, url: string, batchRows?: string): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('npx', ['tsx', '--conditions=react-server', 'bench/import-run.ts', file, workspaceId, batchRows ?? ''], {
      // The same heap cap as `npm run leads:import`: the importer's working set is one or two batches.
      env: { ...process.env, DATABASE_URL: url, LOG_LEVEL: 'warn', DATABASE_POOL_MAX: '4', NODE_OPTIONS: IMPORT_NODE_OPTIONS },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`ingest exited with ${code}`));
      resolve(JSON.parse(out.trim().split('\n').pop()!) as RunResult);
    });
  });
}

async function main() {
  const { values } = parseArgs({
    options: {
      rows: { type: 'string', default: '1000000' },
      json: { type: 'boolean', default: false },
      'keep-db': { type: 'boolean', default: false },
      'batch-rows': { type: 'string' },
    },
  });
  const rows = Number(values.rows);
  const say = (msg: string) => (values.json ? undefined : console.error(msg));
  mkdirSync(OUT_DIR, { recursive: true });

  // A fresh database unless DATABASE_URL names one: the bench writes a million leads.
  let url = process.env.DATABASE_URL;
  let dropDb: string | null = null;
  if (!url) {
    dropDb = `whatslab_bench_${randomBytes(4).toString('hex')}`;
    const admin = postgres(SERVER, { max: 1, onnotice: () => undefined });
    await admin.unsafe(`create database ${dropDb}`);
    await admin.end();
    url = SERVER.replace(/\/postgres$/, `/${dropDb}`);
  }
  await migratePostgres(url);
  const sql = postgres(url, { max: 1, onnotice: () => undefined });
  try {
    const [ws] = await sql<{ id: string }[]>`
      insert into workspaces (name, slug) values ('Bench', ${`bench-${randomBytes(4).toString('hex')}`}) returning id`;
    const csvPath = path.join(OUT_DIR, `import-${rows}.csv`);
    const refPath = path.join(OUT_DIR, `import-${rows}-normalised.csv`);
    say(`Generating ${rows.toLocaleString('en')} rows...`);
    const gen = await generateImportFile({ rows, csvPath, refPath, workspaceId: ws.id });
    const mb = statSync(csvPath).size / 1e6;

    say('psql \\copy of the normalised leads into an identical table...');
    await sql.unsafe('create table bench_copy_leads (like leads including all)');
    const copyStart = performance.now();
    execFileSync('psql', [url, '-v', 'ON_ERROR_STOP=1', '-qc',
      `\\copy bench_copy_leads (workspace_id, phone_e164, name, email, source, tags, attributes) from '${refPath}' with (format csv)`]);
    const copySeconds = (performance.now() - copyStart) / 1000;

    say('Our ingest, end to end...');
    const ours = await runIngest(csvPath, ws.id, url, values['batch-rows']);
    const [{ n }] = await sql<{ n: number }[]>`select count(*)::int as n from leads where workspace_id = ${ws.id}`;

    const result = {
      rows,
      fileMb: Number(mb.toFixed(1)),
      validDistinct: gen.validDistinct,
      leadsInDb: n,
      counts: ours.counts,
      ingest: {
        seconds: round(ours.seconds),
        rowsPerSecond: Math.round(rows / ours.seconds),
        peakRssMb: Math.round(ours.peakRssMb),
        // CPU time of our process (parse, normalise, prepare); the rest of the wall time is the database.
        nodeCpuSeconds: round(ours.cpuSeconds),
      },
      copy: { rows: gen.validDistinct, seconds: round(copySeconds), rowsPerSecond: Math.round(gen.validDistinct / copySeconds) },
      ratioToCopy: round(rows / ours.seconds / (gen.validDistinct / copySeconds)),
      cpus: (await import('node:os')).cpus().length,
    };
    if (values.json) {
      console.log(JSON.stringify(result));
    } else {
      const table = [
        ['', 'rows', 'seconds', 'rows/s', 'ratio', 'peak RSS'],
        ['our ingest (CSV file -> leads)', rows, result.ingest.seconds, result.ingest.rowsPerSecond, result.ratioToCopy, `${result.ingest.peakRssMb} MB`],
        ['psql \\copy (normalised leads)', gen.validDistinct, result.copy.seconds, result.copy.rowsPerSecond, 1, ''],
      ];
      const widths = table[0].map((_, i) => Math.max(...table.map((r) => String(r[i]).length)));
      for (const r of table) console.log(r.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  '));
      const c = ours.counts;
      console.log(`\nour process used ${result.ingest.nodeCpuSeconds} s of CPU (parse, normalise, prepare); the rest was the database`);
      console.log(`${mb.toFixed(0)} MB file; created ${c.created}, updated ${c.updated}, unchanged ${c.unchanged}, invalid ${c.invalid}, duplicates ${c.duplicate}; leads in db ${n} (expected ${gen.validDistinct}); ${result.cpus} CPUs`);
    }
    if (n !== gen.validDistinct) throw new Error(`expected ${gen.validDistinct} leads, found ${n}`);
  } finally {
    await sql.end();
    if (dropDb && !values['keep-db']) {
      const admin = postgres(SERVER, { max: 1, onnotice: () => undefined });
      await admin.unsafe(`drop database if exists ${dropDb} with (force)`);
      await admin.end();
    }
  }
}

const round = (x: number) => Math.round(x * 100) / 100;

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
