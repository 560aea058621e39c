import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { execRows, getDb } from '@/db/client';
import { createLead, createWorkspace, uniquePhone } from '@/db/factories';
import { leads, workspaces, type NewLead } from '@/db/schema';
import { eq } from 'drizzle-orm';
import type { LeadSort } from './lead-filters';
import { listLeads, SELECTIVE_MATCHES, type LeadListQuery } from './list-leads';

const day = (d: number, h = 12) => new Date(Date.UTC(2026, 4, d, h));

async function walk(workspaceId: string, query: LeadListQuery, pageSize: number) {
  const ids: string[] = [];
  const cursors: (string | null)[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < 100; i++) {
    const page = await listLeads(workspaceId, { ...query, cursor, dir: 'next' }, { pageSize });
    ids.push(...page.rows.map((r) => r.id));
    cursors.push(page.prevCursor);
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  return { ids, cursors };
}

/** Walks back from the last page with "previous" links; returns ids in forward order. */
async function walkBack(workspaceId: string, query: LeadListQuery, pageSize: number) {
  let cursor: string | undefined;
  let last: Awaited<ReturnType<typeof listLeads>> | null = null;
  for (let i = 0; i < 100; i++) {
    last = await listLeads(workspaceId, { ...query, cursor, dir: 'next' }, { pageSize });
    if (!last.nextCursor) break;
    cursor = last.nextCursor;
  }
  const pages: string[][] = [last!.rows.map((r) => r.id)];
  let prev = last!.prevCursor;
  while (prev) {
    const page = await listLeads(workspaceId, { ...query, cursor: prev, dir: 'prev' }, { pageSize });
    pages.unshift(page.rows.map((r) => r.id));
    prev = page.prevCursor;
  }
  return pages.flat();
}

describe('listLeads filters and sorts', () => {
  let ws: string;
  let other: string;
  const named: Record<string, string> = {};

  beforeAll(async () => {
    const db = await getDb();
    ws = (await createWorkspace()).id;
    other = (await createWorkspace()).id;
    // The workspace's day starts at 03:00 UTC (UTC-3): created ranges are local days.
    await db.update(workspaces).set({ timezone: 'America/Sao_Paulo' }).where(eq(workspaces.id, ws));
    const rows: NewLead[] = [];
    for (let i = 0; i < 60; i++) {
      rows.push({
        workspaceId: ws,
        phoneE164: uniquePhone(),
        // Ties on purpose: names repeat, unnamed leads, equal timestamps.
        name: i % 10 === 0 ? null : `Person ${String(i % 7).padStart(2, '0')}`,
        email: `p${i}@example.com`,
        source: i % 2 === 0 ? 'import' : 'landing_page',
        tags: i % 3 === 0 ? ['vip'] : i % 3 === 1 ? ['cold', 'vip-not'] : [],
        lifecycleStatus: i % 4 === 0 ? 'qualified' : 'new',
        optedOutAt: i % 5 === 0 ? day(2) : null,
        lastInboundAt: i % 6 === 0 ? day(10 + (i % 4)) : null,
        createdAt: day(1 + Math.floor(i / 4)),
      });
    }
    const inserted = await db.insert(leads).values(rows).returning({ id: leads.id });
    named.first = inserted[0].id;
    // Local midnight edge: 02:30 UTC on 20 May is still 19 May in São Paulo.
    const [edge] = await db
      .insert(leads)
      .values({ workspaceId: ws, phoneE164: uniquePhone(), name: 'Edge Case', source: 'api', createdAt: day(20, 2) })
      .returning();
    named.edge = edge.id;
    await createLead(other, { name: 'Person 01', tags: ['vip'], source: 'import' });
  });

  async function all(query: LeadListQuery) {
    return (await walk(ws, query, 50)).ids;
  }
  async function expected(where: string, order = 'created_at desc, id desc') {
    const db = await getDb();
    const rows = await execRows<{ id: string }>(
      db,
      sql`select id from leads where workspace_id = ${ws} and ${sql.raw(where)} order by ${sql.raw(order)}`,
    );
    return rows.map((r) => r.id);
  }

  it('filters by tag (exact tag, not a prefix), status, opted out and replied', async () => {
    expect(await all({ tag: 'vip' })).toEqual(await expected(`'vip' = any(tags)`));
    expect((await all({ tag: 'vip' })).length).toBe(20);
    expect(await all({ status: 'qualified' })).toEqual(await expected(`lifecycle_status = 'qualified'`));
    expect(await all({ optedOut: 'yes' })).toEqual(await expected('opted_out_at is not null'));
    expect(await all({ optedOut: 'no' })).toEqual(await expected('opted_out_at is null'));
    expect(await all({ replied: 'yes' })).toEqual(await expected('last_inbound_at is not null'));
    expect(await all({ replied: 'no' })).toEqual(await expected('last_inbound_at is null'));
  });

  it('combines filters with AND and keeps them across pages', async () => {
    const ids = (await walk(ws, { tag: 'vip', source: 'import', optedOut: 'no' }, 3)).ids;
    expect(ids).toEqual(await expected(`'vip' = any(tags) and source = 'import' and opted_out_at is null`));
    expect(ids.length).toBeGreaterThan(3);
  });

  it("reads the created range as whole days in the workspace's time zone", async () => {
    // Created 1-15 May at 12:00 UTC (4 a day), plus the edge lead at 02:30 UTC on 20 May.
    expect(await all({ createdFrom: '2026-05-03', createdTo: '2026-05-04' })).toEqual(
      await expected(`created_at >= '2026-05-03T03:00:00Z' and created_at < '2026-05-05T03:00:00Z'`),
    );
    expect((await all({ createdFrom: '2026-05-03', createdTo: '2026-05-04' })).length).toBe(8);
    expect(await all({ createdFrom: '2026-05-19', createdTo: '2026-05-19' })).toEqual([named.edge]);
    expect(await all({ createdFrom: '2026-05-20' })).toEqual([]);
  });

  it('searches with one or two characters too (no trigrams: the sort index is walked)', async () => {
    expect(await all({ q: 'p5' })).toEqual(await expected(`(coalesce(name, '') || ' ' || coalesce(email, '')) ilike '%p5%'`));
    expect((await all({ q: 'p5' })).length).toBeGreaterThan(0);
    expect((await walk(ws, { q: 'Pe', sort: 'name' }, 9)).ids).toEqual(
      await expected(`name ilike '%pe%' or email ilike '%pe%'`, `(name is null) asc, coalesce(name, '') asc, id asc`),
    );
  });

  it("never returns another workspace's leads, whatever the filter", async () => {
    const theirs = await listLeads(other, { tag: 'vip', q: 'Person' });
    expect(theirs.rows).toHaveLength(1);
    const mine = await all({ q: 'Person 01' });
    expect(mine).not.toContain(theirs.rows[0].id);
  });

  const ORDERS: Record<LeadSort, string> = {
    newest: 'created_at desc, id desc',
    oldest: 'created_at asc, id asc',
    name: `(name is null) asc, coalesce(name, '') asc, id asc`,
    activity: 'greatest(created_at, last_inbound_at) desc, id desc',
  };

  for (const sort of Object.keys(ORDERS) as LeadSort[]) {
    it(`sort "${sort}": every lead exactly once in order, forward and back, with ties across pages`, async () => {
      const want = await expected('true', ORDERS[sort]);
      expect(want).toHaveLength(61);
      for (const size of [1, 7, 50]) {
        const { ids } = await walk(ws, { sort }, size);
        expect(ids, `page size ${size}`).toEqual(want);
      }
      expect(await walkBack(ws, { sort }, 7)).toEqual(want);
      // The same sort under a filter.
      expect((await walk(ws, { sort, tag: 'vip' }, 4)).ids).toEqual(await expected(`'vip' = any(tags)`, ORDERS[sort]));
    });
  }

  it('puts unnamed leads after named ones in the name sort', async () => {
    const first = await listLeads(ws, { sort: 'name' });
    const second = await listLeads(ws, { sort: 'name', cursor: first.nextCursor!, dir: 'next' });
    const names = [...first.rows, ...second.rows].map((r) => r.name);
    expect(names).toHaveLength(61);
    const firstNull = names.indexOf(null);
    expect(firstNull).toBeGreaterThan(0);
    expect(names.slice(firstNull).every((n) => n === null)).toBe(true);
  });

  it('ignores a cursor from another sort instead of returning a wrong page', async () => {
    const newest = await listLeads(ws, { sort: 'newest' }, { pageSize: 5 });
    const page = await listLeads(ws, { sort: 'name', cursor: newest.nextCursor!, dir: 'next' }, { pageSize: 5 });
    const first = await listLeads(ws, { sort: 'name' }, { pageSize: 5 });
    expect(page.rows.map((r) => r.id)).toEqual(first.rows.map((r) => r.id));
  });
});

describe('listLeads plan choice for tag and text filters', () => {
  it('returns the same pages whether a filter matches few leads or more than SELECTIVE_MATCHES', async () => {
    const db = await getDb();
    const ws = (await createWorkspace()).id;
    const rows: NewLead[] = Array.from({ length: SELECTIVE_MATCHES + 150 }, (_, i) => ({
      workspaceId: ws,
      phoneE164: uniquePhone(),
      name: i % 200 === 0 ? `Rare Rodrigo ${i}` : `Common Carla ${i}`,
      source: 'import',
      tags: i % 200 === 0 ? ['few', 'many'] : ['many'],
      createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, Math.floor(i / 2))),
    }));
    await db.insert(leads).values(rows);
    for (const filter of [{ tag: 'many' }, { tag: 'few' }, { q: 'Common Carla' }, { q: 'Rare Rodrigo' }, { tag: 'many', q: 'Rare' }]) {
      const want = await execRows<{ id: string }>(
        db,
        sql`select id from leads where workspace_id = ${ws}
            and (${filter.tag ?? null}::text is null or tags @> array[${filter.tag ?? ''}]::text[])
            and (${filter.q ?? null}::text is null or name ilike ${`%${filter.q ?? ''}%`})
            order by created_at desc, id desc`,
      );
      const { ids } = await walk(ws, filter, 50);
      expect(ids, JSON.stringify(filter)).toEqual(want.map((r) => r.id));
    }
  });
});
