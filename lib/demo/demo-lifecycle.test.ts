import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { execRows, getDb } from '@/db/client';
import { workspaces } from '@/db/schema';
import { seedDemo } from './seed-demo';

// Issue 15 item 7: a demo lead shows the stage a real lead in the same state would reach by
// events (lib/leads/lifecycle.ts): contacted only once a message was delivered or read.
describe('demo lifecycle', () => {
  it('follows the live rule: sent/failed/skipped stay new, delivered/read are contacted, a reply is engaged', async () => {
    await seedDemo();
    const db = await getDb();
    const [ws] = await db.select().from(workspaces).where(eq(workspaces.slug, 'demo'));
    const wrong = await execRows<{ id: string }>(
      db,
      sql`select l.id from leads l
          where l.workspace_id = ${ws.id}
            and l.lifecycle_status <> case
              when exists (select 1 from inbound_messages i where i.lead_id = l.id) or l.last_inbound_at is not null then 'engaged'
              when exists (select 1 from messages m where m.lead_id = l.id and m.status in ('delivered', 'read')) then 'contacted'
              else 'new' end`,
    );
    expect(wrong).toEqual([]);
  });
});
