import 'server-only';
import { and, eq, isNull, lt, or, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { apiKeys, workspaces, type ApiKey, type Workspace } from '@/db/schema';
import { AppError } from '@/lib/errors';
import { hashApiKey, looksLikeApiKey } from './api-key-token';

export type AuthenticatedKey = { apiKey: ApiKey; workspace: Workspace };

const REFUSED = 'Missing, invalid, revoked or expired API key.';

/**
 * How long a key that authenticated is believed without asking the database again. Revoking
 * in this process forgets it at once (revoke-api-key.ts); another server process notices
 * within this time. Expiry is checked on every request against the cached row.
 * See docs/decisions/016-api-key-cache-and-benchmark.md.
 */
export const API_KEY_CACHE_TTL_MS = 5_000;
const MAX_CACHED_KEYS = 1_000;

type Cached = { row: AuthenticatedKey; fetchedAt: number };
const state = globalThis as unknown as { __whatslabApiKeyCache?: Map<string, Cached> };
const cache = (state.__whatslabApiKeyCache ??= new Map());

/** Drops a key from this process's cache (on revoke). */
export function forgetApiKey(apiKeyId: string): void {
  for (const [hash, entry] of cache) if (entry.row.apiKey.id === apiKeyId) cache.delete(hash);
}

async function lookup(hash: string): Promise<AuthenticatedKey | undefined> {
  const db = await getDb();
  const [row] = await db
    .select({ apiKey: apiKeys, workspace: workspaces })
    .from(apiKeys)
    .innerJoin(workspaces, eq(workspaces.id, apiKeys.workspaceId))
    .where(eq(apiKeys.keyHash, hash));
  return row;
}

/**
 * The key's row and workspace, or UNAUTHENTICATED. One message for every refusal, so a
 * caller learns nothing about which keys exist. Refusals are never cached. last_used_at is
 * written at most once a minute per key, not on every request.
 */
export async function authenticateApiKey(key: string): Promise<AuthenticatedKey> {
  if (!looksLikeApiKey(key)) throw new AppError('UNAUTHENTICATED', REFUSED);
  const hash = hashApiKey(key);
  const now = Date.now();
  const hit = cache.get(hash);
  const isFresh = hit !== undefined && now - hit.fetchedAt < API_KEY_CACHE_TTL_MS;
  let row = isFresh ? hit.row : await lookup(hash);
  const fetchedAt = isFresh ? hit.fetchedAt : now;
  if (!row || row.apiKey.revokedAt || (row.apiKey.expiresAt && row.apiKey.expiresAt.getTime() <= now)) {
    cache.delete(hash);
    throw new AppError('UNAUTHENTICATED', REFUSED);
  }
  if (!row.apiKey.lastUsedAt || now - row.apiKey.lastUsedAt.getTime() > 60_000) {
    const db = await getDb();
    await db
      .update(apiKeys)
      .set({ lastUsedAt: sql`now()` })
      .where(
        and(
          eq(apiKeys.id, row.apiKey.id),
          or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, sql`now() - interval '1 minute'`)),
        ),
      );
    // Remembered as written, so the cached row does not ask again within the minute.
    row = { ...row, apiKey: { ...row.apiKey, lastUsedAt: new Date(now) } };
  }
  if (!cache.has(hash) && cache.size >= MAX_CACHED_KEYS) cache.delete(cache.keys().next().value!);
  cache.set(hash, { row, fetchedAt });
  return row;
}
