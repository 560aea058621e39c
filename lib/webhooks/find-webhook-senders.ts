import 'server-only';
import { inArray } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { senderPhones } from '@/db/schema';
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

/**
 * The senders a webhook names. This lookup is deliberately not scoped by workspace: Meta's
 * webhook names only the phone number id (unique across workspaces), and the workspace is what
 * we learn from it. Everything after this is scoped by the sender's workspace.
 */
export async function findWebhookSenders(db: DbOrTx, phoneNumberIds: string[]): Promise<Map<string, WebhookSender>> {
  if (phoneNumberIds.length === 0) return new Map();
  const rows = await db
    .select({ id: senderPhones.id, workspaceId: senderPhones.workspaceId, phoneNumberId: senderPhones.phoneNumberId, appSecretEnc: senderPhones.appSecretEnc })
    .from(senderPhones)
    .where(inArray(senderPhones.phoneNumberId, phoneNumberIds));
  return new Map(rows.map((r) => [r.phoneNumberId, r]));
}
