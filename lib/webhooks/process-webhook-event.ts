import 'server-only';
import { and, eq, inArray, lt, sql } from 'drizzle-orm';
import { getDb, type Db } from '@/db/client';
import { webhookEvents } from '@/db/schema';
import { applyMessageStatus, type StatusOutcome } from './apply-message-status';
import { byPhoneNumberId, findWebhookSenders, phoneNumberIdsOf } from './find-webhook-senders';
import { recordInboundMessage, type InboundOutcome } from './record-inbound-message';
import { contactSchema, envelopeSchema, inboundMessageSchema, statusSchema } from './schema';

// Applies one stored webhook_events row. Re-runnable: every step is idempotent, so a row left
// 'received' (crash) or 'failed' (database hiccup) can simply be processed again, up to
// MAX_WEBHOOK_EVENT_ATTEMPTS runs: a body that fails every time (a bug, data no run can apply)
// stays 'failed' with its error for a person to look at, instead of being re-run forever.

export const MAX_WEBHOOK_EVENT_ATTEMPTS = 5;

export type ProcessSummary = {
  statuses: Record<StatusOutcome, number>;
  inbound: Record<InboundOutcome, number>;
  skipped: number;
};

export async function processWebhookEvent(eventId: string, db?: Db): Promise<ProcessSummary> {
  db ??= await getDb();
  const summary: ProcessSummary = { statuses: { applied: 0, duplicate: 0, unmatched: 0 }, inbound: { recorded: 0, duplicate: 0 }, skipped: 0 };
  const [event] = await db
    .select({ id: webhookEvents.id, body: webhookEvents.body, verifiedSenderIds: webhookEvents.verifiedSenderIds })
    .from(webhookEvents)
    .where(eq(webhookEvents.id, eventId));
  if (!event) throw new Error(`webhook event ${eventId} not found`);

  try {
    const envelope = envelopeSchema.parse(JSON.parse(event.body));
    // Only the senders whose app secret verified the body when it arrived (receive-whatsapp-webhook.ts).
    // Rows stored before that list existed come from when a phone number id was unique in the install.
    const senders = byPhoneNumberId(await findWebhookSenders(db, phoneNumberIdsOf(envelope), event.verifiedSenderIds ?? undefined));
    for (const entry of envelope.entry) {
      for (const change of entry.changes) {
        const forChange = change.value.metadata ? (senders.get(change.value.metadata.phone_number_id) ?? []) : [];
        if (change.field !== 'messages' || forChange.length === 0) {
          summary.skipped++;
          continue;
        }
        for (const sender of forChange) await applyChange(db, event.id, sender, change.value as Record<string, unknown>, summary);
      }
    }
    await db
      .update(webhookEvents)
      .set({ status: 'processed', processedAt: new Date(), error: null, attempts: sql`${webhookEvents.attempts} + 1` })
      .where(eq(webhookEvents.id, event.id));
    return summary;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    await db
      .update(webhookEvents)
      .set({ status: 'failed', error: message.slice(0, 1000), attempts: sql`${webhookEvents.attempts} + 1` })
      .where(eq(webhookEvents.id, event.id));
    throw err;
  }
}

/** One change of the envelope, applied in one verified sender's workspace. */
async function applyChange(db: Db, eventId: string, sender: { id: string; workspaceId: string }, value: Record<string, unknown>, summary: ProcessSummary) {
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
    summary.statuses[await applyMessageStatus(db, { workspaceId: sender.workspaceId, webhookEventId: eventId }, s.data)]++;
  }
}

/**
 * Re-runs events left 'failed', or 'received' for longer than `olderThanMs` (for a cron or the
 * worker), skipping those that already had MAX_WEBHOOK_EVENT_ATTEMPTS runs.
 */
export async function reprocessWebhookEvents(opts: { olderThanMs?: number; limit?: number } = {}, db?: Db): Promise<number> {
  db ??= await getDb();
  const rows = await db
    .select({ id: webhookEvents.id })
    .from(webhookEvents)
    .where(
      and(
        inArray(webhookEvents.status, ['received', 'failed']),
        lt(webhookEvents.attempts, MAX_WEBHOOK_EVENT_ATTEMPTS),
        lt(webhookEvents.receivedAt, new Date(Date.now() - (opts.olderThanMs ?? 60_000))),
      ),
    )
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
