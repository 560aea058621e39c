import 'server-only';
import { and, eq, inArray, lt } from 'drizzle-orm';
import { getDb, type Db } from '@/db/client';
import { webhookEvents } from '@/db/schema';
import { applyMessageStatus, type StatusOutcome } from './apply-message-status';
import { findWebhookSenders, phoneNumberIdsOf } from './find-webhook-senders';
import { recordInboundMessage, type InboundOutcome } from './record-inbound-message';
import { contactSchema, envelopeSchema, inboundMessageSchema, statusSchema } from './schema';

// Applies one stored webhook_events row. Re-runnable: every step is idempotent, so a row left
// 'received' (crash) or 'failed' (database hiccup) can simply be processed again.

export type ProcessSummary = {
  statuses: Record<StatusOutcome, number>;
  inbound: Record<InboundOutcome, number>;
  skipped: number;
};

export async function processWebhookEvent(eventId: string, db?: Db): Promise<ProcessSummary> {
  db ??= await getDb();
  const summary: ProcessSummary = { statuses: { applied: 0, duplicate: 0, unmatched: 0 }, inbound: { recorded: 0, duplicate: 0 }, skipped: 0 };
  const [event] = await db.select({ id: webhookEvents.id, body: webhookEvents.body }).from(webhookEvents).where(eq(webhookEvents.id, eventId));
  if (!event) throw new Error(`webhook event ${eventId} not found`);

  try {
    const envelope = envelopeSchema.parse(JSON.parse(event.body));
    // Only senders whose app secret verified the body are stored (receive-whatsapp-webhook.ts).
    const senders = await findWebhookSenders(db, phoneNumberIdsOf(envelope));
    for (const entry of envelope.entry) {
      for (const change of entry.changes) {
        const sender = change.value.metadata ? senders.get(change.value.metadata.phone_number_id) : undefined;
        if (change.field !== 'messages' || !sender) {
          summary.skipped++;
          continue;
        }
        const value = change.value as Record<string, unknown>;
        const contacts = (Array.isArray(value.contacts) ? value.contacts : []).flatMap((c) => {
          const r = contactSchema.safeParse(c);
          return r.success ? [r.data] : [];
        });
        for (const raw of Array.isArray(value.messages) ? value.messages : []) {
          const m = inboundMessageSchema.safeParse(raw);
          if (!m.success) {
            summary.skipped++;
            continue;
          }
          const contact = contacts.find((c) => c.wa_id === m.data.from) ?? contacts[0];
          summary.inbound[await recordInboundMessage(db, { workspaceId: sender.workspaceId, senderPhoneId: sender.id }, m.data, contact)]++;
        }
        for (const raw of Array.isArray(value.statuses) ? value.statuses : []) {
          const s = statusSchema.safeParse(raw);
          if (!s.success) {
            summary.skipped++;
            continue;
          }
          summary.statuses[await applyMessageStatus(db, { workspaceId: sender.workspaceId, webhookEventId: event.id }, s.data)]++;
        }
      }
    }
    await db
      .update(webhookEvents)
      .set({ status: 'processed', processedAt: new Date(), error: null })
      .where(eq(webhookEvents.id, event.id));
    return summary;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    await db.update(webhookEvents).set({ status: 'failed', error: message.slice(0, 1000) }).where(eq(webhookEvents.id, event.id));
    throw err;
  }
}

/** Re-runs events left 'failed', or 'received' for longer than `olderThanMs` (for a cron or the worker). */
export async function reprocessWebhookEvents(opts: { olderThanMs?: number; limit?: number } = {}, db?: Db): Promise<number> {
  db ??= await getDb();
  const rows = await db
    .select({ id: webhookEvents.id })
    .from(webhookEvents)
    .where(and(inArray(webhookEvents.status, ['received', 'failed']), lt(webhookEvents.receivedAt, new Date(Date.now() - (opts.olderThanMs ?? 60_000)))))
    .orderBy(webhookEvents.receivedAt)
    .limit(opts.limit ?? 100);
  let done = 0;
  for (const r of rows) {
    try {
      await processWebhookEvent(r.id, db);
      done++;
    } catch {
      // Marked failed with its error; the next run tries again.
    }
  }
  return done;
}
