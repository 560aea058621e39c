import { describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { createLead, createWorkspace } from '@/db/factories';
import { importRejections, imports, leads, leadTouchpoints } from '@/db/schema';
import { createImport } from './create-import';
import { finishImport } from './finish-import';
import { ingestImportBatch, type ImportCounts } from './ingest-import-batch';
import { importRejectionsCsv } from './list-import-rejections';
import type { ImportOptionsInput } from './schema';

const COLUMNS = ['Nome', 'Telefone', 'Email', 'Cidade', 'Tags'];
const MAPPING = { Nome: 'name', Telefone: 'phone', Email: 'email', Cidade: 'attr.cidade', Tags: 'tags' } as const;

async function start(workspaceId: string, options: ImportOptionsInput = {}) {
  return createImport(workspaceId, { fileName: 'leads.csv', columns: COLUMNS, mapping: { ...MAPPING }, options });
}

const sum = (c: ImportCounts) => c.created + c.updated + c.unchanged + c.invalid + c.duplicate;

async function leadsOf(workspaceId: string) {
  const db = await getDb();
  return db.select().from(leads).where(eq(leads.workspaceId, workspaceId)).orderBy(leads.phoneE164);
}

describe('ingestImportBatch', () => {
  it('creates leads, rejects invalid and duplicate rows, and the counts add up to the rows', async () => {
    const ws = await createWorkspace();
    const imp = await start(ws.id, { tags: ['feira'], sourceLabel: 'Feira 2026' });
    const r1 = await ingestImportBatch(ws.id, imp.id, {
      batchNo: 0,
      firstRowNumber: 1,
      rows: [
        ['Ana', '(11) 98765-4321', 'ANA@example.com', 'São Paulo', 'vip; quente'],
        ['Bruno', '11 8765-4322', '', '', ''], // 9th digit restored: +5511987654322
        ['Ana again', '+55 11 98765-4321', '', '', ''], // duplicate in the batch
        ['Carla', '12345', '', '', ''], // invalid
        ['Davi', '(11) 3456-7890', '', '', ''], // landline
        ['Eva', '11 97777-0000', 'not-an-email', '', ''],
      ],
    });
    expect(r1.replayed).toBe(false);
    expect(r1.batch).toEqual({ rows: 6, created: 2, updated: 0, unchanged: 0, invalid: 3, duplicate: 1 });

    // Next batch: a phone from batch 0 is a duplicate in the file too.
    const r2 = await ingestImportBatch(ws.id, imp.id, {
      batchNo: 1,
      firstRowNumber: 7,
      rows: [
        ['Ana third', '5511987654321', '', '', ''],
        ['Fábio', '11 96666-1111', '', 'Rio', ''],
      ],
    });
    expect(r2.batch).toEqual({ rows: 2, created: 1, updated: 0, unchanged: 0, invalid: 0, duplicate: 1 });
    expect(r2.total).toEqual({ rows: 8, created: 3, updated: 0, unchanged: 0, invalid: 3, duplicate: 2 });
    expect(sum(r2.total)).toBe(r2.total.rows);

    const done = await finishImport(ws.id, imp.id);
    expect(done.status).toBe('completed');

    const rows = await leadsOf(ws.id);
    expect(rows.map((l) => l.phoneE164)).toEqual(['+5511966661111', '+5511987654321', '+5511987654322']);
    const ana = rows.find((l) => l.phoneE164 === '+5511987654321')!;
    expect(ana).toMatchObject({ name: 'Ana', email: 'ana@example.com', source: 'import', attributes: { cidade: 'São Paulo' } });
    expect(ana.tags.sort()).toEqual(['feira', 'quente', 'vip']);

    const db = await getDb();
    const tps = await db.select().from(leadTouchpoints).where(eq(leadTouchpoints.importId, imp.id));
    expect(tps).toHaveLength(3);
    expect(tps.every((t) => t.source === 'import' && (t.payload as { label: string }).label === 'Feira 2026')).toBe(true);

    const rej = await db.select().from(importRejections).where(eq(importRejections.importId, imp.id)).orderBy(importRejections.rowNumber);
    expect(rej.map((r) => [r.rowNumber, r.kind])).toEqual([
      [3, 'duplicate'],
      [4, 'invalid'],
      [5, 'invalid'],
      [6, 'invalid'],
      [7, 'duplicate'],
    ]);
    expect(rej[1].reason).toMatch(/too short/);
    expect(rej[2].reason).toMatch(/not a mobile number/);
    expect(rej[3].reason).toMatch(/email/);

    const csv = await importRejectionsCsv(ws.id, imp.id);
    const lines = csv.trim().split(/\r?\n/);
    expect(lines[0]).toBe('Nome,Telefone,Email,Cidade,Tags,row,reason');
    expect(lines).toHaveLength(6);
    expect(lines[2]).toContain('Carla,12345');
  });

  it('reads national numbers with the workspace\'s default country unless the import names another', async () => {
    const ws = await createWorkspace(undefined, { defaultCountry: 'ES' });
    const byWorkspace = await createImport(ws.id, { fileName: 'es.csv', columns: ['p'], mapping: { p: 'phone' } });
    const r1 = await ingestImportBatch(ws.id, byWorkspace.id, { batchNo: 0, firstRowNumber: 2, rows: [['612 34 56 78']] });
    expect(r1.batch.created).toBe(1);
    const overridden = await createImport(ws.id, { fileName: 'br.csv', columns: ['p'], mapping: { p: 'phone' }, options: { defaultCountry: 'br' } });
    const r2 = await ingestImportBatch(ws.id, overridden.id, { batchNo: 0, firstRowNumber: 2, rows: [['(11) 98765-4321'], ['612 34 56 78']] });
    expect(r2.batch).toMatchObject({ created: 1, invalid: 1 });
    expect((await leadsOf(ws.id)).map((l) => l.phoneE164)).toEqual(['+34612345678', '+5511987654321']);
    await expect(
      createImport(ws.id, { fileName: 'x.csv', columns: ['p'], mapping: { p: 'phone' }, options: { defaultCountry: 'XX' } }),
    ).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
  });

  it('a retried batch is a no-op that returns the first result', async () => {
    const ws = await createWorkspace();
    const imp = await start(ws.id);
    const batch = { batchNo: 0, firstRowNumber: 1, rows: [['Ana', '11 91111-0001', '', '', ''], ['Bia', 'x', '', '', '']] };
    const first = await ingestImportBatch(ws.id, imp.id, batch);
    const again = await ingestImportBatch(ws.id, imp.id, batch);
    // Retries racing each other (a double click, a proxy retry) still apply once.
    const raced = await Promise.all([1, 2, 3].map(() => ingestImportBatch(ws.id, imp.id, { ...batch, batchNo: 1, firstRowNumber: 3 })));
    expect(again.replayed).toBe(true);
    expect(again.batch).toEqual(first.batch);
    expect(raced.filter((r) => !r.replayed)).toHaveLength(1);
    const db = await getDb();
    const [row] = await db.select().from(imports).where(eq(imports.id, imp.id));
    // Batch 1 repeats batch 0's rows: duplicates in the file, applied once.
    expect(row).toMatchObject({ totalRows: 4, createdCount: 1, invalidCount: 2, duplicateCount: 1 });
    expect(await leadsOf(ws.id)).toHaveLength(1);
    const rej = await db.select().from(importRejections).where(eq(importRejections.importId, imp.id));
    expect(rej).toHaveLength(3);
  });

  describe('existing leads', () => {
    async function withExisting(existing: 'fill_empty' | 'overwrite' | 'skip') {
      const ws = await createWorkspace();
      await createLead(ws.id, { phoneE164: '+5511988880001', name: 'Old Name', email: null, tags: ['old'], attributes: { cidade: 'Recife' } });
      await createLead(ws.id, { phoneE164: '+5511988880002', name: 'Same', email: 'same@example.com', tags: [], attributes: {} });
      const imp = await start(ws.id, { existing });
      const r = await ingestImportBatch(ws.id, imp.id, {
        batchNo: 0,
        firstRowNumber: 1,
        rows: [
          ['New Name', '11 98888-0001', 'new@example.com', 'Natal', 'novo'],
          ['Same', '11 98888-0002', 'same@example.com', '', ''],
          ['Zé', '11 98888-0003', '', '', ''],
        ],
      });
      const byPhone = Object.fromEntries((await leadsOf(ws.id)).map((l) => [l.phoneE164, l]));
      return { ws, imp, r, byPhone };
    }

    it('update empty fields only keeps what is there and fills the gaps', async () => {
      const { r, byPhone } = await withExisting('fill_empty');
      expect(r.batch).toMatchObject({ created: 1, updated: 1, unchanged: 1 });
      expect(byPhone['+5511988880001']).toMatchObject({ name: 'Old Name', email: 'new@example.com', attributes: { cidade: 'Recife' } });
      expect(byPhone['+5511988880001'].tags).toEqual(['old', 'novo']);
    });

    it('overwrite replaces fields the file has and keeps those it leaves empty', async () => {
      const { r, byPhone } = await withExisting('overwrite');
      expect(r.batch).toMatchObject({ created: 1, updated: 1, unchanged: 1 });
      expect(byPhone['+5511988880001']).toMatchObject({ name: 'New Name', email: 'new@example.com', attributes: { cidade: 'Natal' } });
      expect(byPhone['+5511988880002']).toMatchObject({ name: 'Same', email: 'same@example.com' });
    });

    it('skip leaves existing leads untouched', async () => {
      const { r, byPhone } = await withExisting('skip');
      expect(r.batch).toMatchObject({ created: 1, updated: 0, unchanged: 2 });
      expect(byPhone['+5511988880001']).toMatchObject({ name: 'Old Name', email: null, tags: ['old'], attributes: { cidade: 'Recife' } });
    });
  });

  it('refuses batches for another workspace, a finished import, or a malformed batch', async () => {
    const ws = await createWorkspace();
    const other = await createWorkspace();
    const imp = await start(ws.id);
    await expect(ingestImportBatch(other.id, imp.id, { batchNo: 0, firstRowNumber: 1, rows: [] })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(ingestImportBatch(ws.id, imp.id, { batchNo: -1, firstRowNumber: 1, rows: [] })).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
    });
    await finishImport(ws.id, imp.id);
    await expect(
      ingestImportBatch(ws.id, imp.id, { batchNo: 0, firstRowNumber: 1, rows: [['A', '11 91234-5678', '', '', '']] }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    const db = await getDb();
    expect(await db.select().from(leads).where(and(eq(leads.workspaceId, ws.id)))).toHaveLength(0);
  });
});
