// The reference for bench/analytics.ts: the same figures as lib/analytics, written the plain
// way (GROUP BY over the raw tables, no shared definitions), to time against and to check with.
import type postgres from 'postgres';
import { LEAD_SOURCES, MESSAGE_STATUSES } from '@/db/schema';
import type { AnalyticsRange } from '@/lib/analytics/range';

export async function referenceFigures(sql: postgres.Sql, workspaceId: string, range: AnalyticsRange) {
  const { start, end } = range.current;
  const tz = range.timeZone;
  const [totals] = await sql<{ leads: number; sent: number; delivered: number; read: number }[]>`
    select (select count(*) from leads where workspace_id = ${workspaceId} and created_at >= ${start} and created_at < ${end})::int as leads,
      count(*)::int as sent,
      count(*) filter (where delivered_at is not null or read_at is not null)::int as delivered,
      count(*) filter (where read_at is not null)::int as read
    from messages where workspace_id = ${workspaceId} and sent_at >= ${start} and sent_at < ${end}`;
  const bySource = await sql<{ day: string; source: string; n: number }[]>`
    select ((created_at at time zone ${tz})::date)::text as day, source, count(*)::int as n
    from leads where workspace_id = ${workspaceId} and created_at >= ${start} and created_at < ${end} group by 1, 2`;
  const byStatus = await sql<{ day: string; status: string; n: number }[]>`
    select ((coalesce(sent_at, created_at) at time zone ${tz})::date)::text as day, status, count(*)::int as n
    from messages where workspace_id = ${workspaceId} and coalesce(sent_at, created_at) >= ${start} and coalesce(sent_at, created_at) < ${end}
    group by 1, 2`;
  const [funnel] = await sql<Record<string, number>[]>`
    with per_lead as (
      select l.id, bool_or(m.sent_at is not null) as s,
        bool_or(m.sent_at is not null and (m.delivered_at is not null or m.read_at is not null)) as d,
        bool_or(m.sent_at is not null and m.read_at is not null) as r, min(m.sent_at) as fs
      from leads l left join messages m on m.lead_id = l.id
      where l.workspace_id = ${workspaceId} and l.created_at >= ${start} and l.created_at < ${end}
      group by l.id
    ),
    replied as (select p.id from per_lead p join inbound_messages i on i.lead_id = p.id and i.received_at >= p.fs group by p.id),
    appts as (
      select p.id, bool_or(a.status = 'completed') as attended from per_lead p join appointments a on a.lead_id = p.id group by p.id
    )
    select count(*)::int as captured, count(*) filter (where s)::int as sent,
      count(*) filter (where s and (d or rp.id is not null))::int as delivered,
      count(*) filter (where s and (r or rp.id is not null))::int as read,
      count(rp.id) filter (where s)::int as replied,
      count(*) filter (where s and rp.id is not null and ap.id is not null)::int as booked,
      count(*) filter (where s and rp.id is not null and ap.attended)::int as attended
    from per_lead p left join replied rp on rp.id = p.id left join appts ap on ap.id = p.id`;
  const series = <K extends string>(keys: readonly K[], rows: { day: string; key: string; n: number }[]) => {
    const out = Object.fromEntries(keys.map((k) => [k, range.days.map(() => 0)])) as Record<K, number[]>;
    for (const r of rows) {
      const i = range.days.indexOf(r.day);
      if (i >= 0 && r.key in out) out[r.key as K][i] = r.n;
    }
    return out;
  };
  return {
    newLeads: totals.leads, sent: totals.sent, delivered: totals.delivered, read: totals.read,
    leadsBySource: series(LEAD_SOURCES, bySource.map((r) => ({ day: r.day, key: r.source, n: r.n }))),
    messagesByStatus: series(MESSAGE_STATUSES, byStatus.map((r) => ({ day: r.day, key: r.status, n: r.n }))),
    funnel: {
      captured: funnel.captured, sent: funnel.sent, delivered: funnel.delivered, read: funnel.read,
      replied: funnel.replied, booked: funnel.booked, attended: funnel.attended,
    },
  };
}
