// npm run bench:duplicates -- [--rows 1000000] [--json] [--keep-db] [--db-prefix whatslab_bench_dup]
// Seeds a fresh database on the PostgreSQL server with N leads of which 1 % are planted
// duplicates (same e-mail, same wa_id, missing 9th digit, trunk 0), then times the Duplicates
// screen's scan (lib/duplicates/scan-duplicates.ts) against the 60 s target, next to a
// reference measured in the same run: one hash GROUP BY over the same leads' phones.
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import postgres from 'postgres';
import { migratePostgres } from '@/db/client';

const SERVER = process.env.BENCH_SERVER_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const TARGET_SECONDS = 60;

/**
 * Base leads: unique numbers +55 DD 9 XXXXXXXX (the first local digit 6-9, as Brazilian mobiles),
 * 60 % with an e-mail, half with a wa_id. Every 99th lead gets a planted twin (1 % of all rows).
 */
function seedSql(ws: string, rows: number): string {
  const planted = Math.floor(rows / 100);
  const base = rows - planted;
  const phone = (i: string) => `'+55' || (11 + (${i}) % 89)::text || '9' || (6 + (${i}) % 4)::text || lpad((((${i})::bigint * 7919) % 10000000)::text, 7, '0')`;
  return `
    insert into leads (workspace_id, phone_e164, wa_id, name, email, source, created_at, updated_at)
    select '${ws}', ${phone('i')},
      case when i % 2 = 0 or i % 99 = 0 then substr(${phone('i')}, 2) end,
      'Lead ' || (abs(hashint4(i)) % 5000)::text,
      case when i % 10 < 6 or i % 99 = 0 then 'lead' || i || '@' || (array['gmail.com','hotmail.com','empresa.com.br'])[1 + i % 3] end,
      'import', now() - i * interval '1 minute', now() - i * interval '1 minute'
    from generate_series(1, ${base}) i;
    -- The twins: j-th twin of base lead i = 99 * j, kind by j % 4.
    create table bench_planted as
    select j, 99 * j as i, j % 4 as kind from generate_series(1, ${planted}) j;
    alter table bench_planted add column base_phone text, add column twin_phone text;
    update bench_planted set base_phone = ${phone('i')}, twin_phone = case kind
        when 0 then ${phone(`${base} + j`)}                                  -- same e-mail, another phone
        when 1 then '+55' || (11 + i % 89)::text || (6 + i % 4)::text || lpad(((i::bigint * 7919) % 10000000)::text, 7, '0') -- no 9th digit
        when 2 then '+550' || (11 + i % 89)::text || '9' || (6 + i % 4)::text || lpad(((i::bigint * 7919) % 10000000)::text, 7, '0') -- trunk 0
        else ${phone(`${base} + j`)}                                          -- same wa_id, another phone
      end;
    insert into leads (workspace_id, phone_e164, wa_id, name, email, source, created_at, updated_at)
    select '${ws}', twin_phone,
      case when kind = 3 then substr(base_phone, 2) end,
      'Twin ' || j, case when kind = 0 then 'LEAD' || i || '@' || (array['gmail.com','hotmail.com','empresa.com.br'])[1 + i % 3] end,
      'api', now(), now()
    from bench_planted`;
}

