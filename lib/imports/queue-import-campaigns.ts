import 'server-only';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { campaigns } from '@/db/schema';
import { PAUSE_SHIFT } from '@/lib/campaigns/pause-campaign';
import { triggerMatches } from '@/lib/campaigns/queue-campaign-messages';
import { campaignSenderSql } from '@/lib/campaigns/sender-pool';
import { CAMPAIGN_PAUSED_REASON } from '@/lib/campaigns/skip-reasons';

/**
 * Only when the import asked for it (off by default): queues the matching automated campaigns
 * for a batch's leads in one statement, with the same rules as a single capture
 * (queueCampaignMessages): active or paused campaigns (a paused one's messages wait, held),
 * opted-out leads never, one message per campaign and lead (idempotency key), the same sender
 * of the pool for a lead every time. Leads the import skipped get nothing.
 */
export async function queueImportCampaigns(tx: Tx, workspaceId: string, importId: string, phones: string[]): Promise<void> {
  const candidates = await tx
    .select({ id: campaigns.id, trigger: campaigns.trigger })
    .from(campaigns)
    .where(and(eq(campaigns.workspaceId, workspaceId), eq(campaigns.kind, 'automated'), inArray(campaigns.status, ['active', 'paused'])));
  // Tag conditions are checked per lead in SQL below; the rest here.
  const ids = candidates.filter((c) => triggerMatches(c, { tags: c.trigger.tags }, { source: 'import', isImport: true })).map((c) => c.id);
  if (ids.length === 0) return;
  await tx.execute(sql`
    insert into messages (workspace_id, lead_id, campaign_id, template_id, sender_phone_id, kind, to_phone, idempotency_key,
                          next_attempt_at, status_reason)
    select l.workspace_id, l.id, c.id, c.template_id, ${campaignSenderSql('c', sql`l.id`)},
      case when t.kind = 'whatsapp_template' then 'template' else 'text' end,
      l.phone_e164, 'campaign:' || c.id || ':lead:' || l.id,
      now() + make_interval(secs => c.delay_seconds) + case when c.status = 'paused' then ${PAUSE_SHIFT} else interval '0' end,
      case when c.status = 'paused' then ${CAMPAIGN_PAUSED_REASON}::text end
    from import_changes ch
    join leads l on l.id = ch.lead_id and l.workspace_id = ${workspaceId}
    join campaigns c on c.id = any(string_to_array(${ids.join(',')}, ',')::uuid[]) and c.workspace_id = ${workspaceId}
    join message_templates t on t.id = c.template_id
    where ch.import_id = ${importId}
      and ch.phone_e164 = any(string_to_array(${phones.join(',')}, ','))
      and ch.outcome <> 'skipped'
      and l.opted_out_at is null
      and (jsonb_array_length(c.trigger -> 'tags') = 0 or l.tags && array(select jsonb_array_elements_text(c.trigger -> 'tags')))
    on conflict (idempotency_key) do nothing`);
}
