import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import { execRows, type DbOrTx } from '@/db/client';
import type { MessageStatus } from '@/db/schema';

// Every change of a message's state made by the dispatcher, each one guarded statement that
// also appends to message_events (one round trip, atomic without a transaction). The guards
// are what make "sent exactly once" hold across processes:
// - only the lease owner may take a `queued` row to `sending`;
// - outcomes apply only to rows still `sending` (or `unknown`, when the reaper got there first),
//   and never move a row a webhook already advanced (delivered/read/failed) backwards.

type EventSpec = {
  /** Event status; when the row ends up `queued`, `queuedLabel` is recorded instead. */
  queuedLabel?: string;
  detail?: string | null;
  errorCode?: number | null;
  payload?: Record<string, unknown> | null;
};

export type TransitionRow = { id: string; status: MessageStatus; attempts: number };

async function transition(db: DbOrTx, set: SQL, where: SQL, event: EventSpec | null): Promise<TransitionRow[]> {
  const returning = sql`returning id, workspace_id, status, attempts`;
  if (!event) {
    return execRows<TransitionRow>(db, sql`update messages set ${set}, updated_at = now() where ${where} ${returning}`);
  }
  return execRows<TransitionRow>(
    db,
    sql`with upd as (
          update messages set ${set}, updated_at = now() where ${where} ${returning}
        ), ev as (
          insert into message_events (workspace_id, message_id, status, source, detail, error_code, payload)
          select workspace_id, id,
                 case when status = 'queued' then ${event.queuedLabel ?? 'queued'}::text else status end,
                 'dispatcher', ${event.detail ?? null}::text, ${event.errorCode ?? null}::int,
                 ${event.payload ? JSON.stringify(event.payload) : null}::jsonb
            from upd
        )
        select id, status, attempts from upd`,
  );
}

const ms = (n: number) => sql`now() + ${Math.max(0, Math.round(n))}::float8 * interval '1 millisecond'`;
const claimedBy = (id: string, workerId: string) =>
  sql`id = ${id}::uuid and lease_owner = ${workerId}::text and status = 'queued'`;
const inFlight = (id: string) => sql`id = ${id}::uuid and status in ('sending', 'unknown')`;

/** queued (claimed by me) -> sending, just before the HTTP call. Null: someone else owns it now. */
export async function markSending(
  db: DbOrTx,
  p: { id: string; workerId: string; renderedBody: string; leaseMs: number },
): Promise<TransitionRow | null> {
  const [row] = await transition(
    db,
    sql`status = 'sending', sending_at = now(), attempts = attempts + 1, rendered_body = ${p.renderedBody}::text,
        status_reason = null, lease_expires_at = ${ms(p.leaseMs)}`,
    claimedBy(p.id, p.workerId),
    { detail: 'calling the WhatsApp API' },
  );
  return row ?? null;
}

/** Meta accepted the message. A webhook may already have moved it further: keep the furthest state. */
export async function recordSent(db: DbOrTx, p: { id: string; providerMessageId: string; waId?: string }) {
  const settles = sql`status in ('sending', 'unknown')`;
  return transition(
    db,
    sql`status = case when ${settles} then 'sent' else status end,
        status_reason = case when ${settles} then null else status_reason end,
        provider_message_id = ${p.providerMessageId}::text, wa_id = coalesce(${p.waId ?? null}::text, wa_id),
        sent_at = coalesce(sent_at, now()), lease_owner = null, lease_expires_at = null`,
    sql`id = ${p.id}::uuid`,
    { payload: { providerMessageId: p.providerMessageId, waId: p.waId ?? null } },
  ).then(() => undefined);
}

export type ErrorInfo = { errorCode?: number | null; errorTitle?: string | null; errorReason?: string | null };

/**
 * Back to `queued` after a call that surely did not send (rejected by Meta or never left this
 * machine), due again after `delayMs`. With `enforceMaxAttempts`, a message out of attempts
 * becomes `failed` instead.
 */
export async function recordRetry(
  db: DbOrTx,
  p: { id: string; delayMs: number; reason: string; enforceMaxAttempts: boolean; maxAttempts?: number } & ErrorInfo,
): Promise<TransitionRow | null> {
  const cap = p.maxAttempts ?? null;
  const exhausted = p.enforceMaxAttempts ? sql`attempts >= least(max_attempts, coalesce(${cap}::int, max_attempts))` : sql`false`;
  const [row] = await transition(
    db,
    sql`status = case when ${exhausted} then 'failed' else 'queued' end,
        failed_at = case when ${exhausted} then now() else failed_at end,
        status_reason = case when ${exhausted} then ${`gave up after max attempts: ${p.reason}`}::text else ${p.reason}::text end,
        next_attempt_at = ${ms(p.delayMs)},
        error_code = ${p.errorCode ?? null}::int, error_title = ${p.errorTitle ?? null}::text,
        error_reason = ${p.errorReason ?? null}::text, lease_owner = null, lease_expires_at = null`,
    inFlight(p.id),
    { queuedLabel: 'retry_scheduled', detail: p.reason, errorCode: p.errorCode, payload: { delayMs: Math.round(p.delayMs) } },
  );
  return row ?? null;
}

