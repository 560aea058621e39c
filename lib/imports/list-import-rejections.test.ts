import { describe, expect, it } from 'vitest';
import { createWorkspace } from '@/db/factories';
import { createImport } from './create-import';
import { ingestImportBatch } from './ingest-import-batch';
import { importRejectionsCsvChunks, listImportRejections } from './list-import-rejections';

async function collect(gen: AsyncGenerator<string>) {
  const parts: string[] = [];
  for await (const p of gen) parts.push(p);
  return parts;
}

describe('rejected rows CSV', () => {
  it('pages through the rows in file order, formula-safe, with the file columns', async () => {
    const ws = await createWorkspace();
    const imp = await createImport(ws.id, { fileName: 'r.csv', columns: ['Nome', 'Fone'], mapping: { Nome: 'name', Fone: 'phone' } });
    await ingestImportBatch(ws.id, imp.id, {
      batchNo: 1,
      firstRowNumber: 6,
      rows: [['=cmd()', '1'], ['Ok', '11 94444-0001'], ['Dup', '+55 11 94444-0001']],
    });
    await ingestImportBatch(ws.id, imp.id, { batchNo: 0, firstRowNumber: 2, rows: [['A', ''], ['B', 'x'], ['C', '+1']] });
    const parts = await collect(importRejectionsCsvChunks(ws.id, imp.id, { pageRows: 2 }));
    expect(parts).toHaveLength(4); // header + 3 pages of at most 2
    const lines = parts.join('').replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines.map((l) => l.split(',').slice(-2)[0])).toEqual(['row', '2', '3', '4', '6', '8']);
    expect(lines[4]).toMatch(/^'=cmd\(\),1,6,/);
    expect(lines[3]).toContain("'+1");
    expect(await listImportRejections(ws.id, imp.id, { limit: 2 })).toHaveLength(2);
  });

  it('uses the keys of rows sent as objects when the import has no column list', async () => {
    const ws = await createWorkspace();
    const imp = await createImport(ws.id, { fileName: 'o.csv', mapping: { tel: 'phone', nome: 'name' } });
    await ingestImportBatch(ws.id, imp.id, { batchNo: 0, firstRowNumber: 1, rows: [{ nome: 'Zé', tel: '12' }] });
    const csv = (await collect(importRejectionsCsvChunks(ws.id, imp.id))).join('');
    expect(csv.replace(/^\uFEFF/, '').split('\r\n').slice(0, 2)).toEqual(['nome,tel,row,reason', 'Zé,12,1,too short for BR: 12']);
  });
});
