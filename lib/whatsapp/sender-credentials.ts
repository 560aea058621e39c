import 'server-only';
import { and, eq } from 'drizzle-orm';
import { getDb, type DbOrTx } from '@/db/client';
import { senderPhones, type SenderPhone } from '@/db/schema';
import { decryptSecret } from '@/lib/crypto/secret-box';
import { env } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { SANDBOX_BASE_PATH, sandboxApiBaseUrl } from './fake/sandbox';
import type { SenderCredentials } from './types';

/** Credentials from an already-loaded row (the dispatcher often has it). */
export function credentialsFromRow(
  row: Pick<SenderPhone, 'phoneNumberId' | 'wabaId' | 'accessTokenEnc' | 'apiBaseUrl' | 'apiVersion'>,
): SenderCredentials {
  return {
    phoneNumberId: row.phoneNumberId,
    wabaId: row.wabaId,
    accessToken: decryptSecret(row.accessTokenEnc),
    apiBaseUrl: resolveApiBaseUrl(row.apiBaseUrl),
    apiVersion: row.apiVersion ?? env().WHATSAPP_API_VERSION,
  };
}

/**
 * The built-in sandbox is served by every app process at its own APP_URL, so a row that points at
 * it is sent through this process's sandbox, whatever address the process that stored it had.
 * (Servers on one database used to rewrite the row at boot: a second server on another port then
 * pointed every sandbox sender at itself, and at nothing once it stopped.)
 */
function resolveApiBaseUrl(stored: string | null): string {
  if (!stored) return env().WHATSAPP_API_BASE_URL;
  if (env().isSandboxEnabled && stored.replace(/\/+$/, '').endsWith(SANDBOX_BASE_PATH)) return sandboxApiBaseUrl();
  return stored;
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
