import { describe, expect, it } from 'vitest';
import { Readable } from 'node:stream';
import { eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { createWorkspace } from '@/db/factories';
import { appointments, importBatches, leads } from '@/db/schema';
import { importCsvStream } from './import-csv-stream';

/** The bytes in small chunks, so records and characters are cut across chunk boundaries. */
function source(bytes: Uint8Array, chunk = 7) {
  return Readable.from((function* () {
    for (let i = 0; i < bytes.length; i += chunk) yield bytes.subarray(i, i + chunk);
  })());
}
const latin1 = (s: string) => new Uint8Array([...s].map((c) => c.charCodeAt(0)));

describe('importCsvStream', () => {
  it('imports a Windows-1252, semicolon file with quoted newlines, duplicates and bad phones', async () => {
    const ws = await createWorkspace();
    const text =
      'Nome;Celular;Observações\r\n' +
      'João;(11) 98765-4321;"linha 1\r\nlinha 2; fim"\r\n' +
      'Conceição;11 8765-4321;dup\r\n' + // same lead, before the 9th digit
      'Zé;123;\r\n' +
      '\r\n' +
      'Ângela;+55 21 99876-5432;ok\r\n';
    const result = await importCsvStream({ workspaceId: ws.id, fileName: 'excel.csv', source: source(latin1(text)), batchRows: 2 });
    expect(result.counts).toEqual({ rows: 4, created: 2, updated: 0, unchanged: 0, invalid: 1, duplicate: 1 });
    expect(result.import.status).toBe('completed');
    const db = await getDb();
    const rows = await db.select().from(leads).where(eq(leads.workspaceId, ws.id)).orderBy(leads.phoneE164);
    expect(rows.map((r) => [r.phoneE164, r.name, r.attributes])).toEqual([
      ['+5511987654321', 'João', { observacoes: 'linha 1\r\nlinha 2; fim' }],
      ['+5521998765432', 'Ângela', { observacoes: 'ok' }],
    ]);
  });

  it('imports an appointments file across batches (the CLI\'s --appointments), an external id repeated in a later batch counted once', async () => {
    const ws = await createWorkspace();
    const text = 'Phone,Start,Title,External ID\n11 98765-0301,2030-02-01 10:00,Consulta,X1\n11 98765-0301,2030-02-02 10:00,Retorno,X2\n11 98765-0301,2030-02-03 10:00,Outra,X1\n';
    const result = await importCsvStream({
      workspaceId: ws.id, fileName: 'agenda.csv', source: source(new TextEncoder().encode(text)), batchRows: 2,
      kind: 'appointments', options: { unknownLeads: 'create' },
    });
    expect(result.counts).toEqual({ rows: 3, created: 2, updated: 0, unchanged: 0, invalid: 0, duplicate: 1 });
    const db = await getDb();
    const rows = await db.select().from(appointments).where(eq(appointments.workspaceId, ws.id)).orderBy(appointments.startsAt);
    expect(rows.map((r) => [r.title, r.externalId, r.startsAt.toISOString()])).toEqual([
      ['Consulta', 'X1', '2030-02-01T13:00:00.000Z'],
      ['Retorno', 'X2', '2030-02-02T13:00:00.000Z'],
    ]);
  });

  it('sends the file in batches of batchRows, numbered from the file\'s rows', async () => {
    const ws = await createWorkspace();
    const lines = ['Nome,Telefone', ...Array.from({ length: 25 }, (_, i) => `L${i},11 9${String(70000000 + i)}`)];
    const result = await importCsvStream({
      workspaceId: ws.id,
      fileName: 'b.csv',
      source: source(new TextEncoder().encode(lines.join('\n')), 50),
      batchRows: 10,
    });
    expect(result.counts).toMatchObject({ rows: 25, created: 25 });
    const db = await getDb();
    const batches = await db.select().from(importBatches).where(eq(importBatches.importId, result.importId)).orderBy(importBatches.batchNo);
    expect(batches.map((b) => [b.batchNo, b.firstRowNumber, b.rowCount])).toEqual([
      [0, 2, 10],
      [1, 12, 10],
      [2, 22, 5],
    ]);
  });

  it('honours --map and the UTF-8 BOM', async () => {
    const ws = await createWorkspace();
    const bytes = new TextEncoder().encode('\uFEFFA,B\nMaría,612 34 56 78\n');
    const result = await importCsvStream({
      workspaceId: ws.id,
      fileName: 'x.csv',
      source: source(bytes, 3),
      map: { phone: 'B', name: 'A' },
      options: { defaultCountry: 'ES' },
    });
    expect(result.counts.created).toBe(1);
    const db = await getDb();
    const [lead] = await db.select().from(leads).where(eq(leads.workspaceId, ws.id));
    expect(lead).toMatchObject({ name: 'María', phoneE164: '+34612345678' });
  });

  it.each([
    [new Uint8Array(), 'The file is empty.'],
    [new TextEncoder().encode('Nome,Telefone\r\n'), 'header row but no data rows'],
    [new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0, 1, 2, 3]), 'not a CSV file'],
    [new TextEncoder().encode('Nome,Cidade\nAna,Rio\n'), 'No phone column'],
  ])('refuses a bad file with a clear message (%#)', async (bytes, message) => {
    const ws = await createWorkspace();
    await expect(importCsvStream({ workspaceId: ws.id, fileName: 'bad.csv', source: source(bytes) })).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
      message: expect.stringContaining(message),
    });
  });
});
