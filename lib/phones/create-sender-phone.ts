import 'server-only';
import { forgetWebhookSenders } from '@/lib/webhooks/webhook-sender-cache';
import { and, eq, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { senderPhones } from '@/db/schema';
import { encryptSecret } from '@/lib/crypto/secret-box';
import { env } from '@/lib/env';
import { parseInput } from '@/lib/errors';
import type { GraphCallOptions } from '@/lib/whatsapp/graph-http';
import { checkPhoneCredentials, phoneNotVerified, verifiedColumns } from './check-phone-credentials';
import { createSenderPhoneSchema } from './schema';
import { isUniqueViolation, phoneNumberIdTaken } from './unique-phone-number-id';

/**
 * Adds a Cloud API sender once the Graph API confirms the phone number id with the token given:
 * a phone is saved (and active) only after a successful check, and a failed one says what failed
 * on the field to fix. The token and app secret are encrypted before they touch the database.
 * The API address is never taken from the form: it comes from this installation's
 * WHATSAPP_API_BASE_URL, so an admin cannot make the server call arbitrary URLs (SSRF).
 */
export async function createSenderPhone(workspaceId: string, input: unknown, opts: GraphCallOptions = {}): Promise<{ id: string }> {
  const data = parseInput(createSenderPhoneSchema, input);
  const db = await getDb();
  const [taken] = await db
    .select({ id: senderPhones.id })
    .from(senderPhones)
    .where(and(eq(senderPhones.workspaceId, workspaceId), eq(senderPhones.phoneNumberId, data.phoneNumberId)));
  if (taken) throw phoneNumberIdTaken();

  const e = env();
  const check = await checkPhoneCredentials(
    { phoneNumberId: data.phoneNumberId, wabaId: data.wabaId, accessToken: data.accessToken, apiBaseUrl: e.WHATSAPP_API_BASE_URL, apiVersion: e.WHATSAPP_API_VERSION },
    opts,
  );
  if (!check.ok) throw phoneNotVerified(check.failure);

  try {
    const [row] = await db
      .insert(senderPhones)
      .values({
        workspaceId,
        label: data.label,
        provider: 'cloud_api',
        phoneNumberId: data.phoneNumberId,
        wabaId: data.wabaId,
        accessTokenEnc: encryptSecret(data.accessToken),
        appSecretEnc: encryptSecret(data.appSecret),
        webhookVerifyToken: data.webhookVerifyToken,
        rateLimitPerSecond: data.rateLimitPerSecond,
        isActive: data.isActive,
        status: 'active',
        ...verifiedColumns(check.details),
        lastVerifiedAt: sql`now()`,
      })
      .returning({ id: senderPhones.id });
    forgetWebhookSenders(); // the number's webhooks may now verify with this workspace's app secret too
    return { id: row.id };
  } catch (err) {
    if (isUniqueViolation(err)) throw phoneNumberIdTaken();
    throw err;
  }
}
