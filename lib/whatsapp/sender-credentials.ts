import 'server-only';
import { and, eq } from 'drizzle-orm';
import { getDb, type DbOrTx } from '@/db/client';
import { senderPhones, type SenderPhone } from '@/db/schema';
import { decryptSecret } from '@/lib/crypto/secret-box';
import { env } from '@/lib/env';
import { AppError } from '@/lib/errors';
import type { SenderCredentials } from './types';

/** Credentials from an already-loaded row (the dispatcher often has it). */
export function credentialsFromRow(
  row: Pick<SenderPhone, 'phoneNumberId' | 'wabaId' | 'accessTokenEnc' | 'apiBaseUrl' | 'apiVersion'>,
): SenderCredentials {
  return {
    phoneNumberId: row.phoneNumberId,
    wabaId: row.wabaId,
    accessToken: decryptSecret(row.accessTokenEnc),
    apiBaseUrl: row.apiBaseUrl ?? env().WHATSAPP_API_BASE_URL,
    apiVersion: row.apiVersion ?? env().WHATSAPP_API_VERSION,
  };
}

export async function loadSenderCredentials(workspaceId: string, senderPhoneId: string, db?: DbOrTx): Promise<SenderCredentials> {
  db ??= await getDb();
  const [row] = await db
    .select({
      phoneNumberId: senderPhones.phoneNumberId,
      wabaId: senderPhones.wabaId,
      accessTokenEnc: senderPhones.accessTokenEnc,
      apiBaseUrl: senderPhones.apiBaseUrl,
      apiVersion: senderPhones.apiVersion,
    })
    .from(senderPhones)
    .where(and(eq(senderPhones.workspaceId, workspaceId), eq(senderPhones.id, senderPhoneId)))
    .limit(1);
  if (!row) throw new AppError('NOT_FOUND', 'Sender phone not found');
  return credentialsFromRow(row);
}
