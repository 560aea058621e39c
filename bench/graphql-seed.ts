// The data of `npm run bench:graphql`: N leads and 5 messages per lead in one workspace (plus a
// small neighbour, so every query has to filter by workspace), one INSERT ... SELECT from
// generate_series each, secondary indexes rebuilt after the load as a restore would.
import type postgres from 'postgres';

type Sql = ReturnType<typeof postgres>;

const TABLES = ['leads', 'messages'];

export type Scene = { workspaceId: string; senderPhoneId: string; neighbourId: string; neighbourSenderId: string };

function leadsSql(workspaceId: string, rows: number, phonePrefix: string): string {
  return `
    insert into leads (workspace_id, phone_e164, name, email, source, tags, lifecycle_status, created_at, updated_at)
    select '${workspaceId}', '${phonePrefix}' || lpad(i::text, 8, '0'),
      case when i % 50 = 0 then null else (array['Ana','Bruno','Carla','Diego','Eduarda','Felipe','Gabriela','Henrique'])[1 + i % 8]
        || ' ' || (array['Silva','Santos','Oliveira','Souza','Lima','Costa','Ribeiro'])[1 + (i / 8) % 7] end,
      case when i % 10 < 6 then 'lead' || i || '@example.com' end,
      (array['landing_page','import','api','whatsapp','manual'])[1 + abs(hashint4(i)) % 5],
      array_remove(array[case when i % 3 = 0 then 'newsletter' end, case when i % 20 = 0 then 'vip' end]::text[], null),
      'new', created, created
    from (select i, timestamptz '2026-11-01T00:00:00Z' - i * interval '61 seconds' as created from generate_series(1, ${rows}) i) g`;
}

/** `perLead` messages for every lead of the workspace, minutes apart, mixed statuses. */
function messagesSql(workspaceId: string, senderPhoneId: string, perLead: number): string {
  return `
    insert into messages (workspace_id, lead_id, sender_phone_id, to_phone, rendered_body, status, idempotency_key,
                          queued_at, created_at, updated_at)
    select l.workspace_id, l.id, '${senderPhoneId}', l.phone_e164, 'Hi, thanks for your interest!',
      (array['sent','delivered','read','failed','delivered'])[1 + (abs(hashint4(j)) + l.seq) % 5],
      'bench:' || l.id || ':' || j, at, at, at
    from (select id, workspace_id, phone_e164, created_at, row_number() over () as seq from leads where workspace_id = '${workspaceId}') l
    cross join generate_series(1, ${perLead}) j
    cross join lateral (select l.created_at + j * interval '7 minutes' as at) t`;
}

/** Loads the rows; the workspaces and senders are made by the app's own factories first. */
export async function seed(sql: Sql, scene: Scene, p: { leads: number; messages: number; say: (m: string) => void }) {
  const indexes = await sql<{ indexname: string; indexdef: string }[]>`
    select i.indexname, i.indexdef from pg_indexes i
     where i.tablename in ${sql(TABLES)} and i.schemaname = 'public'
       and not exists (select 1 from pg_constraint c where c.conname = i.indexname)`;
  for (const ix of indexes) await sql.unsafe(`drop index ${ix.indexname}`);
  const perLead = Math.max(1, Math.round(p.messages / p.leads));
  p.say(`Seeding ${p.leads.toLocaleString('en')} leads and ${(perLead * p.leads).toLocaleString('en')} messages...`);
  let t = performance.now();
  await sql.unsafe(leadsSql(scene.workspaceId, p.leads, '+55119'));
  await sql.unsafe(leadsSql(scene.neighbourId, Math.min(p.leads, 1_000), '+55219'));
  await sql.unsafe(messagesSql(scene.workspaceId, scene.senderPhoneId, perLead));
  await sql.unsafe(messagesSql(scene.neighbourId, scene.neighbourSenderId, perLead));
  const loadSeconds = (performance.now() - t) / 1000;
  t = performance.now();
  await sql.unsafe(`set maintenance_work_mem = '256MB'`);
  for (const ix of indexes) await sql.unsafe(ix.indexdef);
  for (const table of TABLES) await sql.unsafe(`vacuum analyze ${table}`);
  const indexSeconds = (performance.now() - t) / 1000;
  p.say(`  loaded in ${loadSeconds.toFixed(1)} s, ${indexes.length} indexes and vacuum in ${indexSeconds.toFixed(1)} s`);
  return { loadSeconds, indexSeconds };
}
