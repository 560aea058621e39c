import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import type { Segment } from '@/lib/segments/schema';
import { segmentWhere } from '@/lib/segments/segment-where';
import { poolSenderSql } from './sender-pool';

export type AudienceParams = {
  workspaceId: string;
  campaignId: string;
  segment: Segment;
  timeZone: string;
  senderPool: string[];
  /** Session text (not an approved WhatsApp template): needs the lead's 24-hour window. */
  isSessionText: boolean;
};

// E.164: "+", a non-zero country digit, 7 to 15 digits in all.
const E164 = '^\\+[1-9][0-9]{6,14}$';

/**
 * The frequency cap: some campaign's message reached (or is reaching) the lead in the last N
 * hours. Test sends have no lead; a queued or skipped message has not reached anyone.
 */
function frequencyCap(p: AudienceParams): SQL {
  if (!p.segment.frequencyCapHours) return sql`false`;
  return sql`exists (select 1 from messages f where f.lead_id = a.lead_id and f.workspace_id = ${p.workspaceId}::uuid
                        and f.campaign_id is not null and f.status in ('sending', 'sent', 'delivered', 'read', 'unknown')
                        and coalesce(f.sending_at, f.sent_at, f.queued_at) > now() - make_interval(hours => ${Number(p.segment.frequencyCapHours)}::int))`;
}

/**
 * One row per lead of the segment with its sender and a verdict, first match wins:
 * already_queued (this campaign already has its message), opted_out, invalid_phone,
 * duplicate_recipient (a second lead with the same WhatsApp id), frequency_cap (see above), no_service_window (session
 * text from a Cloud API number to a lead who has not written in 24 h; the sandbox is exempt as
 * in the dispatcher), else eligible. The preview counts these rows and the start inserts them,
 * so what the admin is shown is what gets queued.
 */
export function broadcastAudienceSql(p: AudienceParams): SQL {
  return sql`
    select a.lead_id, a.phone_e164, a.sender_id, sp.provider,
      case
        when m.id is not null then 'already_queued'
        when a.opted_out_at is not null then 'opted_out'
        when a.phone_e164 !~ ${E164}::text then 'invalid_phone'
        when a.dup_rank > 1 then 'duplicate_recipient'
        when ${frequencyCap(p)} then 'frequency_cap'
        when ${p.isSessionText}::boolean and sp.provider = 'cloud_api'
          and (a.last_inbound_at is null or a.last_inbound_at <= now() - interval '24 hours') then 'no_service_window'
        else 'eligible'
      end as verdict
    from (
      select l.id as lead_id, l.phone_e164, l.opted_out_at, l.last_inbound_at,
        ${poolSenderSql(p.senderPool, sql`l.id`)} as sender_id,
        row_number() over (partition by coalesce(l.wa_id, l.phone_e164) order by l.created_at, l.id) as dup_rank
      from leads l
      where ${segmentWhere(p.workspaceId, p.segment, p.timeZone)}
    ) a
    join sender_phones sp on sp.id = a.sender_id and sp.workspace_id = ${p.workspaceId}::uuid
    left join messages m on m.idempotency_key = 'campaign:' || ${p.campaignId}::text || ':lead:' || a.lead_id::text`;
}

/** The idempotency key of a campaign's one message to a lead (also built in SQL above). */
export function campaignMessageKey(campaignId: string, leadId: string): string {
  return `campaign:${campaignId}:lead:${leadId}`;
}
