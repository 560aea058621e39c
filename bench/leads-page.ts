// npm run bench:leads -- [--rows 1000000] [--runs 15] [--json] [--keep-db]
// Seeds a fresh database on the PostgreSQL server with N leads (one INSERT ... SELECT from
// generate_series, indexes built after the load), then times the functions behind the leads
// page (lib/leads/list-leads.ts and friends) as the page calls them: median and p95 server
// time per scenario against the 300 ms target.
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import postgres from 'postgres';
import { migratePostgres } from '@/db/client';

const SERVER = process.env.BENCH_SERVER_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const TARGET_MS = 300;

type Scenario = { name: string; kind: 'page' | 'info'; run: () => Promise<unknown>; runs?: number };
type Result = { name: string; kind: 'page' | 'info'; runs: number; medianMs: number; p95Ms: number; rows: number | null; ok: boolean | null };

const FIRST = ['Ana', 'Bruno', 'Carla', 'Diego', 'Eduarda', 'Felipe', 'Gabriela', 'Henrique', 'Isabela', 'João', 'Karina', 'Lucas', 'Mariana', 'Nicolas', 'Olívia', 'Pedro', 'Quésia', 'Rafael', 'Sofia', 'Thiago', 'Úrsula', 'Vitor', 'Wesley', 'Ximena', 'Yasmin', 'Zeca', 'Alice', 'Bernardo', 'Cecília', 'Davi', 'Elisa', 'Fábio', 'Giovana', 'Heitor', 'Iara', 'Júlia', 'Leonardo', 'Manuela', 'Otávio', 'Paula'];
const LAST = ['Silva', 'Santos', 'Oliveira', 'Souza', 'Rodrigues', 'Ferreira', 'Alves', 'Pereira', 'Lima', 'Gomes', 'Costa', 'Ribeiro', 'Martins', 'Carvalho', 'Almeida', 'Lopes', 'Soares', 'Fernandes', 'Vieira', 'Barbosa', 'Rocha', 'Dias', 'Nascimento', 'Andrade', 'Moreira', 'Nunes', 'Marques', 'Machado', 'Mendes', 'Freitas', 'Cardoso', 'Ramos', 'Gonçalves', 'Santana', 'Teixeira', 'Araújo', 'Pinto', 'Castro', 'Correia', 'Moura'];
const CITIES = ['São Paulo', 'Rio de Janeiro', 'Recife', 'Salvador', 'Fortaleza', 'Curitiba', 'Belo Horizonte', 'Porto Alegre'];

const arr = (xs: string[]) => `array[${xs.map((x) => `'${x.replace(/'/g, "''")}'`).join(',')}]`;

