import 'server-only';
import { sql } from 'drizzle-orm';
import { execRows, type Db } from '@/db/client';
import { describeError, log } from '@/lib/log/logger';
import { applyWebhookEvents, type EventPlan } from './apply-webhook-events';
import { MAX_WEBHOOK_EVENT_ATTEMPTS, processWebhookEvent } from './process-webhook-event';

// Group commit for verified webhook bodies (docs/decisions/017-webhook-group-commit.md). Each
// request hands its body here and waits; while one batch is being written, the bodies that
// arrive meanwhile queue, and the next batch takes them all: one transaction stores the raw
// bodies (unique by SHA-256) and applies everything they say. The answer comes after that
// commit, so a 200 still means "stored and applied": nothing is lost if the process dies after
// answering, and a process that dies before committing has answered nothing (Meta retries).
// Alone, a body is written at once (a batch of one); under load batches grow by themselves, so
// the statements per body fall as the rate rises, with no timer and no added delay.

/** Bodies per transaction at most (a Meta body holds a handful of events; a batch stays well under a second). */
export const WEBHOOK_BATCH_MAX = 200;

/**
 * Batches written at once per process. A batch is a chain of round trips (an inbound message is
 * five statements), during which one batch at a time left PostgreSQL and this process waiting on
 * each other; a second one overlaps them (bench:webhooks, docs/benchmarks/webhooks.md). They are
 * safe side by side: statuses lock their messages in id order, leads are created with ON CONFLICT,
 * and a batch that still meets a deadlock fails as a whole and is written body by body.
 */
export const WEBHOOK_BATCHES_IN_FLIGHT = 2;

export type CommitItem = {
  bodySha256: string;
  rawBody: string;
  workspaceId: string | null;
  senderPhoneId: string | null;
  verifiedSenderIds: string[];
  plan: EventPlan;
};
export type CommitResult = { eventId?: string; duplicate: boolean; processed: boolean };

type Pending = { item: CommitItem; resolve: (r: CommitResult) => void; reject: (err: unknown) => void };
type Queue = { db: Db; waiting: Pending[]; inFlight: number; isScheduled: boolean };

// One queue per database handle and process (survives dev hot reloads, like the handle itself).
const queues = ((globalThis as unknown as { __whatslabWebhookQueues?: WeakMap<Db, Queue> }).__whatslabWebhookQueues ??= new WeakMap());

/** Stores and applies one verified body with whatever else is arriving; resolves after the commit. */
export function commitWebhookEvent(db: Db, item: CommitItem): Promise<CommitResult> {
  let queue = queues.get(db);
  if (!queue) queues.set(db, (queue = { db, waiting: [], inFlight: 0, isScheduled: false }));
  const q = queue;
  return new Promise((resolve, reject) => {
    q.waiting.push({ item, resolve, reject });
    schedule(q);
  });
}

/** Starts a batch on the next turn of the event loop (so bodies parsed in this one join it) if a slot is free. */
function schedule(q: Queue) {
  if (q.isScheduled || q.inFlight >= WEBHOOK_BATCHES_IN_FLIGHT || q.waiting.length === 0) return;
  q.isScheduled = true;
  setImmediate(() => {
    q.isScheduled = false;
    if (q.inFlight >= WEBHOOK_BATCHES_IN_FLIGHT || q.waiting.length === 0) return;
    const batch = q.waiting.splice(0, WEBHOOK_BATCH_MAX);
    q.inFlight++;
    void commitBatch(q.db, batch)
      .catch((err: unknown) => {
        for (const p of batch) p.reject(err);
      })
      .finally(() => {
        q.inFlight--;
        schedule(q);
      });
    schedule(q);
  });
}

