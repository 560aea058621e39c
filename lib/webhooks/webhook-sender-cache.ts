import 'server-only';
import type { Db } from '@/db/client';
import { decryptSecret } from '@/lib/crypto/secret-box';
import { verifyWebhookSignature } from '@/lib/whatsapp/signature';
import { findWebhookSenders, type WebhookSender } from './find-webhook-senders';

// The receiver's sender lookup, remembered per process for a few seconds. A broadcast brings
// thousands of webhooks a minute for the same few phone number ids; looking their senders up and
// decrypting their app secrets for each one was a statement and ~0.1 ms of CPU per event
// (bench:webhooks). Only found senders are remembered (an unknown id is looked up every time, so
// a number registered a moment ago is verified at once). A change of a sender in this process
// forgets them all (forgetWebhookSenders, called by the phone use cases); another process sees
// it within TTL_MS, the same staleness the API key cache accepts (decision 016).

const TTL_MS = 5_000;
const MAX_ENTRIES = 10_000;

type Entry = { at: number; senders: (WebhookSender & { secret: string | null })[] };
const cache: Map<string, Entry> = ((globalThis as unknown as { __whatslabWebhookSenders?: Map<string, Entry> }).__whatslabWebhookSenders ??= new Map());

export function forgetWebhookSenders(): void {
  cache.clear();
}

function decrypt(enc: string): string | null {
  try {
    return decryptSecret(enc);
  } catch {
    return null; // undecryptable secret (rotated key): cannot verify
  }
}

/** The senders connected with these phone number ids whose app secret produced `signature` over `rawBody`. */
export async function verifiedWebhookSenders(db: Db, phoneNumberIds: string[], rawBody: Buffer, signature: string): Promise<WebhookSender[]> {
  const key = [...phoneNumberIds].sort().join(',');
  let entry = cache.get(key);
  if (!entry || Date.now() - entry.at > TTL_MS) {
    const senders = await findWebhookSenders(db, phoneNumberIds);
    entry = { at: Date.now(), senders: senders.map((s) => ({ ...s, secret: decrypt(s.appSecretEnc) })) };
    if (senders.length > 0) {
      if (cache.size >= MAX_ENTRIES) cache.clear();
      cache.set(key, entry);
    } else cache.delete(key);
  }
  return entry.senders
    .filter((s) => s.secret !== null && verifyWebhookSignature(rawBody, signature, s.secret))
    .map((s) => ({ id: s.id, workspaceId: s.workspaceId, phoneNumberId: s.phoneNumberId, appSecretEnc: s.appSecretEnc }));
}
