import 'server-only';
import { and, eq, isNull, lt, or, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { apiKeys, workspaces, type ApiKey, type Workspace } from '@/db/schema';
import { AppError } from '@/lib/errors';
import { hashApiKey, looksLikeApiKey } from './api-key-token';

export type AuthenticatedKey = { apiKey: ApiKey; workspace: Workspace };

const REFUSED = 'Missing, invalid, revoked or expired API key.';

/**
 * The key's row and workspace, or UNAUTHENTICATED. One message for every refusal, so a
 * caller learns nothing about which keys exist. last_used_at is written at most once a
 * minute per key, not on every request.
 */
export async function authenticateApiKey(key: string): Promise<AuthenticatedKey> {
  if (!looksLikeApiKey(key)) throw new AppError('UNAUTHENTICATED', REFUSED);
  const db = await getDb();
  const [row] = await db
    .select({ apiKey: apiKeys, workspace: workspaces })
    .from(apiKeys)
    .innerJoin(workspaces, eq(workspaces.id, apiKeys.workspaceId))
    .where(eq(apiKeys.keyHash, hashApiKey(key)));
  const now = Date.now();
  if (!row || row.apiKey.revokedAt || (row.apiKey.expiresAt && row.apiKey.expiresAt.getTime() <= now)) {
    throw new AppError('UNAUTHENTICATED', REFUSED);
  }
  if (!row.apiKey.lastUsedAt || now - row.apiKey.lastUsedAt.getTime() > 60_000) {
    await db
      .update(apiKeys)
      .set({ lastUsedAt: sql`now()` })
      .where(
        and(
          eq(apiKeys.id, row.apiKey.id),
          or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, sql`now() - interval '1 minute'`)),
        ),
      );
  }
  return row;
}
