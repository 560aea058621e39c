import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import { execRows, getDb } from '@/db/client';
import { isAttended, isDelivered, isRead, isSent, rate, within } from './definitions';
import {
  FUNNEL_STEPS, type Funnel, type FunnelCounts, type FunnelSegment, type FunnelStep, type SegmentDimension,
} from './funnel-steps';
import type { Period } from './range';

export * from './funnel-steps';

// The key and the label of each segmentation. First touch (the earliest touchpoint) decides the
// landing page and UTM values; the first message we sent decides campaign, template and phone.
const KEY: Record<SegmentDimension, { key: SQL; label: (workspaceId: string) => SQL; none: string }> = {
  source: { key: sql.raw('f.source'), label: () => sql.raw('g.key'), none: 'Unknown' },
  landing_page: {
    key: sql.raw('f.landing_page_id::text'),
    label: (ws) => sql`(select lp.title from landing_pages lp where lp.id = g.key::uuid and lp.workspace_id = ${ws})`,
    none: 'No landing page',
  },
  campaign: {
    key: sql.raw('f.campaign_id::text'),
    label: (ws) => sql`(select c.name from campaigns c where c.id = g.key::uuid and c.workspace_id = ${ws})`,
    none: 'No campaign',
  },
  template: {
    key: sql.raw('f.template_id::text'),
    label: (ws) => sql`(select t.name from message_templates t where t.id = g.key::uuid and t.workspace_id = ${ws})`,
    none: 'No template',
  },
  sender_phone: {
    key: sql.raw('f.sender_phone_id::text'),
    label: (ws) => sql`(select p.label from sender_phones p where p.id = g.key::uuid and p.workspace_id = ${ws})`,
    none: 'Not sent',
  },
  utm_source: { key: sql.raw('f.utm_source'), label: () => sql.raw('g.key'), none: 'No utm_source' },
  utm_campaign: { key: sql.raw('f.utm_campaign'), label: () => sql.raw('g.key'), none: 'No utm_campaign' },
};

const SOURCE_LABELS: Record<string, string> = {
  landing_page: 'Landing page', import: 'Import', api: 'API', whatsapp: 'Inbound WhatsApp', manual: 'Manual',
};

type Row = { key: string | null; label: string | null } & Record<FunnelStep, number>;

function segment(key: string | null, label: string, counts: FunnelCounts): FunnelSegment {
  const rates = Object.fromEntries(
    FUNNEL_STEPS.map((s, i) => [s, i === 0 ? null : rate(counts[s], counts[FUNNEL_STEPS[i - 1]])]),
  ) as Record<FunnelStep, number | null>;
  return { key, label, counts, rates };
}

/**
 * The funnel of the leads captured in the period (a cohort): how many of them have, so far,
 * been sent a message, had it delivered, read, replied, booked and attended an appointment.
 * Steps nest: a lead counts at a step only if it counts at every step before it; a reply
 * proves delivery and reading even when the read receipts are off.
 */
export async function getFunnel(workspaceId: string, p: Period, dimension: SegmentDimension): Promise<Funnel> {
  const db = await getDb();
  const k = KEY[dimension];
  const rows = await execRows<Row>(
    db,
    sql`with cohort as (
          select l.id, l.source, ft.landing_page_id, ft.utm_source, ft.utm_campaign
          from leads l
          left join lateral (
            select t.landing_page_id, t.utm_source, t.utm_campaign from lead_touchpoints t
            where t.lead_id = l.id and t.workspace_id = ${workspaceId}
            order by t.created_at, t.id limit 1
          ) ft on true
          where l.workspace_id = ${workspaceId} and ${within(sql.raw('l.created_at'), p.start, p.end)}
        ),
        -- Per lead through its own indexes (messages_lead_idx, inbound_messages_lead_idx,
        -- appointments_lead_idx): the cost follows the cohort's size, not the workspace's.
        f as (
          select c.*, msg.campaign_id, msg.template_id, msg.sender_phone_id,
                 msg.first_sent is not null as sent, coalesce(msg.d, false) as d, coalesce(msg.r, false) as r,
                 msg.first_sent is not null and exists (
                   select 1 from inbound_messages i
                   where i.lead_id = c.id and i.workspace_id = ${workspaceId} and i.received_at >= msg.first_sent
                 ) as replied,
                 ap.booked, ap.attended
          from cohort c
          cross join lateral (
            select min(m.sent_at) as first_sent,
                   (array_agg(m.campaign_id order by m.sent_at, m.id))[1] as campaign_id,
                   (array_agg(m.template_id order by m.sent_at, m.id))[1] as template_id,
                   (array_agg(m.sender_phone_id order by m.sent_at, m.id))[1] as sender_phone_id,
                   bool_or(${isDelivered('m')}) as d, bool_or(${isRead('m')}) as r
            from messages m
            where m.lead_id = c.id and m.workspace_id = ${workspaceId} and ${isSent('m')}
          ) msg
          cross join lateral (
            select count(*) > 0 as booked, coalesce(bool_or(${isAttended('a')}), false) as attended
            from appointments a where a.lead_id = c.id and a.workspace_id = ${workspaceId}
          ) ap
        )
        select g.*, ${k.label(workspaceId)} as label from (
          select ${k.key} as key,
            count(*)::int as captured,
            count(*) filter (where sent)::int as sent,
            count(*) filter (where sent and (d or replied))::int as delivered,
            count(*) filter (where sent and (r or replied))::int as read,
            count(*) filter (where replied)::int as replied,
            count(*) filter (where replied and booked)::int as booked,
            count(*) filter (where replied and booked and attended)::int as attended
          from f
          group by 1
        ) g
        order by g.captured desc, g.key nulls last`,
  );
  const segments = rows.map((r) => {
    const counts = Object.fromEntries(FUNNEL_STEPS.map((s) => [s, Number(r[s])])) as FunnelCounts;
    const label = r.key === null ? k.none : dimension === 'source' ? SOURCE_LABELS[r.key] ?? r.key : r.label ?? r.key;
    return segment(r.key, label, counts);
  });
  const totals = Object.fromEntries(
    FUNNEL_STEPS.map((s) => [s, segments.reduce((sum, x) => sum + x.counts[s], 0)]),
  ) as FunnelCounts;
  return { dimension, total: segment(null, 'All leads', totals), segments };
}
