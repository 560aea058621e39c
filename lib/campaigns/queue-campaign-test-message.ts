import 'server-only';
import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { campaigns, messages, messageTemplates, workspaces } from '@/db/schema';
import { AppError, parseInput } from '@/lib/errors';
import { consumeTestSendQuota } from '@/lib/messages/consume-test-send-quota';
import { normalizePhone } from '@/lib/phones/normalize-phone';
import { findOrCreateTestRecipient } from '@/lib/messages/test-recipient';
import { testSendSchema } from './schema';
import { senderPool } from './sender-pool';

/**
 * Queues the campaign's message to one phone, exactly as a lead would get it (same template,
 * first sender of the pool, rendered at send time), outside the campaign's counts and its
 * one-message-per-lead key, in the history of the lead with that number (findOrCreateTestRecipient),
 * like the template editor's test sends (lib/templates/send-template-draft-now.ts). Counted against the workspace's test-send limit,
 * shared with the template editor's test sends.
 */
export async function queueCampaignTestMessage(workspaceId: string, input: unknown): Promise<{ messageId: string; leadId: string }> {
  const { campaignId, phone } = parseInput(testSendSchema, input);
  const db = await getDb();
  const [row] = await db
    .select({ campaign: campaigns, templateKind: messageTemplates.kind, defaultCountry: workspaces.defaultCountry })
    .from(campaigns)
    .innerJoin(workspaces, eq(workspaces.id, campaigns.workspaceId))
    .innerJoin(messageTemplates, and(eq(messageTemplates.id, campaigns.templateId), eq(messageTemplates.workspaceId, workspaceId)))
    .where(and(eq(campaigns.id, campaignId), eq(campaigns.workspaceId, workspaceId)));
  if (!row) throw new AppError('NOT_FOUND', 'This campaign does not exist in this workspace.');
  const normalized = normalizePhone(phone, row.defaultCountry);
  if (!normalized.ok) {
    const message = `Check the number: ${normalized.reason}`;
    throw new AppError('BAD_USER_INPUT', message, { fields: { phone: message } });
  }
  await consumeTestSendQuota(workspaceId);

  return db.transaction(async (tx) => {
    const lead = await findOrCreateTestRecipient(tx, workspaceId, normalized.e164);
    const [message] = await tx
      .insert(messages)
      .values({
        workspaceId,
        leadId: lead.id,
        campaignId: null,
        templateId: row.campaign.templateId,
        senderPhoneId: senderPool(row.campaign)[0],
        kind: row.templateKind === 'whatsapp_template' ? 'template' : 'text',
        toPhone: normalized.e164,
        payload: { testOfCampaignId: row.campaign.id },
        idempotencyKey: `test:${row.campaign.id}:${randomUUID()}`,
        nextAttemptAt: sql`now()`,
      })
      .returning({ id: messages.id });
    return { messageId: message.id, leadId: lead.id };
  });
}
