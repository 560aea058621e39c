import { eq } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { getDb } from '@/db/client';
import { createUser, createWorkspace } from '@/db/factories';
import * as s from '@/db/schema';
import { hashApiKey } from './api-key-token';
import { API_KEY_CACHE_TTL_MS, authenticateApiKey } from './authenticate-api-key';
import { createApiKey } from './create-api-key';
import { listApiKeys } from './list-api-keys';
import { revokeApiKey } from './revoke-api-key';

async function owner() {
  const ws = await createWorkspace();
  const user = await createUser(undefined, { workspaceId: ws.id, role: 'owner' });
  return { ws, user };
}

describe('API keys', () => {
  it('creates a key shown once, stored as its SHA-256 with a visible prefix', async () => {
    const { ws, user } = await owner();
    const { key, apiKey } = await createApiKey(ws.id, user.id, { name: ' Zapier ', scopes: ['write', 'read', 'read'], expiresOn: '2099-01-31' });
    expect(key).toMatch(/^wl_live_[A-Za-z0-9]{32}$/);
    const [row] = await (await getDb()).select().from(s.apiKeys).where(eq(s.apiKeys.id, apiKey.id));
    expect(row).toMatchObject({ name: 'Zapier', prefix: key.slice(0, 12), keyHash: hashApiKey(key), scopes: ['read', 'write'], createdByUserId: user.id });
    expect(row.expiresAt?.toISOString()).toBe('2099-01-31T00:00:00.000Z');
    expect(JSON.stringify(row)).not.toContain(key);
    const listed = await listApiKeys(ws.id);
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ name: 'Zapier', prefix: key.slice(0, 12), createdBy: 'Test User' });
    expect(JSON.stringify(listed)).not.toContain(row.keyHash);
    expect((await authenticateApiKey(key)).workspace.id).toBe(ws.id);
  });

  it('refuses bad input with field messages', async () => {
    const { ws } = await owner();
    await expect(createApiKey(ws.id, null, { name: '', scopes: [] })).rejects.toMatchObject({ code: 'BAD_USER_INPUT', fields: { name: 'Give this key a name', scopes: 'Choose at least one scope' } });
    await expect(createApiKey(ws.id, null, { name: 'x', scopes: ['admin'] })).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    await expect(createApiKey(ws.id, null, { name: 'x', scopes: ['read'], expiresOn: '2001-01-01' })).rejects.toMatchObject({ fields: { expiresOn: 'Choose a day in the future' } });
  });

  it('revokes only within the workspace, and a revoked key no longer authenticates', async () => {
    const a = await owner();
    const b = await owner();
    const { key, apiKey } = await createApiKey(a.ws.id, a.user.id, { name: 'k', scopes: ['read'] });
    await expect(revokeApiKey(b.ws.id, { id: apiKey.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await authenticateApiKey(key);
    await revokeApiKey(a.ws.id, { id: apiKey.id });
    await expect(authenticateApiKey(key)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    await expect(authenticateApiKey(`${key.slice(0, -1)}x`)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('a key revoked by another server process is refused here once the 5-second cache runs out; expiry is exact', async () => {
    const a = await owner();
    const db = await getDb();
    const { key, apiKey } = await createApiKey(a.ws.id, a.user.id, { name: 'k', scopes: ['read'] });
    const expiring = await createApiKey(a.ws.id, a.user.id, { name: 'e', scopes: ['read'], expiresOn: '2099-01-31' });
    await authenticateApiKey(key);
    await authenticateApiKey(expiring.key);
    // What another process's revoke does: the row only, not this process's cache.
    await db.update(s.apiKeys).set({ revokedAt: new Date() }).where(eq(s.apiKeys.id, apiKey.id));
    expect((await authenticateApiKey(key)).apiKey.id).toBe(apiKey.id);
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(Date.now() + API_KEY_CACHE_TTL_MS + 1);
      await expect(authenticateApiKey(key)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
      vi.setSystemTime(new Date('2099-01-31T00:00:00Z'));
      await expect(authenticateApiKey(expiring.key)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    } finally {
      vi.useRealTimers();
    }
  });
});
