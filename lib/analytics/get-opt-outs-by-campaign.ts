import 'server-only';
import { sql } from 'drizzle-orm';
import { execRows, getDb } from '@/db/client';
import { isSent, within } from './definitions';
import type { Period } from './range';

export type OptOutsByCampaign = { campaignId: string | null; campaign: string; count: number };

/**
 * Leads who opted out in the period, each under the campaign of the last message we sent them
 * before they opted out ("No campaign" for a one-off send or none at all).
 */
export async function getOptOutsByCampaign(workspaceId: string, p: Period): Promise<OptOutsByCampaign[]> {
  const db = await getDb();
  const rows = await execRows<{ id: string | null; name: string | null; n: number }>(
    db,
    sql`select c.id, c.name, count(*)::int as n
        from leads l
        left join lateral (
          select m.campaign_id from messages m
          where m.workspace_id = ${workspaceId} and m.lead_id = l.id and ${isSent('m')} and m.sent_at <= l.opted_out_at
          order by m.sent_at desc, m.id desc limit 1
        ) last on true
        left join campaigns c on c.id = last.campaign_id and c.workspace_id = ${workspaceId}
        where l.workspace_id = ${workspaceId} and l.opted_out_at is not null
          and ${within(sql.raw('l.opted_out_at'), p.start, p.end)}
        group by c.id, c.name
        order by 3 desc, 2 nulls last`,
  );
  return rows.map((r) => ({ campaignId: r.id, campaign: r.name ?? 'No campaign', count: Number(r.n) }));
}
