import 'server-only';
import { forgetWebhookSenders } from '@/lib/webhooks/webhook-sender-cache';
import { and, eq, ne, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { senderPhones, type NewSenderPhone } from '@/db/schema';
import { encryptSecret } from '@/lib/crypto/secret-box';
import { AppError, parseInput } from '@/lib/errors';
import { updateSenderPhoneSchema } from './schema';
import { isUniqueViolation, phoneNumberIdTaken } from './unique-phone-number-id';
import { verifySenderPhone } from './verify-sender-phone';

/**
 * Edits a sender. An empty token or app secret keeps the stored one (the browser never has it).
 * A new phone number id or token is checked against the Graph API right after saving: the
 * sender is active again only if it verifies, and otherwise needs attention with the reason.
 */
export async function updateSenderPhone(workspaceId: string, input: unknown): Promise<void> {
  const data = parseInput(updateSenderPhoneSchema, input);
  const db = await getDb();
  const [taken] = await db
    .select({ id: senderPhones.id })
    .from(senderPhones)
    .where(and(eq(senderPhones.workspaceId, workspaceId), eq(senderPhones.phoneNumberId, data.phoneNumberId), ne(senderPhones.id, data.id)));
  if (taken) throw phoneNumberIdTaken();
  const [stored] = await db
    .select({ phoneNumberId: senderPhones.phoneNumberId })
    .from(senderPhones)
    .where(and(eq(senderPhones.workspaceId, workspaceId), eq(senderPhones.id, data.id)));
  if (!stored) throw new AppError('NOT_FOUND', 'This phone no longer exists.');
  // New credentials are unproven: the phone stops being active until they verify (right below).
  const isReconnect = Boolean(data.accessToken) || stored.phoneNumberId !== data.phoneNumberId;
  const changes: Partial<NewSenderPhone> = {
    label: data.label,
    phoneNumberId: data.phoneNumberId,
    wabaId: data.wabaId,
    webhookVerifyToken: data.webhookVerifyToken,
    rateLimitPerSecond: data.rateLimitPerSecond,
    isActive: data.isActive,
  };
  if (data.accessToken) changes.accessTokenEnc = encryptSecret(data.accessToken);
  if (data.appSecret) changes.appSecretEnc = encryptSecret(data.appSecret);
  if (isReconnect) {
    changes.status = 'needs_attention';
    changes.statusReason = 'The new phone number ID or access token has not been verified yet. Press Verify connection.';
  }
  try {
    const rows = await db
      .update(senderPhones)
      .set({ ...changes, updatedAt: sql`now()` })
      .where(and(eq(senderPhones.workspaceId, workspaceId), eq(senderPhones.id, data.id)))
      .returning({ id: senderPhones.id });
    if (rows.length === 0) throw new AppError('NOT_FOUND', 'This phone no longer exists.');
    forgetWebhookSenders(); // a new app secret or phone number id verifies webhooks from now on
  } catch (err) {
    if (isUniqueViolation(err)) throw phoneNumberIdTaken();
    throw err;
  }
  if (isReconnect) await verifySenderPhone(workspaceId, { id: data.id });
}
