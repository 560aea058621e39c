import 'server-only';
import { getDb } from '@/db/client';
import { leads, leadTouchpoints, type Lead } from '@/db/schema';
import { queueCampaignMessages } from '@/lib/campaigns/queue-campaign-messages';
import { parseInput } from '@/lib/errors';
import { emitOutboundEvent, leadEventData } from '@/lib/outbound-webhooks/emit-outbound-event';
import { leadFormSchema } from './schema';
import { assertPhoneFree, DuplicatePhoneError, formToColumns, normalizeFormPhone } from './save-lead-fields';

export type CreateLeadContext = { workspaceId: string; defaultCountry: string; userId: string };

/**
 * A lead typed in by someone on the team, with a "manual" touchpoint naming who. When the form
 * asks for it (`triggerCampaigns`) and the person gave consent, the active automated campaigns
 * that list the Manual source queue their message, in the same transaction (outbox); a campaign
 * for "any source" does not (queue-campaign-messages.ts). A phone that is already a lead is a
 * field error pointing at that lead, never a merge.
 */
export async function createLead(ctx: CreateLeadContext, input: unknown): Promise<Lead> {
  const values = parseInput(leadFormSchema, input);
  const phoneE164 = normalizeFormPhone(values.phone, ctx.defaultCountry);
  const db = await getDb();
  return db.transaction(async (tx) => {
    await assertPhoneFree(tx, ctx.workspaceId, phoneE164);
    const [lead] = await tx
      .insert(leads)
      .values({ workspaceId: ctx.workspaceId, phoneE164, source: 'manual', ...formToColumns(values, null), lifecycleSetByHandAt: values.lifecycleStatus !== 'new' ? new Date() : null })
      .onConflictDoNothing({ target: [leads.workspaceId, leads.phoneE164] })
      .returning();
    if (!lead) {
      // Someone else saved the same phone between the check and the insert.
      await assertPhoneFree(tx, ctx.workspaceId, phoneE164);
      throw new DuplicatePhoneError('');
    }
    await tx.insert(leadTouchpoints).values({
      workspaceId: ctx.workspaceId,
      leadId: lead.id,
      source: 'manual',
      payload: { createdByUserId: ctx.userId },
    });
    if (values.triggerCampaigns && values.hasConsent) await queueCampaignMessages(tx, lead, { source: 'manual' });
    await emitOutboundEvent(tx, ctx.workspaceId, 'lead.created', leadEventData(lead));
    return lead;
  });
}
