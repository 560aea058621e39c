import { execute, parse } from 'graphql';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { getDb, watchQueries } from '@/db/client';
import { createSenderPhone, uniquePhone } from '@/db/factories';
import * as s from '@/db/schema';
import { createContext } from './context';
import { getSchema } from './schema';
import { workspaceWithKey } from './test-kit';

// No N+1: the nested lead query runs in a fixed number of statements, whatever the page size.
// Counted with Drizzle's logger (db/client.ts watchQueries), on both drivers; the request
// around it adds the key lookup and the rate-limit upsert (2-3 statements, not counted here).

const QUERY = `{ leads(first: 100) { edges { node {
  tags
  lastMessage { status }
  messages(first: 5) { edges { node { status } } }
  touchpoints { source }
} } } }`;

describe('SQL statements per request', () => {
  it('leads(first: 100) with tags, lastMessage, messages(first: 5) and touchpoints takes at most 4 statements', async () => {
    const { ws, apiKey } = await workspaceWithKey(['read']);
    const db = await getDb();
    const sender = await createSenderPhone(ws.id);
    const leads = await db
      .insert(s.leads)
      .values(Array.from({ length: 100 }, (_, i) => ({ workspaceId: ws.id, phoneE164: uniquePhone(), name: `Lead ${i}`, source: 'api' as const, tags: [`t${i % 3}`] })))
      .returning();
    await db.insert(s.leadTouchpoints).values(leads.map((l) => ({ workspaceId: ws.id, leadId: l.id, source: 'api' as const })));
    await db.insert(s.messages).values(
      leads.flatMap((l) =>
        Array.from({ length: 6 }, (_, j) => ({
          workspaceId: ws.id,
          leadId: l.id,
          senderPhoneId: sender.id,
          toPhone: l.phoneE164,
          status: j === 5 ? ('read' as const) : ('sent' as const),
          createdAt: new Date(Date.now() - (6 - j) * 60_000),
          idempotencyKey: `count:${randomUUID()}`,
        })),
      ),
    );

    const statements: string[] = [];
    const stop = watchQueries((q) => statements.push(q));
    const result = await execute({
      schema: getSchema(),
      document: parse(QUERY),
      contextValue: createContext({ workspace: ws, role: 'admin', scopes: ['read'], apiKeyId: apiKey.id, userId: null }),
    });
    stop();

    expect(result.errors).toBeUndefined();
    const edges = (result.data as { leads: { edges: { node: { tags: string[]; lastMessage: { status: string }; messages: { edges: unknown[] }; touchpoints: unknown[] } }[] } }).leads.edges;
    expect(edges).toHaveLength(100);
    for (const { node } of edges) {
      expect(node.lastMessage.status).toBe('READ');
      expect(node.messages.edges).toHaveLength(5);
      expect(node.touchpoints).toEqual([{ source: 'API' }]);
      expect(node.tags).toHaveLength(1);
    }
    expect(statements.length, statements.join('\n---\n')).toBeLessThanOrEqual(4);
  });
});
