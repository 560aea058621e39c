import 'server-only';
import { sql } from 'drizzle-orm';
import { execRows, getDb } from '@/db/client';
import { LEAD_SOURCES, MESSAGE_STATUSES, type LeadSource, type MessageStatus } from '@/db/schema';
import { localDayOf, messageTime, within } from './definitions';
import type { AnalyticsRange } from './range';

export type DailySeries<K extends string> = { days: string[]; series: Record<K, number[]> };

type Row = { day: string; key: string; n: number };

function fill<K extends string>(keys: readonly K[], days: string[], rows: Row[]): DailySeries<K> {
  const index = new Map(days.map((d, i) => [d, i]));
  const series = Object.fromEntries(keys.map((k) => [k, days.map(() => 0)])) as Record<K, number[]>;
  for (const r of rows) {
    const i = index.get(r.day);
    if (i !== undefined && r.key in series) series[r.key as K][i] = Number(r.n);
  }
  return { days, series };
}

/** New leads per local day, one series per source. */
export async function getLeadsBySourceDaily(workspaceId: string, range: AnalyticsRange): Promise<DailySeries<LeadSource>> {
  const db = await getDb();
  const { start, end } = range.current;
  const rows = await execRows<Row>(
    db,
    sql`select ${localDayOf(sql.raw('l.created_at'), range.timeZone)} as day, l.source as key, count(*)::int as n
        from leads l
        where l.workspace_id = ${workspaceId} and ${within(sql.raw('l.created_at'), start, end)}
        group by 1, 2`,
  );
  return fill(LEAD_SOURCES, range.days, rows);
}

/** Messages per local day of their message time, one series per current status. */
export async function getMessagesByStatusDaily(workspaceId: string, range: AnalyticsRange): Promise<DailySeries<MessageStatus>> {
  const db = await getDb();
  const { start, end } = range.current;
  const rows = await execRows<Row>(
    db,
    sql`select ${localDayOf(messageTime('m'), range.timeZone)} as day, m.status as key, count(*)::int as n
        from messages m
        where m.workspace_id = ${workspaceId} and ${within(messageTime('m'), start, end)}
        group by 1, 2`,
  );
  return fill(MESSAGE_STATUSES, range.days, rows);
}
