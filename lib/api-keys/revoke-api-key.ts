import 'server-only';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { apiKeys } from '@/db/schema';
import { AppError, parseInput } from '@/lib/errors';
import { forgetApiKey } from './authenticate-api-key';
import { apiKeyIdSchema } from './schema';

/** Revokes a key of this workspace; revoking twice is fine, another workspace's is "not found". */
export async function revokeApiKey(workspaceId: string, input: unknown): Promise<void> {
  const { id } = parseInput(apiKeyIdSchema, input);
  const db = await getDb();
  const [key] = await db
    .select({ id: apiKeys.id })
    .from(apiKeys)
    .where(and(eq(apiKeys.workspaceId, workspaceId), eq(apiKeys.id, id)));
  if (!key) throw new AppError('NOT_FOUND', 'This key does not exist.');
  await db
    .update(apiKeys)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(apiKeys.workspaceId, workspaceId), eq(apiKeys.id, id), isNull(apiKeys.revokedAt)));
  // Refused from the next request on in this process; other processes within API_KEY_CACHE_TTL_MS.
  forgetApiKey(id);
}
