import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { createLead } from '@/db/factories';
import * as s from '@/db/schema';
import { createApiKey } from '@/lib/api-keys/create-api-key';
import { toGlobalId } from './relay';
import { at, codes, gql, workspaceWithKey } from './test-kit';

// duplicateCandidates / mergeLeads / undoLeadMerge through POST /api/graphql, effects in the database.

describe('duplicates over GraphQL', () => {
  let A: Awaited<ReturnType<typeof workspaceWithKey>>;
  beforeAll(async () => {
    await getDb();
    A = await workspaceWithKey(['read', 'write']);
  });

  it('lists the pairs, merges one with choices, and undoes it', async () => {
    const db = await getDb();
    const a = await createLead(A.ws.id, { phoneE164: '+5511987654001', name: 'Ana', email: null });
    const b = await createLead(A.ws.id, { phoneE164: '+551187654001', name: 'Ana S.', email: 'ana@x.com' });
    const list = await gql(A.key, `{ duplicateCandidates(first: 10) { totalCount edges { node { confidence reasons leadA { id } leadB { id } } } } }`);
    expect(list.errors).toBeUndefined();
    expect(at(list, 'duplicateCandidates.totalCount')).toBe(1);
    expect(at(list, 'duplicateCandidates.edges.0.node')).toMatchObject({ confidence: 'HIGH', reasons: ['SAME_LINE'] });

    const merged = await gql(
      A.key,
      `mutation($input: MergeLeadsInput!) { mergeLeads(input: $input) { id mergedLeadId undoneAt survivor { id name email } } }`,
      { input: { survivorId: toGlobalId('Lead', a.id), mergedId: toGlobalId('Lead', b.id), choices: { name: 'SURVIVOR', email: 'MERGED' } } },
    );
    expect(merged.errors).toBeUndefined();
    expect(at(merged, 'mergeLeads.survivor')).toMatchObject({ id: toGlobalId('Lead', a.id), name: 'Ana', email: 'ana@x.com' });
    expect(await db.select().from(s.leads).where(eq(s.leads.id, b.id))).toHaveLength(0);

    const undone = await gql(A.key, `mutation($id: ID!) { undoLeadMerge(id: $id) { undoneAt } }`, { id: at(merged, 'mergeLeads.id') });
    expect(undone.errors).toBeUndefined();
    expect(at(undone, 'undoLeadMerge.undoneAt')).not.toBeNull();
    expect(await db.select().from(s.leads).where(eq(s.leads.id, b.id))).toHaveLength(1);
  });

  it('needs the write scope to merge, and refuses malformed and foreign ids', async () => {
    const readKey = (await createApiKey(A.ws.id, A.user.id, { name: 'ro', scopes: ['read'] })).key;
    const x = await createLead(A.ws.id);
    const y = await createLead(A.ws.id);
    const input = { survivorId: toGlobalId('Lead', x.id), mergedId: toGlobalId('Lead', y.id) };
    const q = `mutation($input: MergeLeadsInput!) { mergeLeads(input: $input) { id } }`;
    expect(codes(await gql(readKey, q, { input }))).toEqual(['FORBIDDEN']);
    const B = await workspaceWithKey(['read', 'write']);
    expect(codes(await gql(B.key, q, { input }))).toEqual(['NOT_FOUND']);
    expect(codes(await gql(A.key, q, { input: { ...input, mergedId: 'nope' } }))).toEqual(['NOT_FOUND']);
    expect(codes(await gql(A.key, `mutation { undoLeadMerge(id: "x") { id } }`))).toEqual(['NOT_FOUND']);
    expect(codes(await gql(A.key, `{ duplicateCandidates(after: "bad") { totalCount } }`))).toEqual(['BAD_USER_INPUT']);
  });
});
