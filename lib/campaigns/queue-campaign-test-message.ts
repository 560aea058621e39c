import 'server-only';
import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { campaigns, leads, messages, messageTemplates, workspaces } from '@/db/schema';
import { AppError, parseInput } from '@/lib/errors';
import { consumeTestSendQuota } from '@/lib/messages/consume-test-send-quota';
import { normalizePhone } from '@/lib/phones/normalize-phone';
import { testSendSchema } from './schema';
import { senderPool } from './sender-pool';

export const TEST_RECIPIENT_TAG = 'test-recipient';

/**
 * Queues the campaign's message to one phone, exactly as a lead would get it (same template,
 * first sender of the pool, rendered at send time), outside the campaign's counts and its
 * one-message-per-lead key. The number must belong to a lead; if none has it, a lead tagged
 * "test-recipient" is created (a message always belongs to a lead). It is not a capture, so
 * automated campaigns do not react to it. Counted against the workspace's test-send limit,
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
    await tx
      .insert(leads)
      .values({ workspaceId, phoneE164: normalized.e164, name: 'Test recipient', source: 'manual', tags: [TEST_RECIPIENT_TAG] })
      .onConflictDoNothing({ target: [leads.workspaceId, leads.phoneE164] });
    const [lead] = await tx
      .select({ id: leads.id, optedOutAt: leads.optedOutAt })
      .from(leads)
      .where(and(eq(leads.workspaceId, workspaceId), eq(leads.phoneE164, normalized.e164)));
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