/** Permanent failure after a call (Meta said no for good). */
export async function recordFailed(db: DbOrTx, p: { id: string; reason: string } & ErrorInfo) {
  await transition(
    db,
    sql`status = 'failed', failed_at = now(), status_reason = ${p.reason}::text,
        error_code = ${p.errorCode ?? null}::int, error_title = ${p.errorTitle ?? null}::text,
        error_reason = ${p.errorReason ?? null}::text, lease_owner = null, lease_expires_at = null`,
    inFlight(p.id),
    { detail: p.reason, errorCode: p.errorCode },
  );
}

/** The request may have reached Meta: never re-sent automatically; the status webhook settles it. */
export async function recordUnknown(db: DbOrTx, p: { id: string; reason: string }) {
  await transition(
    db,
    sql`status = 'unknown', status_reason = ${p.reason}::text, lease_owner = null, lease_expires_at = null`,
    sql`id = ${p.id}::uuid and status = 'sending'`,
    { detail: p.reason },
  );
}

/** Checks before sending found it must not go out: queued (claimed by me) -> skipped or failed. */
export async function finishWithoutSending(
  db: DbOrTx,
  p: { id: string; workerId: string; status: 'skipped' | 'failed'; reason: string },
): Promise<boolean> {
  const stamp = p.status === 'skipped' ? sql`skipped_at = now()` : sql`failed_at = now()`;
  const rows = await transition(
    db,
    sql`status = ${p.status}::text, ${stamp}, status_reason = ${p.reason}::text, lease_owner = null, lease_expires_at = null`,
    claimedBy(p.id, p.workerId),
    { detail: p.reason },
  );
  return rows.length > 0;
}

/** Sender or campaign paused: stay queued, look again later, no attempt counted, no event noise. */
export async function holdMessage(db: DbOrTx, p: { id: string; workerId: string; delayMs: number; reason: string }) {
  const rows = await transition(
    db,
    sql`status_reason = ${p.reason}::text, next_attempt_at = ${ms(p.delayMs)}, lease_owner = null, lease_expires_at = null`,
    claimedBy(p.id, p.workerId),
    null,
  );
  return rows.length > 0;
}

/** Gives back claims this worker did not get to (budget over, stopping, no rate slot). */
export async function releaseClaims(db: DbOrTx, p: { ids: string[]; workerId: string }): Promise<number> {
  if (p.ids.length === 0) return 0;
  const ids = sql.join(
    p.ids.map((id) => sql`${id}::uuid`),
    sql`, `,
  );
  const rows = await execRows<{ id: string }>(
    db,
    sql`update messages set lease_owner = null, lease_expires_at = null
         where id in (${ids}) and lease_owner = ${p.workerId}::text and status = 'queued'
        returning id`,
  );
  return rows.length;
}

export type FlipRequest = { id: string; renderedBody: string; pairKey: string };
export type FlipResult = { flipped: TransitionRow[]; pairLimited: string[] };

/**
 * markSending for a micro-batch, in one statement, with WhatsApp's pair rate limit enforced
 * on the way: each message must also pass its recipient's gate (a `rate_limit_hits` row per
 * sender and recipient holding the time of the last flip), which lets one flip through per
 * `pairIntervalMs`. The gate is an upsert, so concurrent workers serialise on the row and the
 * rule holds across processes. Pair keys must be unique within one call. Messages stopped by
 * the gate come back in `pairLimited` (still claimed by me, still queued); ids in neither list
 * are owned by someone else now.
 */
export async function markSendingBatch(
  db: DbOrTx,
  p: { workerId: string; leaseMs: number; pairIntervalMs: number; items: FlipRequest[] },
): Promise<FlipResult> {
  if (p.items.length === 0) return { flipped: [], pairLimited: [] };
  const json = JSON.stringify(p.items.map((i) => ({ id: i.id, body: i.renderedBody, pair: i.pairKey })));
  const rows = await execRows<TransitionRow & { gated: boolean }>(
    db,
    sql`with want as (
          select * from jsonb_to_recordset(${json}::jsonb) as w(id uuid, body text, pair text)
        ), gate as (
          insert into rate_limit_hits as r (key, window_start, count)
          select pair, clock_timestamp(), 1 from want
          on conflict (key) do update set window_start = excluded.window_start, count = r.count + 1
            where r.window_start <= excluded.window_start - ${p.pairIntervalMs}::float8 * interval '1 millisecond'
          returning key
        ), upd as (
          update messages m
             set status = 'sending', sending_at = now(), attempts = m.attempts + 1, rendered_body = want.body,
                 status_reason = null, lease_expires_at = ${ms(p.leaseMs)}, updated_at = now()
            from want join gate on gate.key = want.pair
           where m.id = want.id and m.lease_owner = ${p.workerId}::text and m.status = 'queued'
          returning m.id, m.workspace_id, m.status, m.attempts
        ), ev as (
          insert into message_events (workspace_id, message_id, status, source, detail)
          select workspace_id, id, 'sending', 'dispatcher', 'calling the WhatsApp API' from upd
        )
        select id, status, attempts, false as gated from upd
        union all
        select want.id, 'queued', 0, true from want where not exists (select 1 from gate where gate.key = want.pair)`,
  );
  return {
    flipped: rows.filter((r) => !r.gated).map(({ id, status, attempts }) => ({ id, status, attempts: Number(attempts) })),
    pairLimited: rows.filter((r) => r.gated).map((r) => r.id),
  };
}

