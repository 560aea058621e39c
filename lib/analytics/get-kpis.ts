import 'server-only';
import { sql } from 'drizzle-orm';
import { execRows, getDb } from '@/db/client';
import { isAttended, isDelivered, isRead, isSent, messageTime, rate, within } from './definitions';
import type { Period } from './range';

export type Kpis = {
  newLeads: number;
  messagesSent: number;
  delivered: number;
  read: number;
  /** Distinct leads with at least one message sent in the period. */
  leadsMessaged: number;
  /** Of those, leads with an inbound message between their first message of the period and its end. */
  leadsReplied: number;
  /** Of those, leads who opted out between their first message of the period and its end. */
  leadsOptedOut: number;
  appointmentsBooked: number;
  appointmentsAttended: number;
  deliveryRate: number | null;
  readRate: number | null;
  replyRate: number | null;
  optOutRate: number | null;
  /** Seconds from the first message of the period to the first reply after it, over replied leads. */
  responseMedianSeconds: number | null;
  responseP90Seconds: number | null;
};

type Row = {
  new_leads: number; sent: number; delivered: number; read: number; messaged: number; replied: number;
  opted_out: number; booked: number; attended: number; median: number | null; p90: number | null;
};

/** The KPI cards' numbers for one period of one workspace, in one statement. */
export async function getKpis(workspaceId: string, p: Period): Promise<Kpis> {
  const db = await getDb();
  const end = sql`${p.end.toISOString()}::timestamptz`;
  const [r] = await execRows<Row>(
    db,
    sql`with sent as (
          select m.lead_id, min(m.sent_at) as first_sent, count(*)::int as n,
                 count(*) filter (where ${isDelivered('m')})::int as d,
                 count(*) filter (where ${isRead('m')})::int as r
          from messages m
          where m.workspace_id = ${workspaceId} and ${isSent('m')} and ${within(messageTime('m'), p.start, p.end)}
          group by m.lead_id
        ),
        replies as (
          select s.lead_id, extract(epoch from (
            select min(i.received_at) from inbound_messages i
            where i.workspace_id = ${workspaceId} and i.lead_id = s.lead_id
              and i.received_at >= s.first_sent and i.received_at < ${end}
          ) - s.first_sent)::float8 as seconds
          from sent s
        )
        select
          (select count(*)::int from leads l
            where l.workspace_id = ${workspaceId} and ${within(sql.raw('l.created_at'), p.start, p.end)}) as new_leads,
          (select coalesce(sum(n), 0)::int from sent) as sent,
          (select coalesce(sum(d), 0)::int from sent) as delivered,
          (select coalesce(sum(r), 0)::int from sent) as read,
          (select count(*)::int from sent) as messaged,
          (select count(seconds)::int from replies) as replied,
          (select count(*)::int from sent s join leads l on l.id = s.lead_id
            where l.workspace_id = ${workspaceId} and l.opted_out_at >= s.first_sent and l.opted_out_at < ${end}) as opted_out,
          (select count(*)::int from appointments a
            where a.workspace_id = ${workspaceId} and ${within(sql.raw('a.created_at'), p.start, p.end)}) as booked,
          (select count(*)::int from appointments a
            where a.workspace_id = ${workspaceId} and ${isAttended('a')} and ${within(sql.raw('a.starts_at'), p.start, p.end)}) as attended,
          (select percentile_cont(0.5) within group (order by seconds) from replies where seconds is not null) as median,
          (select percentile_cont(0.9) within group (order by seconds) from replies where seconds is not null) as p90`,
  );
  const n = (v: unknown) => Number(v ?? 0);
  const k = {
    newLeads: n(r.new_leads), messagesSent: n(r.sent), delivered: n(r.delivered), read: n(r.read),
    leadsMessaged: n(r.messaged), leadsReplied: n(r.replied), leadsOptedOut: n(r.opted_out),
    appointmentsBooked: n(r.booked), appointmentsAttended: n(r.attended),
  };
  return {
    ...k,
    deliveryRate: rate(k.delivered, k.messagesSent),
    readRate: rate(k.read, k.messagesSent),
    replyRate: rate(k.leadsReplied, k.leadsMessaged),
    optOutRate: rate(k.leadsOptedOut, k.leadsMessaged),
    responseMedianSeconds: r.median === null ? null : Number(r.median),
    responseP90Seconds: r.p90 === null ? null : Number(r.p90),
  };
}