/** N leads for one workspace, in one statement: realistic spreads of sources, tags, statuses. */
function seedSql(workspaceId: string, rows: number, phonePrefix: string): string {
  return `
    insert into leads (workspace_id, phone_e164, name, email, source, tags, attributes, lifecycle_status,
                       opted_out_at, last_inbound_at, consent_at, created_at, updated_at)
    select '${workspaceId}', '${phonePrefix}' || lpad(((i::bigint * 7919) % 100000000)::text, 8, '0'),
      case when i % 250000 = 7 then 'Zuleica Trindade' when h1 % 50 = 0 then null else fn || ' ' || ln end,
      case when h2 % 10 < 6 then lower(translate(fn || '.' || ln, 'áâãéêíóôõúçÁÉÍÓÚ', 'aaaeeiooouCAEIOU')) || i || '@' ||
        (array['gmail.com','hotmail.com','example.com.br','empresa.com'])[1 + h3 % 4] end,
      case when h1 % 100 < 40 then 'landing_page' when h1 % 100 < 75 then 'import' when h1 % 100 < 85 then 'api'
           when h1 % 100 < 95 then 'whatsapp' else 'manual' end,
      array_remove(array[
        case when h2 % 100 < 30 then 'newsletter' end,
        case when h3 % 100 >= 95 then 'vip' end,
        case when h4 % 10 = 0 then 'black-friday' end,
        case when i % 100000 = 3 then 'rare-tag' end]::text[], null),
      case when h4 % 100 < 30 then jsonb_build_object('city', (${arr(CITIES)})[1 + h1 % ${CITIES.length}]) else '{}'::jsonb end,
      case when h5 % 100 < 50 then 'new' when h5 % 100 < 70 then 'contacted' when h5 % 100 < 82 then 'engaged'
           when h5 % 100 < 90 then 'qualified' when h5 % 100 < 95 then 'customer' else 'lost' end,
      case when h6 % 100 < 3 then created + interval '1 day' end,
      case when h6 % 100 between 3 and 22 then created + (h2 % 5000) * interval '1 minute' end,
      case when h1 % 100 < 40 then created end,
      created, created
    from (
      select i, created,
        abs(hashint4(i)) as h1, abs(hashint4(i + 1000000007)) as h2, abs(hashint4(i * 3 + 11)) as h3,
        abs(hashint4(i * 5 + 17)) as h4, abs(hashint4(i * 7 + 23)) as h5, abs(hashint4(i * 11 + 29)) as h6,
        (${arr(FIRST)})[1 + abs(hashint4(i)) % ${FIRST.length}] as fn,
        (${arr(LAST)})[1 + abs(hashint4(i + 1000000007)) / 7 % ${LAST.length}] as ln
      from (select i, timestamptz '2026-11-01T00:00:00Z' - i * interval '63 seconds' - (i % 997) * interval '1 microsecond' as created
            from generate_series(1, ${rows}) as i) g
    ) s`;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function time(s: Scenario, runs: number): Promise<Result> {
  let rows: number | null = null;
  for (let i = 0; i < 2; i++) await s.run(); // warm the cache and the connection pool
  const samples: number[] = [];
  for (let i = 0; i < (s.runs ?? runs); i++) {
    const t = performance.now();
    const out = await s.run();
    samples.push(performance.now() - t);
    if (out && typeof out === 'object' && 'rows' in out) rows = (out as { rows: unknown[] }).rows.length;
  }
  samples.sort((a, b) => a - b);
  const medianMs = percentile(samples, 50);
  const p95Ms = percentile(samples, 95);
  return { name: s.name, kind: s.kind, runs: samples.length, medianMs, p95Ms, rows, ok: s.kind === 'page' ? p95Ms < TARGET_MS : null };
}

async function main() {
  const { values } = parseArgs({
    options: {
      rows: { type: 'string', default: '1000000' },
      runs: { type: 'string', default: '15' },
      json: { type: 'boolean', default: false },
      'keep-db': { type: 'boolean', default: false },
    },
  });
  const rows = Number(values.rows);
  const runs = Number(values.runs);
  const say = (msg: string) => (values.json ? undefined : console.error(msg));

  const dbName = `whatslab_bench_leads_${randomBytes(4).toString('hex')}`;
  const admin = postgres(SERVER, { max: 1, onnotice: () => undefined });
  await admin.unsafe(`create database ${dbName}`);
  await admin.end();
  const url = SERVER.replace(/\/[^/]*$/, `/${dbName}`);
  const sql = postgres(url, { max: 1, onnotice: () => undefined });
  let exitCode = 0;
  try {
    await migratePostgres(url);
    const [ws] = await sql<{ id: string }[]>`insert into workspaces (name, slug, timezone) values ('Bench', ${`bench-${randomBytes(4).toString('hex')}`}, 'America/Sao_Paulo') returning id`;
    const [other] = await sql<{ id: string }[]>`insert into workspaces (name, slug) values ('Neighbour', ${`bench-${randomBytes(4).toString('hex')}`}) returning id`;

    // Secondary indexes are built after the load (as a restore would): much faster than
    // maintaining a dozen indexes, trigram GIN included, row by row.
    const indexes = await sql<{ indexname: string; indexdef: string }[]>`
      select indexname, indexdef from pg_indexes
      where tablename = 'leads' and indexname not in ('leads_pkey', 'leads_workspace_phone_uq')`;
    for (const ix of indexes) await sql.unsafe(`drop index ${ix.indexname}`);
    say(`Seeding ${rows.toLocaleString('en')} leads...`);
    let t = performance.now();
    await sql.unsafe(seedSql(ws.id, rows, '+55119'));
    await sql.unsafe(seedSql(other.id, Math.min(rows, 10_000), '+55219'));
    const loadSeconds = (performance.now() - t) / 1000;
    say(`  loaded in ${loadSeconds.toFixed(1)} s; building ${indexes.length} indexes...`);
    t = performance.now();
    await sql.unsafe(`set maintenance_work_mem = '512MB'`);
    for (const ix of indexes) await sql.unsafe(ix.indexdef);
    await sql.unsafe('vacuum analyze leads');
    const indexSeconds = (performance.now() - t) / 1000;
    say(`  indexes and vacuum in ${indexSeconds.toFixed(1)} s`);

    // The app's own code from here on, against this database.
    process.env.DATABASE_URL = url;
    process.env.LOG_LEVEL = 'warn';
    const { getDb, getDbHandle } = await import('@/db/client');
    const { leads } = await import('@/db/schema');
    const { eq } = await import('drizzle-orm');
    const { listLeads } = await import('@/lib/leads/list-leads');
    const { countLeads } = await import('@/lib/leads/count-leads');
    const { cursorColumns, encodeCursor, parseCursorValues, sortOrder } = await import('@/lib/leads/lead-sorts');
    const { exportLeadsCsv } = await import('@/lib/leads/export-leads');
    const { tagLeads } = await import('@/lib/leads/tag-leads');
    const db = await getDb();

    // Cursors 90% of the way down, as someone paging deep (or a stale link) would hold.
    const deep = async (sort: 'newest' | 'name') => {
      const [row] = await db
        .select({ v: cursorColumns(sort) })
        .from(leads)
        .where(eq(leads.workspaceId, ws.id))
        .orderBy(sortOrder(sort, false))
        .offset(Math.floor(rows * 0.9))
        .limit(1);
      return encodeCursor({ sort, values: parseCursorValues(row.v) });
    };
    const deepNewest = await deep('newest');
    const deepName = await deep('name');
    const [{ phone }] = await sql<{ phone: string }[]>`select phone_e164 as phone from leads where workspace_id = ${ws.id} offset ${Math.floor(rows / 2)} limit 1`;
    const local = `(${phone.slice(3, 5)}) ${phone.slice(5, 10)}-${phone.slice(10)}`;

    const { countMatchingLeads } = await import('@/lib/leads/count-matching-leads');
    const { isFiltered } = await import('@/lib/leads/lead-filters');
    // As app/(admin)/leads/page.tsx does: the page and, on a filtered list, its match count at once.
    const page = (q: Record<string, string>) => async () => {
      const [list] = await Promise.all([listLeads(ws.id, q as never), isFiltered(q as never) ? countMatchingLeads(ws.id, q as never) : null]);
      return list;
    };
    const scenarios: Scenario[] = [
      { name: 'first page (newest)', kind: 'page', run: page({}) },
      { name: 'first page, sort oldest', kind: 'page', run: page({ sort: 'oldest' }) },
      { name: 'first page, sort name', kind: 'page', run: page({ sort: 'name' }) },
      { name: 'first page, sort last activity', kind: 'page', run: page({ sort: 'activity' }) },
      { name: 'deep page via cursor (90%, newest)', kind: 'page', run: page({ cursor: deepNewest, dir: 'next' }) },
      { name: 'deep page via cursor (90%, name)', kind: 'page', run: page({ sort: 'name', cursor: deepName, dir: 'next' }) },
      { name: 'previous page from deep cursor', kind: 'page', run: page({ cursor: deepNewest, dir: 'prev' }) },
      { name: 'filter source = api', kind: 'page', run: page({ source: 'api' }) },
      { name: 'filter tag = vip (5%)', kind: 'page', run: page({ tag: 'vip' }) },
      { name: 'filter tag = rare-tag (10 leads)', kind: 'page', run: page({ tag: 'rare-tag' }) },
      { name: 'filter status = qualified', kind: 'page', run: page({ status: 'qualified' }) },
      { name: 'filter opted out', kind: 'page', run: page({ optedOut: 'yes' }) },
      { name: 'filter has replied', kind: 'page', run: page({ replied: 'yes' }) },
      { name: 'filter created in one month', kind: 'page', run: page({ createdFrom: '2025-06-01', createdTo: '2025-06-30' }) },
      { name: 'filters combined (tag+status+replied)', kind: 'page', run: page({ tag: 'newsletter', status: 'new', replied: 'yes' }) },
      { name: 'filter + sort name', kind: 'page', run: page({ source: 'import', sort: 'name' }) },
      { name: `search phone, local format "${local}"`, kind: 'page', run: page({ q: local }) },
      { name: 'search phone, last 8 digits', kind: 'page', run: page({ q: phone.slice(-8) }) },
      { name: 'search name, common ("Souza")', kind: 'page', run: page({ q: 'Souza' }) },
      { name: 'search name, rare ("Zuleica Trindade")', kind: 'page', run: page({ q: 'Zuleica Trindade' }) },
      { name: 'search e-mail ("ana.silva1")', kind: 'page', run: page({ q: 'ana.silva1' }) },
      { name: 'search, no match', kind: 'page', run: page({ q: 'qqxxzz' }) },
      { name: 'search without accents ("araujo", ~25,000)', kind: 'page', run: page({ q: 'araujo' }) },
      { name: 'search exact name first ("Julia Araujo")', kind: 'page', run: page({ q: 'Julia Araujo' }) },
      { name: 'search, one letter ("z")', kind: 'page', run: page({ q: 'z' }) },
      { name: 'count all matching (select all), no filter', kind: 'info', run: () => countLeads(ws.id, { kind: 'filter', filter: {} }) },
      { name: 'count all matching, tag = vip', kind: 'info', run: () => countLeads(ws.id, { kind: 'filter', filter: { tag: 'vip' } }) },
      {
        name: 'export CSV, tag = vip (~5% of leads), streamed',
        kind: 'info',
        runs: 1,
        run: async () => {
          let bytes = 0;
          for await (const chunk of exportLeadsCsv(ws.id, { kind: 'filter', filter: { tag: 'vip' } })) bytes += chunk.length;
          return bytes;
        },
      },
      {
        name: 'bulk add tag, status = lost (~5% of leads)',
        kind: 'info',
        runs: 1,
        run: async () => {
          const tag = `bench-${randomBytes(3).toString('hex')}`;
          return tagLeads(ws.id, { selection: { kind: 'filter', filter: { status: 'lost' } }, op: 'add', tag });
        },
      },
    ];

    const results: Result[] = [];
    for (const s of scenarios) {
      const r = await time(s, runs);
      results.push(r);
      say(`  ${r.name}: median ${r.medianMs.toFixed(1)} ms, p95 ${r.p95Ms.toFixed(1)} ms`);
    }
    await (await getDbHandle()).close();

    const pages = results.filter((r) => r.kind === 'page');
    const summary = {
      leads: rows,
      database: 'PostgreSQL server (127.0.0.1), fresh database',
      targetMs: TARGET_MS,
      loadSeconds: Number(loadSeconds.toFixed(1)),
      indexSeconds: Number(indexSeconds.toFixed(1)),
      allPagesUnderTarget: pages.every((r) => r.ok),
      results: results.map((r) => ({ ...r, medianMs: Number(r.medianMs.toFixed(1)), p95Ms: Number(r.p95Ms.toFixed(1)) })),
    };
    if (values.json) {
      console.log(JSON.stringify(summary));
    } else {
      const w = Math.max(...results.map((r) => r.name.length));
      console.log(`\nLeads page with ${rows.toLocaleString('en')} leads, server time per call (${runs} runs after 2 warm-ups):\n`);
      console.log(`${'scenario'.padEnd(w)} | median ms |   p95 ms | rows | < ${TARGET_MS} ms`);
      console.log(`${'-'.repeat(w)}-|-----------|----------|------|---------`);
      for (const r of results) {
        const verdict = r.ok === null ? 'info' : r.ok ? 'yes' : 'NO';
        console.log(`${r.name.padEnd(w)} | ${r.medianMs.toFixed(1).padStart(9)} | ${r.p95Ms.toFixed(1).padStart(8)} | ${String(r.rows ?? '').padStart(4)} | ${verdict}`);
      }
      console.log(`\nEvery page under ${TARGET_MS} ms (p95): ${summary.allPagesUnderTarget ? 'yes' : 'NO'}`);
    }
    if (!summary.allPagesUnderTarget) exitCode = 1;
  } finally {
    await sql.end({ timeout: 5 });
    if (!values['keep-db']) {
      const dropper = postgres(SERVER, { max: 1, onnotice: () => undefined });
      await dropper.unsafe(`drop database if exists ${dbName} with (force)`);
      await dropper.end();
    } else {
      say(`Kept database ${dbName}`);
    }
  }
  process.exitCode = exitCode;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