export type SentRecord = { id: string; providerMessageId: string; waId?: string };

/** recordSent for many messages in one statement (status writes are batched on the hot path). */
export async function recordSentBatch(db: DbOrTx, items: SentRecord[]): Promise<number> {
  if (items.length === 0) return 0;
  const json = JSON.stringify(items.map((i) => ({ id: i.id, pmid: i.providerMessageId, wa: i.waId ?? null })));
  const rows = await execRows<{ id: string }>(
    db,
    sql`with v as (
          select * from jsonb_to_recordset(${json}::jsonb) as v(id uuid, pmid text, wa text)
        ), upd as (
          update messages m
             set status = case when m.status in ('sending', 'unknown') then 'sent' else m.status end,
                 status_reason = case when m.status in ('sending', 'unknown') then null else m.status_reason end,
                 provider_message_id = v.pmid, wa_id = coalesce(v.wa, m.wa_id), sent_at = coalesce(m.sent_at, now()),
                 lease_owner = null, lease_expires_at = null, updated_at = now()
            from v
           where m.id = v.id
          returning m.id, m.workspace_id, m.status, v.pmid, v.wa
        ), ev as (
          insert into message_events (workspace_id, message_id, status, source, payload)
          select workspace_id, id, status, 'dispatcher', jsonb_build_object('providerMessageId', pmid, 'waId', wa) from upd
        )
        select id from upd`,
  );
  return rows.length;
}

/** holdMessage for many claimed messages with one reason and delay. */
export async function holdMessages(db: DbOrTx, p: { ids: string[]; workerId: string; delayMs: number; reason: string }): Promise<number> {
  if (p.ids.length === 0) return 0;
  const ids = sql.join(
    p.ids.map((id) => sql`${id}::uuid`),
    sql`, `,
  );
  const rows = await execRows<{ id: string }>(
    db,
    sql`update messages set status_reason = ${p.reason}::text, next_attempt_at = ${ms(p.delayMs)},
               lease_owner = null, lease_expires_at = null, updated_at = now()
         where id in (${ids}) and lease_owner = ${p.workerId}::text and status = 'queued'
        returning id`,
  );
  return rows.length;
}

/**
 * sending (flipped by me, never called) -> queued, still claimed by me, the attempt not counted
 * and the recipient's pair gate given back: as if never flipped, ready for a new slot. Only
 * for messages this process knows it did not call (their slot passed first).
 */
export async function unflipMessages(
  db: DbOrTx,
  p: { items: { id: string; pairKey: string }[]; workerId: string; leaseMs: number; pairIntervalMs: number; reason: string },
): Promise<string[]> {
  if (p.items.length === 0) return [];
  const json = JSON.stringify(p.items.map((i) => ({ id: i.id, pair: i.pairKey })));
  const rows = await execRows<{ id: string }>(
    db,
    sql`with want as (
          select * from jsonb_to_recordset(${json}::jsonb) as w(id uuid, pair text)
        ), flipped as (
          -- The flip's time, read before the update below clears it (CTEs share one snapshot).
          select m.id, m.sending_at from messages m join want on want.id = m.id
        ), upd as (
          update messages m
             set status = 'queued', sending_at = null, attempts = greatest(0, m.attempts - 1), status_reason = ${p.reason}::text,
                 lease_expires_at = ${ms(p.leaseMs)}, updated_at = now()
            from want
           where m.id = want.id and m.lease_owner = ${p.workerId}::text and m.status = 'sending'
          returning m.id, m.workspace_id
        ), ev as (
          insert into message_events (workspace_id, message_id, status, source, detail)
          select workspace_id, id, 'queued', 'dispatcher', ${p.reason}::text from upd
        ), gate as (
          -- Our flip took this gate (none was taken within the interval before it): give it back,
          -- unless it was taken again since (a later flip to the same recipient, possible only
          -- a whole interval after ours): that gate is someone else's send and stays shut.
          update rate_limit_hits r set window_start = r.window_start - ${p.pairIntervalMs}::float8 * interval '1 millisecond'
            from want join upd on upd.id = want.id join flipped on flipped.id = want.id
           where r.key = want.pair
             and r.window_start < flipped.sending_at + ${p.pairIntervalMs / 2}::float8 * interval '1 millisecond'
          returning r.key
        )
        select id from upd`,
  );
  return rows.map((r) => r.id);
}