async function main() {
  const { values } = parseArgs({
    options: {
      rows: { type: 'string', default: '1000000' },
      json: { type: 'boolean', default: false },
      'keep-db': { type: 'boolean', default: false },
      'db-prefix': { type: 'string', default: 'whatslab_bench_dup' },
    },
  });
  const rows = Number(values.rows);
  const say = (msg: string) => (values.json ? undefined : console.error(msg));
  const dbName = `${values['db-prefix']}_${randomBytes(4).toString('hex')}`;
  const admin = postgres(SERVER, { max: 1, onnotice: () => undefined });
  await admin.unsafe(`create database ${dbName}`);
  await admin.end();
  const url = SERVER.replace(/\/[^/]*$/, `/${dbName}`);
  const sql = postgres(url, { max: 1, onnotice: () => undefined });
  let exitCode = 0;
  try {
    await migratePostgres(url);
    const [ws] = await sql<{ id: string }[]>`insert into workspaces (name, slug, default_country) values ('Bench', ${`bench-${randomBytes(4).toString('hex')}`}, 'BR') returning id`;
    // Secondary indexes after the load, as a restore would build them.
    const indexes = await sql<{ indexname: string; indexdef: string }[]>`
      select indexname, indexdef from pg_indexes where tablename = 'leads' and indexname not in ('leads_pkey', 'leads_workspace_phone_uq')`;
    for (const ix of indexes) await sql.unsafe(`drop index ${ix.indexname}`);
    say(`Seeding ${rows.toLocaleString('en')} leads (1 % planted duplicates)...`);
    let t = performance.now();
    await sql.unsafe(seedSql(ws.id, rows));
    await sql.unsafe(`set maintenance_work_mem = '512MB'`);
    for (const ix of indexes) await sql.unsafe(ix.indexdef);
    await sql.unsafe('vacuum analyze leads');
    say(`  seeded and indexed in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    const [{ n: leadCount }] = await sql<{ n: number }[]>`select count(*)::int as n from leads where workspace_id = ${ws.id}`;

    process.env.DATABASE_URL = url;
    process.env.LOG_LEVEL = 'warn';
    const { getDb, getDbHandle } = await import('@/db/client');
    const { scanDuplicates } = await import('@/lib/duplicates/scan-duplicates');
    const db = await getDb();

    // The reference: one hash aggregate over the same leads (what any linear pass costs here).
    t = performance.now();
    await sql`select count(*) from (select right(phone_e164, 8), count(*) from leads where workspace_id = ${ws.id} group by 1) g`;
    const referenceSeconds = (performance.now() - t) / 1000;
    say('Scanning...');
    t = performance.now();
    const scan = await scanDuplicates(db, ws.id);
    const scanSeconds = (performance.now() - t) / 1000;

    // Every planted twin must be paired with its base lead, by the right rule.
    const [check] = await sql<{ planted: number; found: number }[]>`
      select count(*)::int as planted,
             count(c.lead_a_id)::int as found
        from bench_planted p
        join leads b on b.workspace_id = ${ws.id} and b.phone_e164 = p.base_phone
        join leads t on t.workspace_id = ${ws.id} and t.phone_e164 = p.twin_phone
        left join duplicate_candidates c on c.workspace_id = ${ws.id} and c.confidence = 'high'
             and c.lead_a_id = least(b.id, t.id) and c.lead_b_id = greatest(b.id, t.id)`;
    const result = {
      rows: leadCount,
      planted: check.planted,
      plantedFound: check.found,
      pairsHigh: scan.high,
      pairsLow: scan.low,
      scanSeconds: Number(scanSeconds.toFixed(2)),
      referenceSeconds: Number(referenceSeconds.toFixed(2)),
      ratioToReference: Number((scanSeconds / referenceSeconds).toFixed(1)),
      targetSeconds: TARGET_SECONDS,
      ok: scanSeconds < TARGET_SECONDS && check.found === check.planted,
    };
    if (values.json) console.log(JSON.stringify(result));
    else {
      console.log(`| leads | planted | planted found | high pairs | low pairs | scan s | reference s | ratio | target |`);
      console.log(`|------:|--------:|--------------:|-----------:|----------:|-------:|------------:|------:|-------:|`);
      console.log(`| ${result.rows.toLocaleString('en')} | ${result.planted} | ${result.plantedFound} | ${result.pairsHigh} | ${result.pairsLow} | ${result.scanSeconds} | ${result.referenceSeconds} | ${result.ratioToReference} | < ${TARGET_SECONDS} s ${result.ok ? 'ok' : 'MISSED'} |`);
    }
    if (!result.ok) exitCode = 1;
    await (await getDbHandle()).close();
  } finally {
    await sql.end();
    if (!values['keep-db']) {
      const dropper = postgres(SERVER, { max: 1, onnotice: () => undefined });
      await dropper.unsafe(`drop database if exists ${dbName} with (force)`);
      await dropper.end();
    }
  }
  process.exit(exitCode);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
