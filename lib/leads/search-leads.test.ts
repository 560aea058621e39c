import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { execRows, getDb } from '@/db/client';
import { createLead, createWorkspace } from '@/db/factories';
import { FOLD_FROM, FOLD_TO } from '@/db/schema/search-fold';
import { countMatchingLeads, MATCH_COUNT_CAP } from './count-matching-leads';
import { listLeads } from './list-leads';

// Issue 15 item 6: accent-insensitive search, exact matches first, a count on filtered lists.

const names = async (workspaceId: string, q: string, pageSize?: number) =>
  (await listLeads(workspaceId, { q }, { pageSize })).rows.map((r) => r.name);

describe('lead search', () => {
  let wsId: string;

  beforeAll(async () => {
    wsId = (await createWorkspace()).id;
    await createLead(wsId, { name: 'Marília Araújo', email: 'marilia@exemplo.com.br' });
    await createLead(wsId, { name: 'JOÃO CONCEIÇÃO', email: null });
    await createLead(wsId, { name: 'Zoë Ångström', email: 'ZOE@Example.com' });
    // Created one after the other: the newest-first sort alone would list the exact match last.
    for (const suffix of ['', '2', '20', '201', '1201']) {
      await createLead(wsId, { name: `Bruno Silva CSV1${suffix}` });
    }
  });

  it('ignores accents and case in the query and in the lead', async () => {
    expect(await names(wsId, 'araujo')).toEqual(['Marília Araújo']);
    expect(await names(wsId, 'MARILIA ARAÚJO')).toEqual(['Marília Araújo']);
    expect(await names(wsId, 'conceicao')).toEqual(['JOÃO CONCEIÇÃO']);
    expect(await names(wsId, 'joão')).toEqual(['JOÃO CONCEIÇÃO']);
    expect(await names(wsId, 'angstrom')).toEqual(['Zoë Ångström']);
    expect(await names(wsId, 'zoe@example')).toEqual(['Zoë Ångström']);
  });

  it('lists exact name matches first, then the rest in the chosen sort, across pages both ways', async () => {
    const all = ['Bruno Silva CSV1', 'Bruno Silva CSV11201', 'Bruno Silva CSV1201', 'Bruno Silva CSV120', 'Bruno Silva CSV12'];
    expect(await names(wsId, 'bruno silva csv1')).toEqual(all);
    expect(await names(wsId, 'Bruno Silva CSV12')).toEqual(['Bruno Silva CSV12', 'Bruno Silva CSV1201', 'Bruno Silva CSV120']);
    // Two per page: the page boundary falls between the exact tier and the rest.
    const pages: Awaited<ReturnType<typeof listLeads>>[] = [];
    let cursor: string | undefined;
    do {
      const page = await listLeads(wsId, { q: 'Bruno Silva CSV1', cursor, dir: 'next' }, { pageSize: 2 });
      pages.push(page);
      cursor = page.nextCursor ?? undefined;
    } while (cursor && pages.length < 10);
    expect(pages.flatMap((p) => p.rows.map((r) => r.name))).toEqual(all);
    // Back from the last page, then to the first: the same rows as on the way forward.
    const back = await listLeads(wsId, { q: 'Bruno Silva CSV1', cursor: pages[2].prevCursor!, dir: 'prev' }, { pageSize: 2 });
    expect(back.rows.map((r) => r.name)).toEqual(all.slice(2, 4));
    const first = await listLeads(wsId, { q: 'Bruno Silva CSV1', cursor: back.prevCursor!, dir: 'prev' }, { pageSize: 2 });
    expect(first.rows.map((r) => r.name)).toEqual(all.slice(0, 2));
    expect(first.prevCursor).toBeNull();
  });

  it('finds an exact match with a query too short for trigrams', async () => {
    const ws = (await createWorkspace()).id;
    await createLead(ws, { name: 'Li' });
    await createLead(ws, { name: 'Alina' });
    expect(await names(ws, 'li')).toEqual(['Li', 'Alina']);
  });

  it('fills the search columns for leads written by raw SQL (the CSV import path) and by updates', async () => {
    const db = await getDb();
    const ws = (await createWorkspace()).id;
    await db.execute(sql`insert into leads (workspace_id, phone_e164, name, source) values (${ws}, '+5511977770001', 'Irmã Dulcé', 'import')`);
    expect(await names(ws, 'irma dulce')).toEqual(['Irmã Dulcé']);
    await db.execute(sql`update leads set name = 'Ênio Ávila' where workspace_id = ${ws}`);
    expect(await names(ws, 'enio avila')).toEqual(['Ênio Ávila']);
    expect(await names(ws, 'dulce')).toEqual([]);
  });

  it('folds every accented letter of its table to the plain letter (Unicode NFD, marks removed)', async () => {
    expect([...FOLD_FROM].length).toBe([...FOLD_TO].length);
    const db = await getDb();
    const [row] = await execRows<{ folded: string }>(db, sql`select search_text as folded from leads where workspace_id = ${wsId} and name = 'Zoë Ångström'`);
    expect(row.folded.startsWith('zoe angstrom zoe@example.com ')).toBe(true);
    [...FOLD_FROM].forEach((ch, i) => {
      const plain = ch.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
      if (/^[a-z]$/.test(plain)) expect(`${ch}->${FOLD_TO[i]}`).toBe(`${ch}->${plain}`);
    });
  });

  it('counts the matches of a filter exactly, and says "more than" past the cap', async () => {
    expect(await countMatchingLeads(wsId, { q: 'bruno silva' })).toEqual({ count: 5, isCapped: false });
    expect(await countMatchingLeads(wsId, { q: 'araujo' })).toEqual({ count: 1, isCapped: false });
    expect(await countMatchingLeads(wsId, { q: 'nobody-here' })).toEqual({ count: 0, isCapped: false });
    const db = await getDb();
    const big = (await createWorkspace()).id;
    await db.execute(sql`insert into leads (workspace_id, phone_e164, name, source)
      select ${big}, '+5511' || lpad(i::text, 9, '0'), 'Bulk ' || i, 'import' from generate_series(1, ${MATCH_COUNT_CAP + 1}) i`);
    expect(await countMatchingLeads(big, { source: 'import' })).toEqual({ count: MATCH_COUNT_CAP, isCapped: true });
    expect(await countMatchingLeads(big, { source: 'api' })).toEqual({ count: 0, isCapped: false });
  });
});
