import 'server-only';
import { getDb, type Db } from '@/db/client';
import { sha256Hex } from '@/lib/crypto/secret-box';
import { planWebhookEvent } from './apply-webhook-events';
import { byPhoneNumberId, phoneNumberIdsInRaw, phoneNumberIdsOf } from './find-webhook-senders';
import { envelopeSchema } from './schema';
import { commitWebhookEvent } from './webhook-batcher';
import { verifiedWebhookSenders } from './webhook-sender-cache';

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
// 3. The items are parsed (each on its own: one odd item never fails the others) into a plan.
// 4. The raw body is stored once (unique body_sha256) with the senders that verified it and its
//    plan applied, in one transaction shared with the bodies arriving at the same time (group
//    commit: webhook-batcher.ts, decision 017); the answer waits for that commit, so 200 means
//    "stored and applied" and nothing is lost if the process dies after answering. Meta's
//    retries of the same body are answered 200 without changing anything (a retry of a body
//    that failed to process re-runs it, up to MAX_WEBHOOK_EVENT_ATTEMPTS runs in all). If
//    applying throws, the body is stored as 'failed' with its error and still answered 200 (it
//    can be re-run: reprocessWebhookEvents).

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
  const verified = await verifiedWebhookSenders(db, rawIds, bytes, signature);
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
  const result = await commitWebhookEvent(db, {
    bodySha256: sha256Hex(rawBody),
    rawBody,
    workspaceId: workspaces.size === 1 ? [...workspaces][0] : null,
    senderPhoneId: only?.id ?? null,
    verifiedSenderIds: used.map((s) => s.id),
    plan: planWebhookEvent(parsed.data, byPhoneNumberId(used)),
  });
  if (result.duplicate && !result.processed) return { status: 200, body: { ok: true, duplicate: true, eventId: result.eventId } };
  return { status: 200, body: { ok: true, eventId: result.eventId, processed: result.processed, ...(result.duplicate ? { duplicate: true } : {}) } };
}
