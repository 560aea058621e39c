import 'server-only';
import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { execRows, type Db } from '@/db/client';
import { messages, messageTemplates } from '@/db/schema';
import { recordFailed, recordSent, recordUnknown } from '@/lib/dispatch/message-transitions';
import { env } from '@/lib/env';
import type { SendResult } from '@/lib/whatsapp/types';
import { findOrCreateTestRecipient } from './test-recipient';

export type TemplateTestSend = {
  workspaceId: string;
  toPhone: string;
  senderPhoneId: string;
  /** The saved template being edited, if it is one; an unsaved draft has none. */
  templateId: string | null;
  templateName: string;
  kind: 'text' | 'template';
  renderedBody: string;
};

/**
 * The template editor sends its test at once (the editor shows Meta's answer), but the message
 * is kept like any other: a row in the history of the lead with that number, already `sending`
 * under a lease of its own so that no dispatcher claims it, and the reaper makes it `unknown`
 * (never re-sent) if this process dies mid-call. Its id goes to Meta as
 * biz_opaque_callback_data, so the status webhooks move it to delivered and read.
 */
export async function startTemplateTestMessage(db: Db, t: TemplateTestSend): Promise<{ messageId: string; leadId: string }> {
  const leaseMs = env().WHATSAPP_API_TIMEOUT_MS + 60_000;
  return db.transaction(async (tx) => {
    const lead = await findOrCreateTestRecipient(tx, t.workspaceId, t.toPhone);
    const [own] = t.templateId
      ? await tx
          .select({ id: messageTemplates.id })
          .from(messageTemplates)
          .where(and(eq(messageTemplates.workspaceId, t.workspaceId), eq(messageTemplates.id, t.templateId)))
      : [];
    const [row] = await tx
      .insert(messages)
      .values({
        workspaceId: t.workspaceId,
        leadId: lead.id,
        templateId: own?.id ?? null,
        senderPhoneId: t.senderPhoneId,
        kind: t.kind,
        isBusinessInitiated: false,
        toPhone: t.toPhone,
        renderedBody: t.renderedBody,
        payload: { testOfTemplateId: own?.id ?? null, testOfTemplateName: t.templateName },
        status: 'sending',
        attempts: 1,
        sendingAt: sql`now()`,
        leaseOwner: 'template-test',
        leaseExpiresAt: sql`now() + ${leaseMs}::float8 * interval '1 millisecond'`,
        idempotencyKey: `test:template:${randomUUID()}`,
      })
      .returning({ id: messages.id });
    await execRows(
      tx,
      sql`insert into message_events (workspace_id, message_id, status, source, detail)
          values (${t.workspaceId}, ${row.id}, 'sending', 'admin', 'test from the template editor')`,
    );
    return { messageId: row.id, leadId: lead.id };
  });
}

/** Settles the row with Meta's answer, with the same transitions as the dispatcher. */
export async function finishTemplateTestMessage(db: Db, messageId: string, result: SendResult, explanation: string | null): Promise<void> {
  if (result.ok) {
    await recordSent(db, { id: messageId, providerMessageId: result.providerMessageId, waId: result.waId });
  } else if (result.outcome === 'rejected') {
    await recordFailed(db, {
      id: messageId,
      reason: explanation ?? result.error.message,
      errorCode: result.error.code,
      errorTitle: result.error.type ?? null,
      errorReason: result.error.details ?? null,
    });
  } else if (result.outcome === 'not_sent') {
    await recordFailed(db, { id: messageId, reason: `not sent: ${result.reason}` });
  } else {
    // The request may have reached Meta: a status webhook settles it.
    await recordUnknown(db, { id: messageId, reason: result.reason });
  }
}
