import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { execRows, getDb } from '@/db/client';
import { createLead, createQueuedMessage, createSenderPhone, createWorkspace, uniquePhone } from '@/db/factories';
import { leads, type NewLead } from '@/db/schema';
import { decodeCursor, encodeCursor } from './lead-sorts';
import { LEADS_PAGE_SIZE, leadListQuerySchema, listLeads, type LeadListQuery } from './list-leads';

/** Follows "next" links from the first page to the last; returns every page's ids. */
async function walkForward(workspaceId: string, query: LeadListQuery = {}, pageSize?: number) {
  const pages: string[][] = [];
  let cursor: string | undefined;
  let lastPrev: string | null = null;
  do {
    const page = await listLeads(workspaceId, { ...query, cursor, dir: 'next' }, { pageSize });
    pages.push(page.rows.map((r) => r.id));
    if (pages.length === 1) expect(page.prevCursor).toBeNull();
    lastPrev = page.prevCursor;
    cursor = page.nextCursor ?? undefined;
  } while (cursor && pages.length < 50);
  return { pages, lastPrev };
}

describe('listLeads', () => {
  let wsId: string;
  let otherWsId: string;
  let expectedOrder: string[];

  beforeAll(async () => {
    const db = await getDb();
    wsId = (await createWorkspace()).id;
    otherWsId = (await createWorkspace()).id;
    const row = (i: number, extra: Partial<NewLead> = {}): NewLead => ({
      workspaceId: wsId,
      phoneE164: uniquePhone(),
      name: `Lead ${i}`,
      source: i % 3 === 0 ? 'import' : 'landing_page',
      ...extra,
    });
    // One statement: all 48 share now() exactly, so only the id orders them.
    await db.insert(leads).values(Array.from({ length: 48 }, (_, i) => row(i)));
    // Same millisecond, different microseconds, placed across the first page boundary (rows
    // 48-51): a cursor rounded to milliseconds would skip two of them.
    for (const micros of ['000100', '000200', '000300', '000400']) {
      const [lead] = await db.insert(leads).values(row(200 + Number(micros), { source: 'api' })).returning();
      await db.execute(sql`update leads set created_at = ${`2026-06-01T10:00:00.${micros}Z`}::timestamptz where id = ${lead.id}`);
    }
    // Groups of three sharing a millisecond timestamp.
    await db.insert(leads).values(
      Array.from({ length: 45 }, (_, i) => row(100 + i, { createdAt: new Date(Date.UTC(2026, 0, 1, 0, Math.floor(i / 3))) })),
    );
    const ordered = await execRows<{ id: string }>(
      db,
      sql`select id from leads where workspace_id = ${wsId} order by created_at desc, id desc`,
    );
    expectedOrder = ordered.map((r) => r.id);
    for (let i = 0; i < 5; i++) await createLead(otherWsId, { name: `Lead ${i}` });
  });

  it('pages through every lead once, newest first, with no gaps or duplicates', async () => {
    expect(expectedOrder).toHaveLength(97);
    const { pages, lastPrev } = await walkForward(wsId);
    expect(pages.map((p) => p.length)).toEqual([LEADS_PAGE_SIZE, 47]);
    expect(pages.flat()).toEqual(expectedOrder);
    expect(lastPrev).not.toBeNull();
  });

  it('keeps every row when page boundaries fall inside groups of equal timestamps', async () => {
    const { pages } = await walkForward(wsId, {}, 7);
    expect(pages).toHaveLength(14);
    expect(pages.flat()).toEqual(expectedOrder);
  });

  it('walks back with previous links to the same pages', async () => {
    const forward: { ids: string[]; next: string | null; prev: string | null }[] = [];
    let cursor: string | undefined;
    do {
      const page = await listLeads(wsId, { cursor, dir: 'next' });
      forward.push({ ids: page.rows.map((r) => r.id), next: page.nextCursor, prev: page.prevCursor });
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    let prev = forward[forward.length - 1].prev;
    for (let i = forward.length - 2; i >= 0; i--) {
      const page = await listLeads(wsId, { cursor: prev!, dir: 'prev' });
      expect(page.rows.map((r) => r.id)).toEqual(forward[i].ids);
      expect(page.nextCursor).not.toBeNull();
      prev = page.prevCursor;
    }
    expect(prev).toBeNull();
  });

  it("never shows another workspace's leads", async () => {
    const mine = await listLeads(otherWsId);
    expect(mine.rows).toHaveLength(5);
    const theirs = await listLeads(wsId, { q: 'Lead' }, { pageSize: 50 });
    const otherIds = new Set(mine.rows.map((r) => r.id));
    expect(theirs.rows.some((r) => otherIds.has(r.id))).toBe(false);
  });

  it('finds a phone by its digits in any format', async () => {
    const lead = await createLead(otherWsId, { phoneE164: '+5521987650001', name: 'Carla Dias' });
    for (const q of ['+55 21 98765-0001', '(21) 98765-0001', '21987650001', '987650001', '5521987650001']) {
      const page = await listLeads(otherWsId, { q });
      expect(page.rows.map((r) => r.id), q).toEqual([lead.id]);
    }
    // The same number in the other workspace stays invisible.
    expect((await listLeads(wsId, { q: '21987650001' })).rows).toEqual([]);
  });

  it('searches name and e-mail case-insensitively and treats % and _ literally', async () => {
    const lead = await createLead(otherWsId, { name: 'Beatriz Nogueira', email: 'bia@Example.org' });
    expect((await listLeads(otherWsId, { q: 'nogueIRA' })).rows.map((r) => r.id)).toEqual([lead.id]);
    expect((await listLeads(otherWsId, { q: 'BIA@example' })).rows.map((r) => r.id)).toEqual([lead.id]);
    expect((await listLeads(otherWsId, { q: '%' })).rows).toEqual([]);
    expect((await listLeads(otherWsId, { q: '_' })).rows).toEqual([]);
  });

  it('filters by source and keeps the filter across pages', async () => {
    const { pages } = await walkForward(wsId, { source: 'import' });
    const ids = pages.flat();
    const all = await walkForward(wsId);
    expect(ids.length).toBe(31); // i % 3 === 0: 16 of the first 48 and 15 of the 45 dated ones
    expect(new Set(ids).size).toBe(ids.length);
    const page = await listLeads(wsId, { source: 'import' });
    expect(page.rows.every((r) => r.source === 'import')).toBe(true);
    expect(all.pages.flat().filter((id) => ids.includes(id))).toEqual(ids);
  });

  it("shows the status of each lead's latest message", async () => {
    const phone = await createSenderPhone(otherWsId);
    const lead = await createLead(otherWsId, { name: 'Zé Message' });
    const base = { leadId: lead.id, senderPhoneId: phone.id, toPhone: lead.phoneE164 };
    await createQueuedMessage(otherWsId, { ...base, status: 'read', createdAt: new Date('2026-01-01T00:00:00Z') });
    await createQueuedMessage(otherWsId, { ...base, status: 'failed', createdAt: new Date('2026-01-02T00:00:00Z') });
    const page = await listLeads(otherWsId, { q: 'Zé Message' });
    expect(page.rows[0].lastMessageStatus).toBe('failed');
    const quiet = await listLeads(otherWsId, { q: 'Carla' });
    expect(quiet.rows[0].lastMessageStatus).toBeNull();
  });

  it('ignores malformed cursors and query values instead of failing', async () => {
    expect(decodeCursor('not-base64!', 'newest')).toBeNull();
    expect(decodeCursor(Buffer.from('["newest","x","y"]').toString('base64url'), 'newest')).toBeNull();
    const c = { sort: 'newest' as const, values: ['2026-01-01T00:00:00.000100Z', '0b7e3f3e-55a4-4c43-9d5c-2f8f8a3c9a11'] };
    expect(decodeCursor(encodeCursor(c), 'newest')).toEqual(c);
    // A cursor of another sort is not applied to this one.
    expect(decodeCursor(encodeCursor(c), 'oldest')).toBeNull();
    const query = leadListQuerySchema.parse({ q: ['ana', 'x'], source: 'nope', dir: 'sideways', cursor: '', sort: 'random' });
    expect(query).toMatchObject({ q: 'ana', source: undefined, dir: undefined, cursor: undefined, sort: undefined });
    const page = await listLeads(wsId, { cursor: 'garbage', dir: 'prev' });
    expect(page.rows.map((r) => r.id)).toEqual(expectedOrder.slice(0, LEADS_PAGE_SIZE));
  });
});
