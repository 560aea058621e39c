import 'server-only';
import { eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { senderPhones } from '@/db/schema';
import { encryptSecret } from '@/lib/crypto/secret-box';
import { parseInput } from '@/lib/errors';
import { createSenderPhoneSchema } from './schema';
import { isUniqueViolation, phoneNumberIdTaken } from './unique-phone-number-id';

/**
 * Adds a Cloud API sender. The token and app secret are encrypted before they touch the
 * database. The API address is never taken from the form: it comes from this installation's
 * WHATSAPP_API_BASE_URL, so an admin cannot make the server call arbitrary URLs (SSRF).
 */
export async function createSenderPhone(workspaceId: string, input: unknown): Promise<{ id: string }> {
  const data = parseInput(createSenderPhoneSchema, input);
  const db = await getDb();
  const [taken] = await db.select({ id: senderPhones.id }).from(senderPhones).where(eq(senderPhones.phoneNumberId, data.phoneNumberId));
  if (taken) throw phoneNumberIdTaken();
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
      })
      .returning({ id: senderPhones.id });
    return { id: row.id };
  } catch (err) {
    if (isUniqueViolation(err)) throw phoneNumberIdTaken();
    throw err;
  }
}
