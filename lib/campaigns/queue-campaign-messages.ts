import 'server-only';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { campaigns, messages, messageTemplates, type Campaign, type Lead } from '@/db/schema';
import { PAUSE_SHIFT } from './pause-campaign';
import { poolSenderSql, senderPool } from './sender-pool';
import { CAMPAIGN_PAUSED_REASON } from './skip-reasons';

export type CaptureContext = { source: string; landingPageId?: string | null; isImport?: boolean };

/**
 * Sources a campaign reacts to only when it lists them: a lead typed in by the team and someone
 * who wrote to us first are already talking to a person, so an "any source" welcome campaign
 * does not message them unless it asks for them (docs/decisions/022-...).
 */
export const OPT_IN_TRIGGER_SOURCES: readonly string[] = ['manual', 'whatsapp'];

/**
 * Does an automated campaign's trigger match this capture? Empty lists mean "any", except that
 * manual and WhatsApp leads need their source ticked, and imports need "on import" or the
 * Import source ticked (and the import itself to ask for campaigns).
 */
export function triggerMatches(campaign: Pick<Campaign, 'trigger'>, lead: Pick<Lead, 'tags'>, ctx: CaptureContext): boolean {
  const t = campaign.trigger;
  // Appointment campaigns fire on appointments (queue-appointment-messages.ts), never on captures.
  if (t.appointment) return false;
  if (ctx.isImport && !t.onImport && !t.sources.includes('import')) return false;
  if (OPT_IN_TRIGGER_SOURCES.includes(ctx.source) && !t.sources.includes(ctx.source)) return false;
  if (t.sources.length > 0 && !t.sources.includes(ctx.source)) return false;
  if (t.landingPageIds.length > 0 && (!ctx.landingPageId || !t.landingPageIds.includes(ctx.landingPageId))) return false;
  if (t.tags.length > 0 && !t.tags.some((tag) => lead.tags.includes(tag))) return false;
  return true;
}

/**
 * Queues one message per matching active (or paused) automated campaign, inside the capture's transaction
 * (outbox): the lead and its messages commit together or not at all. The unique idempotency
 * key makes a second capture of the same lead a no-op for campaigns it already got. A paused
 * campaign's message is queued held, like the rest of its queue (pause-campaign.ts), so a lead
 * who arrives during a pause is welcomed on resume instead of never.
 */
export async function queueCampaignMessages(tx: Tx, lead: Lead, ctx: CaptureContext): Promise<string[]> {
  if (lead.optedOutAt) return [];
  const active = await tx
    .select({ campaign: campaigns, templateKind: messageTemplates.kind })
    .from(campaigns)
    .innerJoin(messageTemplates, eq(messageTemplates.id, campaigns.templateId))
    .where(and(eq(campaigns.workspaceId, lead.workspaceId), eq(campaigns.kind, 'automated'), inArray(campaigns.status, ['active', 'paused'])));
  const matching = active.filter((row) => triggerMatches(row.campaign, lead, ctx));
  if (matching.length === 0) return [];
  const inserted = await tx
    .insert(messages)
    .values(
      matching.map(({ campaign, templateKind }) => ({
        workspaceId: lead.workspaceId,
        leadId: lead.id,
        campaignId: campaign.id,
        templateId: campaign.templateId,
        // One phone of the campaign's pool, the same one for this lead every time.
        senderPhoneId: poolSenderSql(senderPool(campaign), sql`${lead.id}::uuid`),
        kind: templateKind === 'whatsapp_template' ? ('template' as const) : ('text' as const),
        toPhone: lead.phoneE164,
        idempotencyKey: `campaign:${campaign.id}:lead:${lead.id}`,
        nextAttemptAt:
          campaign.status === 'paused'
            ? sql`now() + make_interval(secs => ${campaign.delaySeconds}) + ${PAUSE_SHIFT}`
            : sql`now() + make_interval(secs => ${campaign.delaySeconds})`,
        statusReason: campaign.status === 'paused' ? CAMPAIGN_PAUSED_REASON : null,
      })),
    )
    .onConflictDoNothing({ target: messages.idempotencyKey })
    .returning({ id: messages.id });
  return inserted.map((r) => r.id);
}
