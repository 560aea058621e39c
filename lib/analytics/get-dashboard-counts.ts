import 'server-only';
import { count, eq, sql } from 'drizzle-orm';
import { execRows, getDb } from '@/db/client';
import { MESSAGE_STATUSES, messages, type MessageStatus } from '@/db/schema';

export const DASHBOARD_DAYS = 7;

export type DailyPoint = {
  /** Local calendar day in the workspace time zone, YYYY-MM-DD. */
  day: string;
  leads: number;
  /** Messages Meta accepted that day (sent_at). */
  sent: number;
  /** Messages that reached the phone that day (delivered_at, or read_at when no delivery came). */
  delivered: number;
};

export type DashboardCounts = {
  timezone: string;
  totalLeads: number;
  /** Leads created in the same window as `daily` (the last 7 local days, today included). */
  leadsLast7Days: number;
  messagesByStatus: Record<MessageStatus, number>;
  totalMessages: number;
  inboundReplies: number;
  daily: DailyPoint[];
};

type TotalsRow = { timezone: string; total_leads: number; inbound: number };
type DailyRow = { day: string; leads: number; sent: number; delivered: number };

/** Counts for the dashboard, all scoped to one workspace; days follow workspaces.timezone. */
export async function getDashboardCounts(workspaceId: string, opts: { now?: Date } = {}): Promise<DashboardCounts> {
  const db = await getDb();
  const now = (opts.now ?? new Date()).toISOString();

  const [totals] = await execRows<TotalsRow>(
    db,
    sql`select w.timezone,
          (select count(*)::int from leads l where l.workspace_id = w.id) as total_leads,
          (select count(*)::int from inbound_messages i where i.workspace_id = w.id) as inbound
        from workspaces w where w.id = ${workspaceId}`,
  );

  // One row per local day; each bucket is [local midnight, next local midnight) in the
  // workspace zone, so a lead at 23:30 in São Paulo lands on that day, not on UTC's next one.
  const daily = await execRows<DailyRow>(
    db,
    sql`with bounds as (
          select w.timezone as tz, (${now}::timestamptz at time zone w.timezone)::date as today
          from workspaces w where w.id = ${workspaceId}
        ),
        days as (
          select b.tz, (b.today - g.i) as day,
                 (b.today - g.i)::timestamp at time zone b.tz as starts_at,
                 (b.today - g.i + 1)::timestamp at time zone b.tz as ends_at
          from bounds b, generate_series(0, ${DASHBOARD_DAYS - 1}::int) as g(i)
        )
        select to_char(d.day, 'YYYY-MM-DD') as day,
          (select count(*)::int from leads l
            where l.workspace_id = ${workspaceId} and l.created_at >= d.starts_at and l.created_at < d.ends_at) as leads,
          (select count(*)::int from messages m
            where m.workspace_id = ${workspaceId} and m.sent_at >= d.starts_at and m.sent_at < d.ends_at) as sent,
          (select count(*)::int from messages m
            where m.workspace_id = ${workspaceId}
              and coalesce(m.delivered_at, m.read_at) >= d.starts_at
              and coalesce(m.delivered_at, m.read_at) < d.ends_at) as delivered
        from days d
        order by d.day`,
  );

  const statusRows = await db
    .select({ status: messages.status, n: count() })
    .from(messages)
    .where(eq(messages.workspaceId, workspaceId))
    .groupBy(messages.status);

  const messagesByStatus = Object.fromEntries(MESSAGE_STATUSES.map((s) => [s, 0])) as Record<MessageStatus, number>;
  for (const r of statusRows) messagesByStatus[r.status] = Number(r.n);

  const series = daily.map((d) => ({
    day: d.day,
    leads: Number(d.leads),
    sent: Number(d.sent),
    delivered: Number(d.delivered),
  }));

  return {
    timezone: totals?.timezone ?? 'UTC',
    totalLeads: Number(totals?.total_leads ?? 0),
    leadsLast7Days: series.reduce((sum, d) => sum + d.leads, 0),
    messagesByStatus,
    totalMessages: Object.values(messagesByStatus).reduce((a, b) => a + b, 0),
    inboundReplies: Number(totals?.inbound ?? 0),
    daily: series,
  };
}
