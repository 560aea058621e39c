import 'server-only';
import { getDb } from '@/db/client';
import { apiKeys, type ApiKey } from '@/db/schema';
import { parseInput } from '@/lib/errors';
import { generateApiKey, hashApiKey, VISIBLE_PREFIX_LENGTH } from './api-key-token';
import { createApiKeySchema } from './schema';

export type CreatedApiKey = { key: string; apiKey: ApiKey };

/** Makes a key for the workspace; the key itself is in the answer once and never stored. */
export async function createApiKey(workspaceId: string, userId: string | null, input: unknown): Promise<CreatedApiKey> {
  const values = parseInput(createApiKeySchema, input);
  const key = generateApiKey();
  const db = await getDb();
  const [apiKey] = await db
    .insert(apiKeys)
    .values({
      workspaceId,
      name: values.name,
      prefix: key.slice(0, VISIBLE_PREFIX_LENGTH),
      keyHash: hashApiKey(key),
      scopes: [...new Set(values.scopes)].sort(),
      expiresAt: values.expiresOn ? new Date(`${values.expiresOn}T00:00:00Z`) : null,
      createdByUserId: userId,
    })
    .returning();
  return { key, apiKey };
}