async function commitBatch(db: Db, batch: Pending[]) {
  // The same body twice in one batch (Meta's retry racing the original): the first is written,
  // the others are answered as duplicates once it has committed.
  const first = new Map<string, Pending>();
  for (const p of batch) if (!first.has(p.item.bodySha256)) first.set(p.item.bodySha256, p);
  const unique = [...first.values()];
  let stored: Map<string, string>;
  try {
    stored = await db.transaction(async (tx) => {
      const rows = JSON.stringify(
        unique.map(({ item }) => ({
          workspace_id: item.workspaceId,
          sender_phone_id: item.senderPhoneId,
          body_sha256: item.bodySha256,
          body: item.rawBody,
          verified_sender_ids: `{${item.verifiedSenderIds.join(',')}}`,
        })),
      );
      const inserted = await execRows<{ id: string; body_sha256: string }>(
        tx,
        sql`insert into webhook_events (workspace_id, sender_phone_id, body_sha256, body, verified_sender_ids, status, attempts, processed_at)
            select v.workspace_id, v.sender_phone_id, v.body_sha256, v.body, v.verified_sender_ids, 'processed', 1, now()
              from json_to_recordset(${rows}::json) v(workspace_id uuid, sender_phone_id uuid, body_sha256 text, body text, verified_sender_ids uuid[])
            on conflict (body_sha256) do nothing
            returning id, body_sha256`,
      );
      const ids = new Map(inserted.map((r) => [r.body_sha256, r.id]));
      const fresh = unique.filter((p) => ids.has(p.item.bodySha256)).map((p) => ({ eventId: ids.get(p.item.bodySha256)!, plan: p.item.plan }));
      await applyWebhookEvents(tx, fresh);
      return ids;
    });
  } catch (err) {
    // One bad body must not fail the others: each is written again on its own.
    log.warn('webhook batch failed; storing its bodies one by one', { bodies: unique.length, ...describeError(err) });
    for (const p of batch) await commitAlone(db, p.item).then(p.resolve, p.reject);
    return;
  }
  const repeated = batch.filter((p) => !stored.has(p.item.bodySha256) || first.get(p.item.bodySha256) !== p);
  const known = await findStoredEvents(db, repeated.map((p) => p.item.bodySha256)).catch(() => new Map<string, StoredEvent>());
  for (const p of batch) {
    const eventId = stored.get(p.item.bodySha256);
    if (eventId && first.get(p.item.bodySha256) === p) p.resolve({ eventId, duplicate: false, processed: true });
  }
  for (const p of repeated) await answerRepeat(db, p, known.get(p.item.bodySha256));
}

type StoredEvent = { id: string; status: string; attempts: number };

async function findStoredEvents(db: Db, shas: string[]): Promise<Map<string, StoredEvent>> {
  if (shas.length === 0) return new Map();
  const rows = await execRows<StoredEvent & { body_sha256: string }>(
    db,
    sql`select id, status, attempts, body_sha256 from webhook_events
         where body_sha256 in (select value #>> '{}' from json_array_elements(${JSON.stringify(shas)}::json))`,
  );
  return new Map(rows.map((r) => [r.body_sha256, r]));
}

/**
 * A body stored before: answered 200 without work, unless it failed to apply and has runs left
 * (Meta retries for days; a body that keeps failing is not re-run forever).
 */
async function answerRepeat(db: Db, p: Pending, existing: StoredEvent | undefined) {
  if (!existing || existing.status !== 'failed' || existing.attempts >= MAX_WEBHOOK_EVENT_ATTEMPTS) {
    return p.resolve({ eventId: existing?.id, duplicate: true, processed: false });
  }
  try {
    await processWebhookEvent(existing.id, db);
    p.resolve({ eventId: existing.id, duplicate: true, processed: true });
  } catch {
    p.resolve({ eventId: existing.id, duplicate: true, processed: false });
  }
}

/**
 * The path of a body whose batch failed: stored as received, then applied on its own; if that
 * fails it stays 'failed' with its error (re-run by Meta's retries or reprocessWebhookEvents)
 * and is still answered 200. Only failing to store it rejects (the door answers 503).
 */
async function commitAlone(db: Db, item: CommitItem): Promise<CommitResult> {
  const [inserted] = await execRows<{ id: string }>(
    db,
    sql`insert into webhook_events (workspace_id, sender_phone_id, body_sha256, body, verified_sender_ids)
        values (${item.workspaceId}::uuid, ${item.senderPhoneId}::uuid, ${item.bodySha256}, ${item.rawBody}, ${`{${item.verifiedSenderIds.join(',')}}`}::uuid[])
        on conflict (body_sha256) do nothing
        returning id`,
  );
  if (!inserted) {
    const existing = (await findStoredEvents(db, [item.bodySha256])).get(item.bodySha256);
    let result: CommitResult = { duplicate: true, processed: false };
    await answerRepeat(db, { item, resolve: (r) => (result = r), reject: () => undefined }, existing);
    return result;
  }
  try {
    await processWebhookEvent(inserted.id, db);
    return { eventId: inserted.id, duplicate: false, processed: true };
  } catch {
    return { eventId: inserted.id, duplicate: false, processed: false };
  }
}
