import { and, arrayContains, eq, inArray } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { createLead, createWorkspace, uniquePhone } from '@/db/factories';
import { leads, leadTouchpoints, type NewLead } from '@/db/schema';
import { AppError } from '@/lib/errors';
import { countLeads } from './count-leads';
import { deleteLeads } from './delete-leads';
import { BULK_CHUNK_SIZE, tagLeads } from './tag-leads';

async function seed(workspaceId: string, n: number, extra: (i: number) => Partial<NewLead> = () => ({})) {
  const db = await getDb();
  const rows: NewLead[] = Array.from({ length: n }, (_, i) => ({
    workspaceId,
    phoneE164: uniquePhone(),
    name: `Bulk ${i}`,
    source: 'import',
    ...extra(i),
  }));
  for (let i = 0; i < rows.length; i += 1000) await db.insert(leads).values(rows.slice(i, i + 1000));
}

async function tagsOf(workspaceId: string) {
  const db = await getDb();
  return db.select({ id: leads.id, tags: leads.tags, source: leads.source }).from(leads).where(eq(leads.workspaceId, workspaceId));
}

describe('bulk actions on leads', () => {
  it('adds a tag to every lead matching the filter, across chunks, and to no other workspace', async () => {
    const ws = (await createWorkspace()).id;
    const other = (await createWorkspace()).id;
    // More than one chunk, some already tagged, some not matching the filter.
    await seed(ws, BULK_CHUNK_SIZE + 700, (i) => ({
      tags: i % 100 === 0 ? ['hot'] : [],
      source: i % 10 === 9 ? 'api' : 'import',
    }));
    await seed(other, 20);

    const selection = { kind: 'filter', filter: { source: 'import' } };
    const expected = await countLeads(ws, selection);
    const already = (await tagsOf(ws)).filter((l) => l.source === 'import' && l.tags.includes('hot')).length;
    const { changed } = await tagLeads(ws, { selection, op: 'add', tag: 'hot' });

    expect(changed).toBe(expected - already);
    const after = await tagsOf(ws);
    expect(after.filter((l) => l.source === 'import').every((l) => l.tags.filter((t) => t === 'hot').length === 1)).toBe(true);
    expect(after.filter((l) => l.source === 'api').every((l) => !l.tags.includes('hot'))).toBe(true);
    expect((await tagsOf(other)).every((l) => l.tags.length === 0)).toBe(true);

    // Removing walks the same set; running it twice changes nothing the second time.
    const removed = await tagLeads(ws, { selection: { kind: 'filter', filter: { tag: 'hot' } }, op: 'remove', tag: 'hot' });
    expect(removed.changed).toBe(expected);
    expect((await tagsOf(ws)).some((l) => l.tags.includes('hot'))).toBe(false);
    expect((await tagLeads(ws, { selection: { kind: 'filter', filter: {} }, op: 'remove', tag: 'hot' })).changed).toBe(0);
  });

  it("ignores ids of another workspace's leads in an id selection", async () => {
    const ws = (await createWorkspace()).id;
    const other = (await createWorkspace()).id;
    const mine = await createLead(ws);
    const theirs = await createLead(other);
    const selection = { kind: 'ids', ids: [mine.id, theirs.id] };
    expect(await countLeads(ws, selection)).toBe(1);
    expect((await tagLeads(ws, { selection, op: 'add', tag: 'picked' })).changed).toBe(1);
    expect((await tagsOf(other))[0].tags).toEqual([]);
    await expect(deleteLeads(ws, { selection, confirmCount: 2 })).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await deleteLeads(ws, { selection, confirmCount: 1 })).toEqual({ deleted: 1 });
    expect(await tagsOf(other)).toHaveLength(1);
  });

  it('deletes only when the typed count matches what the filter selects now, with their touchpoints', async () => {
    const db = await getDb();
    const ws = (await createWorkspace()).id;
    const other = (await createWorkspace()).id;
    await seed(ws, 30, (i) => ({ tags: i < 12 ? ['spam'] : [] }));
    await seed(other, 5, () => ({ tags: ['spam'] }));
    const [spam] = await db.select().from(leads).where(and(eq(leads.workspaceId, ws), arrayContains(leads.tags, ['spam']))).limit(1);
    await db.insert(leadTouchpoints).values({ workspaceId: ws, leadId: spam.id, source: 'import' });
    const selection = { kind: 'filter', filter: { tag: 'spam' } };

    const wrong = await deleteLeads(ws, { selection, confirmCount: 11 }).catch((e: unknown) => e);
    expect(wrong).toBeInstanceOf(AppError);
    expect((wrong as AppError).fields?.confirmCount).toMatch(/12 leads match now, not 11/);
    expect(await tagsOf(ws)).toHaveLength(30);

    expect(await deleteLeads(ws, { selection, confirmCount: 12 })).toEqual({ deleted: 12 });
    const left = await tagsOf(ws);
    expect(left).toHaveLength(18);
    expect(left.some((l) => l.tags.includes('spam'))).toBe(false);
    expect(await tagsOf(other)).toHaveLength(5);
    const orphans = await db.select().from(leadTouchpoints).where(inArray(leadTouchpoints.leadId, [spam.id]));
    expect(orphans).toEqual([]);
  });

  it('rejects bad input with field errors', async () => {
    const ws = (await createWorkspace()).id;
    await expect(tagLeads(ws, { selection: { kind: 'ids', ids: [] }, op: 'add', tag: 'x' })).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
    });
    await expect(tagLeads(ws, { selection: { kind: 'filter', filter: {} }, op: 'add', tag: '  ' })).rejects.toMatchObject({
      fields: { tag: 'Enter a tag' },
    });
    await expect(deleteLeads(ws, { selection: { kind: 'filter', filter: {} }, confirmCount: 'abc' })).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
    });
  });
});
