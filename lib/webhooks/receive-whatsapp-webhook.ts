import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { execRows, getDb, type Db } from '@/db/client';
import { webhookEvents } from '@/db/schema';
import { sha256Hex } from '@/lib/crypto/secret-box';
import { findWebhookSenders, phoneNumberIdsInRaw, phoneNumberIdsOf, verifiedBy } from './find-webhook-senders';
import { MAX_WEBHOOK_EVENT_ATTEMPTS, processWebhookEvent } from './process-webhook-event';
import { envelopeSchema } from './schema';

// POST /api/webhooks/whatsapp, behind the door (which has already cut the body off at
// MAX_WEBHOOK_BODY_BYTES while it streamed):
// 1. The raw bytes are what Meta signed. Before anything parses them, the phone number ids are
//    read from the raw text and the signature is checked against the app secret of every sender
//    connected with one of those ids (constant time; one id may be connected in several
//    workspaces). No verified sender: 401 and nothing is written.
// 2. Only then is the body parsed. Every phone id the parsed envelope names must belong to a
//    verified sender, so a body signed by workspace A's app can never touch workspace B, and
//    every stored event is a verified one (safe to re-run). Malformed JSON, an unexpected shape
//    or a body naming no phone number id is 400, never 500.
// 3. The raw body is stored once (unique body_sha256) with the senders that verified it: Meta's
//    retries of the same body are answered 200 without changing anything (a retry of a body that
//    failed to process re-runs it, up to MAX_WEBHOOK_EVENT_ATTEMPTS runs in all).
// 4. Processing runs synchronously inside the request, right after the insert. Why not `after()`:
//    a batch is a handful of indexed single-row statements (milliseconds), the 200 then means
//    "applied", tests and the sandbox see the effects immediately, and nothing is lost if the
//    process dies after answering. If processing throws, the event is marked 'failed' with its
//    error and we still answer 200 (it is stored and can be re-run: reprocessWebhookEvents).

export type WebhookReceipt = {
  status: 200 | 400 | 401;
  body: { ok: boolean; eventId?: string; duplicate?: boolean; processed?: boolean; error?: string };
};

const utf8 = new TextDecoder('utf-8', { fatal: true });

export async function receiveWhatsAppWebhook(input: { rawBody: string | Buffer; signature: string | null }, db?: Db): Promise<WebhookReceipt> {
  const { signature } = input;
  if (!signature) return { status: 401, body: { ok: false, error: 'missing signature' } };
  const bytes = typeof input.rawBody === 'string' ? Buffer.from(input.rawBody, 'utf8') : input.rawBody;
  let rawBody: string;
  try {
    rawBody = typeof input.rawBody === 'string' ? input.rawBody : utf8.decode(bytes);
  } catch {
    return { status: 400, body: { ok: false, error: 'body is not UTF-8' } };
  }

  const rawIds = phoneNumberIdsInRaw(rawBody);
  if (rawIds.length === 0) return { status: 400, body: { ok: false, error: 'not a WhatsApp webhook envelope (no phone_number_id)' } };
  db ??= await getDb();
  const verified = verifiedBy(await findWebhookSenders(db, rawIds), bytes, signature);
  if (verified.length === 0) return { status: 401, body: { ok: false, error: 'unknown sender or bad signature' } };

  let json: unknown;
  try {
    json = JSON.parse(rawBody);
  } catch {
    return { status: 400, body: { ok: false, error: 'malformed JSON' } };
  }
  const parsed = envelopeSchema.safeParse(json);
  if (!parsed.success) return { status: 400, body: { ok: false, error: 'not a WhatsApp webhook envelope' } };
  const phoneIds = phoneNumberIdsOf(parsed.data);
  const used = verified.filter((s) => phoneIds.includes(s.phoneNumberId));
  if (phoneIds.length === 0 || phoneIds.some((id) => !used.some((s) => s.phoneNumberId === id))) {
    return { status: 401, body: { ok: false, error: 'unknown sender or bad signature' } };
  }

  const workspaces = new Set(used.map((s) => s.workspaceId));
  const only = used.length === 1 ? used[0] : undefined;
  const bodySha256 = sha256Hex(rawBody);
  const [inserted] = await execRows<{ id: string }>(
    db,
    sql`insert into webhook_events (workspace_id, sender_phone_id, body_sha256, body, verified_sender_ids)
        values (${workspaces.size === 1 ? [...workspaces][0] : null}::uuid, ${only?.id ?? null}::uuid, ${bodySha256}, ${rawBody},
                ${`{${used.map((s) => s.id).join(',')}}`}::uuid[])
        on conflict (body_sha256) do nothing
        returning id`,
  );

  let eventId = inserted?.id;
  if (!eventId) {
    const [existing] = await db
      .select({ id: webhookEvents.id, status: webhookEvents.status, attempts: webhookEvents.attempts })
      .from(webhookEvents)
      .where(eq(webhookEvents.bodySha256, bodySha256));
    // Meta retries for days: a body that keeps failing is not re-run on every retry forever.
    if (!existing || existing.status !== 'failed' || existing.attempts >= MAX_WEBHOOK_EVENT_ATTEMPTS) {
      return { status: 200, body: { ok: true, duplicate: true, eventId: existing?.id } };
    }
    eventId = existing.id;
  }

  try {
    await processWebhookEvent(eventId, db);
    return { status: 200, body: { ok: true, eventId, processed: true, duplicate: !inserted } };
  } catch {
    return { status: 200, body: { ok: true, eventId, processed: false } };
  }
}
