// Seeding for bench/analytics.ts: one workspace with N leads and their touchpoints, 3 messages
// per lead with their status events, inbound replies and appointments, each table in one
// INSERT ... SELECT from generate_series (secondary indexes and foreign-key triggers off during
// the load, indexes rebuilt after it, as a restore would).
import type postgres from 'postgres';

export const SEED_END = '2026-11-01T00:00:00Z';
const TABLES = ['leads', 'lead_touchpoints', 'messages', 'message_events', 'inbound_messages', 'appointments'];

export type SeedIds = { workspaceId: string; campaigns: string[]; templates: string[]; phones: string[]; pages: string[] };

const uuids = (xs: string[]) => `array[${xs.map((x) => `'${x}'::uuid`).join(',')}]`;

export async function seedAnalytics(sql: postgres.Sql, ids: SeedIds, leads: number, say: (m: string) => void) {
  const ws = ids.workspaceId;
  const timings: Record<string, number> = {};
  const step = async (name: string, statement: string) => {
    const t = performance.now();
    await sql.unsafe(statement);
    timings[name] = Number(((performance.now() - t) / 1000).toFixed(1));
    say(`  ${name}: ${timings[name]} s`);
  };
  const indexes = await sql<{ indexname: string; indexdef: string }[]>`
    select indexname, indexdef from pg_indexes i
    where tablename in ${sql(TABLES)} and not exists (
      select 1 from pg_constraint c where c.conname = i.indexname)`;
  for (const ix of indexes) await sql.unsafe(`drop index ${ix.indexname}`);
  await sql.unsafe(`set session_replication_role = replica`);

  // Leads over the 365 days before SEED_END; 3 % opt out a day after their first message.
  await step('leads', `
    insert into leads (workspace_id, phone_e164, name, source, attributes, lifecycle_status, opted_out_at, consent_at, created_at, updated_at)
    select '${ws}', '+5511' || lpad(i::text, 9, '0'), 'Lead ' || i,
      (array['landing_page','landing_page','landing_page','landing_page','import','import','import','api','whatsapp','manual'])[1 + h % 10],
      case when h % 3 = 0 then jsonb_build_object('city', 'Recife') else '{}'::jsonb end,
      'new', case when h % 100 < 3 then c + interval '2 days' end, c, c, c
    from (select i, abs(hashint4(i)) as h, timestamptz '${SEED_END}' - (i::float8 / ${leads} * 365) * interval '1 day' as c
          from generate_series(1, ${leads}) i) s`);
  await step('lead_touchpoints', `
    insert into lead_touchpoints (workspace_id, lead_id, source, landing_page_id, utm_source, utm_campaign, created_at)
    select l.workspace_id, l.id, l.source,
      case when l.source = 'landing_page' then (${uuids(ids.pages)})[1 + abs(hashtext(l.phone_e164 || 'p')) % ${ids.pages.length}] end,
      (array['instagram','facebook','google','tiktok','newsletter',null])[1 + abs(hashtext(l.phone_e164)) % 6],
      (array['black-friday','summer','launch','retarget',null])[1 + abs(hashtext(l.phone_e164 || 'c')) % 5],
      l.created_at
    from leads l where l.workspace_id = '${ws}'`);
  // Three messages per lead, a day apart: 95 % accepted, 85 % delivered, 55 % read, 5 % failed.
  await step('messages', `
    insert into messages (workspace_id, lead_id, campaign_id, template_id, sender_phone_id, kind, to_phone, status,
      error_code, error_title, idempotency_key, queued_at, sent_at, delivered_at, read_at, failed_at, created_at, updated_at)
    select l.workspace_id, l.id, (${uuids(ids.campaigns)})[1 + h % ${ids.campaigns.length}],
      (${uuids(ids.templates)})[1 + h % ${ids.templates.length}], (${uuids(ids.phones)})[1 + h % ${ids.phones.length}],
      'template', l.phone_e164,
      case when h % 100 < 5 then 'failed' when h % 100 < 45 then (case when h % 100 < 15 then 'sent' else 'delivered' end) else 'read' end,
      case when h % 100 < 5 then (array[131026, 131049, 131047])[1 + h % 3] end,
      case when h % 100 < 5 then (array['Message undeliverable','Healthy ecosystem engagement','Re-engagement message'])[1 + h % 3] end,
      'bench:' || l.id || ':' || k, t, t + interval '2 seconds',
      case when h % 100 >= 15 then t + interval '5 seconds' end,
      case when h % 100 >= 45 then t + interval '60 seconds' end,
      case when h % 100 < 5 then t + interval '8 seconds' end, t, t + interval '60 seconds'
    from leads l, generate_series(0, 2) k,
      lateral (select abs(hashtext(l.id::text || k)) as h, l.created_at + k * interval '1 day' + interval '1 minute' as t) x
    where l.workspace_id = '${ws}'`);
  await step('message_events', `
    insert into message_events (workspace_id, message_id, status, source, error_code, created_at)
    select m.workspace_id, m.id, e.status, 'webhook', case when e.status = 'failed' then m.error_code end, e.at
    from messages m cross join lateral (values ('sent', m.sent_at), ('delivered', m.delivered_at), ('read', m.read_at), ('failed', m.failed_at)) e(status, at)
    where m.workspace_id = '${ws}' and e.at is not null`);
  // 30 % of leads reply once, minutes to days after the first message.
  await step('inbound_messages', `
    insert into inbound_messages (workspace_id, lead_id, provider_message_id, type, text, payload, received_at, created_at)
    select l.workspace_id, l.id, 'wamid.BENCH' || l.id, 'text', 'Oi', '{}'::jsonb, r, r
    from leads l, lateral (select l.created_at + interval '1 minute' + (abs(hashtext(l.id::text)) % 4000) * interval '1 minute' as r) x
    where l.workspace_id = '${ws}' and abs(hashtext(l.id::text || 'r')) % 10 < 3`);
  // Every tenth lead books: 60 % attended, 15 % no-show, 10 % cancelled, 15 % still scheduled.
  await step('appointments', `
    insert into appointments (workspace_id, lead_id, title, starts_at, status, created_at, updated_at)
    select l.workspace_id, l.id, 'Visit', l.created_at + interval '4 days',
      case when h % 100 < 60 then 'completed' when h % 100 < 75 then 'no_show' when h % 100 < 85 then 'cancelled' else 'scheduled' end,
      l.created_at + interval '2 days', l.created_at + interval '2 days'
    from leads l, lateral (select abs(hashtext(l.id::text || 'a')) as h) x
    where l.workspace_id = '${ws}' and abs(hashtext(l.id::text || 'b')) % 10 = 0`);
  await sql.unsafe(`set session_replication_role = origin`);
  const t = performance.now();
  await sql.unsafe(`set maintenance_work_mem = '256MB'`);
  for (const ix of indexes) await sql.unsafe(ix.indexdef);
  await sql.unsafe(`vacuum analyze ${TABLES.join(', ')}`);
  timings.indexesAndVacuum = Number(((performance.now() - t) / 1000).toFixed(1));
  say(`  ${indexes.length} indexes and vacuum: ${timings.indexesAndVacuum} s`);
  const [counts] = await sql.unsafe(`select
    (select count(*) from leads)::int as leads, (select count(*) from messages)::int as messages,
    (select count(*) from message_events)::int as message_events, (select count(*) from inbound_messages)::int as inbound,
    (select count(*) from appointments)::int as appointments, (select count(*) from lead_touchpoints)::int as touchpoints`);
  return { timings, counts };
}
