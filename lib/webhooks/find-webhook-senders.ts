import 'server-only';
import { and, inArray } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { senderPhones } from '@/db/schema';
import { decryptSecret } from '@/lib/crypto/secret-box';
import { verifyWebhookSignature } from '@/lib/whatsapp/signature';
import type { WebhookEnvelope } from './schema';

export type WebhookSender = { id: string; workspaceId: string; phoneNumberId: string; appSecretEnc: string };

export function phoneNumberIdsOf(envelope: WebhookEnvelope): string[] {
  const ids = new Set<string>();
  for (const entry of envelope.entry) {
    for (const change of entry.changes) {
      const id = change.value.metadata?.phone_number_id;
      if (id) ids.add(id);
    }
  }
  return [...ids];
}

// Meta writes ids as plain JSON strings of digits. Reading them from the raw text lets the
// signature be checked before the body is parsed; the parsed envelope is then held to it.
const RAW_PHONE_NUMBER_ID = /"phone_number_id"\s*:\s*"(\d{1,30})"/g;
const MAX_RAW_IDS = 100;

/** The phone number ids a raw body names, without parsing it (at most 100). */
export function phoneNumberIdsInRaw(rawBody: string): string[] {
  const ids = new Set<string>();
  for (const m of rawBody.matchAll(RAW_PHONE_NUMBER_ID)) {
    ids.add(m[1]);
    if (ids.size >= MAX_RAW_IDS) break;
  }
  return [...ids];
}

/**
 * Every sender a webhook may be about. This lookup is deliberately not scoped by workspace:
 * Meta's webhook names only the phone number id, and the workspace is what we learn from it.
 * One id may be connected in several workspaces, so the result is a list of candidates; only
 * those whose app secret verifies the signature are used (verifiedBy). Everything after this
 * is scoped by the sender's workspace.
 */
export async function findWebhookSenders(db: DbOrTx, phoneNumberIds: string[], onlyIds?: string[]): Promise<WebhookSender[]> {
  if (phoneNumberIds.length === 0 || onlyIds?.length === 0) return [];
  return db
    .select({ id: senderPhones.id, workspaceId: senderPhones.workspaceId, phoneNumberId: senderPhones.phoneNumberId, appSecretEnc: senderPhones.appSecretEnc })
    .from(senderPhones)
    .where(and(inArray(senderPhones.phoneNumberId, phoneNumberIds), onlyIds ? inArray(senderPhones.id, onlyIds) : undefined));
}

/** The candidates whose app secret produced X-Hub-Signature-256 over these exact bytes (constant time). */
export function verifiedBy(candidates: WebhookSender[], rawBody: Buffer, signature: string): WebhookSender[] {
  return candidates.filter((s) => {
    try {
      return verifyWebhookSignature(rawBody, signature, decryptSecret(s.appSecretEnc));
    } catch {
      return false; // undecryptable secret (rotated key): cannot verify
    }
  });
}

/** Senders grouped by the phone number id they serve. */
export function byPhoneNumberId(senders: WebhookSender[]): Map<string, WebhookSender[]> {
  const map = new Map<string, WebhookSender[]>();
  for (const s of senders) map.set(s.phoneNumberId, [...(map.get(s.phoneNumberId) ?? []), s]);
  return map;
}
