import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { execRows, getDb, type Db } from '@/db/client';
import { webhookEvents } from '@/db/schema';
import { decryptSecret, sha256Hex } from '@/lib/crypto/secret-box';
import { verifyWebhookSignature } from '@/lib/whatsapp/signature';
import { findWebhookSenders, phoneNumberIdsOf } from './find-webhook-senders';
import { processWebhookEvent } from './process-webhook-event';
import { envelopeSchema } from './schema';

// POST /api/webhooks/whatsapp, behind the door:
// 1. The raw text is what Meta signed: parse it only to learn which phone number ids it names.
// 2. Every phone id named must belong to a sender whose app secret verifies X-Hub-Signature-256
//    (constant time). Otherwise 401 and nothing is written: a body signed by workspace A's app
//    can never touch workspace B, and every stored event is a verified one (safe to re-run).
//    Malformed JSON or an unexpected shape is 400, never 500.
// 3. The raw body is stored once (unique body_sha256): Meta's retries of the same body are
//    answered 200 without changing anything (a retry of a body that failed to process re-runs it).
// 4. Processing runs synchronously inside the request, right after the insert. Why not `after()`:
//    a batch is a handful of indexed single-row statements (milliseconds), the 200 then means
//    "applied", tests and the sandbox see the effects immediately, and nothing is lost if the
//    process dies after answering. If processing throws, the event is marked 'failed' with its
//    error and we still answer 200 (it is stored and can be re-run: reprocessWebhookEvents).

export type WebhookReceipt = {
  status: 200 | 400 | 401;
  body: { ok: boolean; eventId?: string; duplicate?: boolean; processed?: boolean; error?: string };
};

function verifiedBy(rawBody: string, signature: string | null, appSecretEnc: string): boolean {
  try {
    return verifyWebhookSignature(rawBody, signature, decryptSecret(appSecretEnc));
  } catch {
    return false; // undecryptable secret (rotated key): cannot verify
  }
}

export async function receiveWhatsAppWebhook(input: { rawBody: string; signature: string | null }, db?: Db): Promise<WebhookReceipt> {
  const { rawBody, signature } = input;
  if (!signature) return { status: 401, body: { ok: false, error: 'missing signature' } };

  let json: unknown;
  try {
    json = JSON.parse(rawBody);
  } catch {
    return { status: 400, body: { ok: false, error: 'malformed JSON' } };
  }
  const parsed = envelopeSchema.safeParse(json);
  if (!parsed.success) return { status: 400, body: { ok: false, error: 'not a WhatsApp webhook envelope' } };

  db ??= await getDb();
  const phoneIds = phoneNumberIdsOf(parsed.data);
  const senders = await findWebhookSenders(db, phoneIds);
  const named = phoneIds.map((id) => senders.get(id));
  if (named.length === 0 || named.some((s) => !s || !verifiedBy(rawBody, signature, s.appSecretEnc))) {
    return { status: 401, body: { ok: false, error: 'unknown sender or bad signature' } };
  }

  const workspaces = new Set(named.map((s) => s!.workspaceId));
  const only = named.length === 1 ? named[0]! : undefined;
  const bodySha256 = sha256Hex(rawBody);
  const [inserted] = await execRows<{ id: string }>(
    db,
    sql`insert into webhook_events (workspace_id, sender_phone_id, body_sha256, body)
        values (${workspaces.size === 1 ? [...workspaces][0] : null}::uuid, ${only?.id ?? null}::uuid, ${bodySha256}, ${rawBody})
        on conflict (body_sha256) do nothing
        returning id`,
  );

  let eventId = inserted?.id;
  if (!eventId) {
    const [existing] = await db
      .select({ id: webhookEvents.id, status: webhookEvents.status })
      .from(webhookEvents)
      .where(eq(webhookEvents.bodySha256, bodySha256));
    if (!existing || existing.status !== 'failed') return { status: 200, body: { ok: true, duplicate: true, eventId: existing?.id } };
    eventId = existing.id;
  }

  try {
    await processWebhookEvent(eventId, db);
    return { status: 200, body: { ok: true, eventId, processed: true, duplicate: !inserted } };
  } catch {
    return { status: 200, body: { ok: true, eventId, processed: false } };
  }
}
