import 'server-only';
import { sql } from 'drizzle-orm';
import { execRows, getDb } from '@/db/client';

export type ResultRow = { key: string; views: number; blocked: number; submissions: number; newLeads: number; returning: number; delivered: number; read: number; replied: number };

/**
 * A page's results by day (UTC), by utm_source or by variant: views and blocked from the daily counters,
 * submissions from touchpoints, a lead's first touchpoint with this page counts as new (later
 * ones as returning), and of the leads the page brought, how many of its campaigns' messages
 * were delivered / read and how many leads replied afterwards.
 */
export async function getLandingPageResults(workspaceId: string, landingPageId: string, by: 'day' | 'source' | 'variant'): Promise<ResultRow[]> {
  const db = await getDb();
  const tpKey =
    by === 'day' ? sql`(t.created_at at time zone 'utc')::date::text` : by === 'source' ? sql`coalesce(t.utm_source, '')` : sql`coalesce(t.payload->>'variant', 'default')`;
  const stKey = by === 'day' ? sql`s.day::text` : sql`s.utm_source`;
  // Views and blocked attempts are counted per day and utm_source only (no visitor data): by variant they are not known.
  const stWhere = by === 'variant' ? sql`false` : sql`true`;
  const rows = await execRows<Record<string, string | number>>(
    db,
    sql`with tp as (
          select t.lead_id, ${tpKey} as key,
                 row_number() over (partition by t.lead_id order by t.created_at, t.id) = 1 as is_first
          from lead_touchpoints t
          where t.workspace_id = ${workspaceId} and t.landing_page_id = ${landingPageId}
        ), subs as (
          select key, count(*)::int as submissions,
                 count(*) filter (where is_first)::int as new_leads,
                 count(*) filter (where not is_first)::int as returning
          from tp group by key
        ), msg as (
          select tp.key,
                 count(distinct m.id) filter (where m.status in ('delivered','read'))::int as delivered,
                 count(distinct m.id) filter (where m.status = 'read')::int as read,
                 count(distinct l.id) filter (where l.last_inbound_at >= m.created_at)::int as replied
          from tp
          join leads l on l.id = tp.lead_id and l.workspace_id = ${workspaceId}
          join messages m on m.lead_id = tp.lead_id and m.workspace_id = ${workspaceId}
          where tp.is_first
          group by tp.key
        ), st as (
          select ${stKey} as key, sum(s.views)::int as views, sum(s.blocked)::int as blocked
          from landing_page_daily_stats s where s.landing_page_id = ${landingPageId} and ${stWhere} group by 1
        )
        select k.key, coalesce(st.views, 0) as views, coalesce(st.blocked, 0) as blocked,
               coalesce(subs.submissions, 0) as submissions, coalesce(subs.new_leads, 0) as new_leads,
               coalesce(subs.returning, 0) as returning, coalesce(msg.delivered, 0) as delivered,
               coalesce(msg.read, 0) as read, coalesce(msg.replied, 0) as replied
        from (select key from st union select key from subs) k
        left join st on st.key = k.key left join subs on subs.key = k.key left join msg on msg.key = k.key
        order by k.key desc`,
  );
  return rows.map((r) => ({
    key: String(r.key),
    views: Number(r.views), blocked: Number(r.blocked), submissions: Number(r.submissions), newLeads: Number(r.new_leads),
    returning: Number(r.returning), delivered: Number(r.delivered), read: Number(r.read), replied: Number(r.replied),
  }));
}
