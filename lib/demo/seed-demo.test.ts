import { count, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { leads, messages, workspaces } from '@/db/schema';
import { DEMO_LEAD_COUNT } from './demo-data';
import { seedDemo } from './seed-demo';

describe('seedDemo', () => {
  it('creates the demo workspace once, with no message left for the dispatcher', async () => {
    expect(await seedDemo()).toBe(true);
    expect(await seedDemo()).toBe(false);
    const db = await getDb();
    const [ws] = await db.select().from(workspaces).where(eq(workspaces.slug, 'demo'));
    const [{ n }] = await db.select({ n: count() }).from(leads).where(eq(leads.workspaceId, ws.id));
    expect(n).toBe(DEMO_LEAD_COUNT);
    const statuses = await db.selectDistinct({ status: messages.status }).from(messages).where(eq(messages.workspaceId, ws.id));
    expect(statuses.map((r) => r.status).sort()).toEqual(['delivered', 'failed', 'read', 'sent', 'skipped']);
  });
});
