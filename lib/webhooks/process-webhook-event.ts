import 'server-only';
import { and, eq, inArray, lt, sql } from 'drizzle-orm';
import { getDb, type Db } from '@/db/client';
import { webhookEvents } from '@/db/schema';
import { applyWebhookEvents, planWebhookEvent, type ProcessSummary } from './apply-webhook-events';
import { byPhoneNumberId, findWebhookSenders, phoneNumberIdsOf } from './find-webhook-senders';
import { envelopeSchema } from './schema';

// Applies one stored webhook_events row, in one transaction (the receiver applies new bodies in
// batches: webhook-batcher.ts; this is the path of re-runs and of a body that failed in a batch).
// Re-runnable: every step is idempotent, so a row left 'received' or 'failed' (database hiccup)
// can simply be processed again, up to
// MAX_WEBHOOK_EVENT_ATTEMPTS runs: a body that fails every time (a bug, data no run can apply)
// stays 'failed' with its error for a person to look at, instead of being re-run forever.

export const MAX_WEBHOOK_EVENT_ATTEMPTS = 5;

export type { ProcessSummary } from './apply-webhook-events';

export async function processWebhookEvent(eventId: string, db?: Db): Promise<ProcessSummary> {
  db ??= await getDb();
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
    const plan = planWebhookEvent(envelope, senders);
    const summary = await db.transaction(async (tx) => {
      const [done] = await applyWebhookEvents(tx, [{ eventId: event.id, plan }]);
      await tx
        .update(webhookEvents)
        .set({ status: 'processed', processedAt: new Date(), error: null, attempts: sql`${webhookEvents.attempts} + 1` })
        .where(eq(webhookEvents.id, event.id));
      return done;
    });
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
