import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { createLead, createWorkspace } from '@/db/factories';
import { importRejections, leads } from '@/db/schema';
import { MAX_ATTRIBUTES } from '@/lib/leads/schema';
import { createImport } from './create-import';
import { saveImportPreset } from './import-presets';
import { ingestImportBatch } from './ingest-import-batch';
const MAX_IMPORT_COLUMNS = 500;

// Finding 7 of issue 14: a 20,000-key mapping gave a lead 20,000 attributes.

const attrColumns = (n: number) => Array.from({ length: n }, (_, i) => `c${i}`);

describe('import attribute limits', () => {
  it('refuses a mapping with more attribute columns than a lead may hold, or more columns than a file may have', async () => {
    const ws = await createWorkspace();
    const tooMany = attrColumns(MAX_ATTRIBUTES + 1);
    const mapping = { Telefone: 'phone', ...Object.fromEntries(tooMany.map((c) => [c, `attr.${c}`])) };
    await expect(createImport(ws.id, { fileName: 'x.csv', mapping })).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
      message: `Map at most ${MAX_ATTRIBUTES} columns to attributes (a lead holds at most ${MAX_ATTRIBUTES}); set the others to "ignore"`,
    });

    const huge = { Telefone: 'phone', ...Object.fromEntries(attrColumns(20_000).map((c) => [c, 'ignore'])) };
    await expect(createImport(ws.id, { fileName: 'x.csv', mapping: huge })).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: { mapping: `At most ${MAX_IMPORT_COLUMNS} columns` },
    });

    // A saved preset holds the same mapping: the same limits.
    await expect(saveImportPreset(ws.id, { name: 'wide', mapping: huge })).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    await expect(saveImportPreset(ws.id, { name: 'many attrs', mapping })).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });

    const exactly = attrColumns(MAX_ATTRIBUTES);
    const ok = await createImport(ws.id, {
      fileName: 'x.csv',
      mapping: { Telefone: 'phone', ...Object.fromEntries(exactly.map((c) => [c, `attr.${c}`])) },
    });
    const r = await ingestImportBatch(ws.id, ok.id, {
      batchNo: 0,
      firstRowNumber: 1,
      rows: [{ Telefone: '11 97777-3001', ...Object.fromEntries(exactly.map((c) => [c, 'v'])) }],
    });
    expect(r.batch.created).toBe(1);
  });

  it('rejects, row by row, an object row with too many fields and a lead that would pass the attribute limit', async () => {
    const ws = await createWorkspace();
    const db = await getDb();
    // An existing lead already holds 45 attributes; the file brings 10 new ones for it.
    const existing = Object.fromEntries(attrColumns(45).map((c) => [`old_${c}`, 'x']));
    await createLead(ws.id, { phoneE164: '+5511977773002', attributes: existing });
    const cols = attrColumns(10);
    const imp = await createImport(ws.id, {
      fileName: 'x.csv',
      mapping: { Telefone: 'phone', ...Object.fromEntries(cols.map((c) => [c, `attr.${c}`])) },
    });
    const wide = { Telefone: '11 97777-3003', ...Object.fromEntries(attrColumns(MAX_IMPORT_COLUMNS + 1).map((c) => [`x${c}`, 'v'])) };
    const r = await ingestImportBatch(ws.id, imp.id, {
      batchNo: 0,
      firstRowNumber: 1,
      rows: [
        { Telefone: '11 97777-3002', ...Object.fromEntries(cols.map((c) => [c, 'new'])) },
        wide,
        { Telefone: '11 97777-3004', c0: 'fine' },
      ],
    });
    expect(r.batch).toMatchObject({ created: 1, updated: 0, invalid: 2 });
    const reasons = await db.select().from(importRejections).where(eq(importRejections.importId, imp.id)).orderBy(importRejections.rowNumber);
    expect(reasons.map((x) => [x.rowNumber, x.reason])).toEqual([
      [1, `the lead would have 55 attributes; a lead holds at most ${MAX_ATTRIBUTES}`],
      [2, `the row has ${MAX_IMPORT_COLUMNS + 2} fields; at most ${MAX_IMPORT_COLUMNS}`],
    ]);
    const [kept] = await db.select().from(leads).where(eq(leads.phoneE164, '+5511977773002'));
    expect(kept.attributes).toEqual(existing);
  });
});
