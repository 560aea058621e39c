import 'server-only';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { leads, messages, messageTemplates, senderPhones, type Message } from '@/db/schema';
import { AppError, parseInput } from '@/lib/errors';

export const queueLeadMessageSchema = z.object({
  leadId: z.uuid(),
  templateId: z.uuid(),
  senderPhoneId: z.uuid(),
  idempotencyKey: z
    .string()
    .trim()
    .min(1, 'Give each send a key of your own (e.g. your order id)')
    .max(200, 'At most 200 characters'),
});
export type QueueLeadMessageInput = z.infer<typeof queueLeadMessageSchema>;

/**
 * Queues one message to a lead (outbox): the dispatcher renders it with the lead's data at send
 * time and applies every rule a campaign message meets (opt-out, 24-hour window, sender state,
 * caps), so a refused send ends `skipped` or `failed` with its reason. The same idempotency key
 * (per workspace) returns the message already queued instead of sending twice.
 */
export async function queueLeadMessage(workspaceId: string, input: unknown): Promise<{ message: Message; isNew: boolean }> {
  const values = parseInput(queueLeadMessageSchema, input);
  const key = `api:${workspaceId}:${values.idempotencyKey}`;
  const db = await getDb();
  const existing = async () => (await db.select().from(messages).where(and(eq(messages.workspaceId, workspaceId), eq(messages.idempotencyKey, key))))[0];
  const before = await existing();
  if (before) return { message: before, isNew: false };

  const [lead] = await db.select({ id: leads.id, phoneE164: leads.phoneE164 }).from(leads).where(and(eq(leads.workspaceId, workspaceId), eq(leads.id, values.leadId)));
  if (!lead) throw new AppError('NOT_FOUND', 'This lead does not exist.');
  const [template] = await db
    .select({ id: messageTemplates.id, kind: messageTemplates.kind })
    .from(messageTemplates)
    .where(and(eq(messageTemplates.workspaceId, workspaceId), eq(messageTemplates.id, values.templateId), isNull(messageTemplates.archivedAt)));
  if (!template) throw new AppError('NOT_FOUND', 'This message template does not exist.');
  const [sender] = await db
    .select({ id: senderPhones.id })
    .from(senderPhones)
    .where(and(eq(senderPhones.workspaceId, workspaceId), eq(senderPhones.id, values.senderPhoneId)));
  if (!sender) throw new AppError('NOT_FOUND', 'This sender phone does not exist.');

  const [inserted] = await db
    .insert(messages)
    .values({
      workspaceId,
      leadId: lead.id,
      templateId: template.id,
      senderPhoneId: sender.id,
      kind: template.kind === 'whatsapp_template' ? 'template' : 'text',
      toPhone: lead.phoneE164,
      payload: { via: 'api' },
      idempotencyKey: key,
      nextAttemptAt: sql`now()`,
    })
    .onConflictDoNothing({ target: messages.idempotencyKey })
    .returning();
  if (inserted) return { message: inserted, isNew: true };
  // Two calls with the same key at once: the other one queued it.
  const raced = await existing();
  if (!raced) throw new AppError('CONFLICT', 'This idempotency key is in use; try again.');
  return { message: raced, isNew: false };
}
