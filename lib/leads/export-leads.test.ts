import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { createLead, createWorkspace, uniquePhone } from '@/db/factories';
import { leads, type NewLead } from '@/db/schema';
import { EXPORT_BATCH_SIZE, exportLeadsCsv, MAX_ATTRIBUTE_COLUMNS } from './export-leads';

async function collect(workspaceId: string, selection: unknown) {
  let text = '';
  let chunks = 0;
  for await (const chunk of exportLeadsCsv(workspaceId, selection)) {
    text += chunk;
    chunks++;
  }
  return { text, chunks, rows: Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, '').trim(), { header: true }).data };
}

describe('exportLeadsCsv', () => {
  it('neutralises cells a spreadsheet would run as formulas, in every column', async () => {
    const ws = (await createWorkspace()).id;
    await createLead(ws, {
      name: '=HYPERLINK("http://evil.example","click")',
      email: '-x@example.com',
      tags: ['@risky', 'ok'],
      attributes: { note: '+1+1', city: '\tTab', plain: 'Recife, PE' },
    });
    const { text, rows } = await collect(ws, { kind: 'filter', filter: {} });
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(rows).toHaveLength(1);
    const [row] = rows;
    expect(row.name).toBe(`'=HYPERLINK("http://evil.example","click")`);
    expect(row.email).toBe(`'-x@example.com`);
    expect(row.tags).toBe(`'@risky, ok`);
    expect(row.note).toBe(`'+1+1`);
    expect(row.city).toBe(`'\tTab`);
    expect(row.plain).toBe('Recife, PE');
    // The phone starts with "+": exported neutralised too, so Excel keeps it as text.
    expect(row.phone).toMatch(/^'\+55/);
  });

  it('says when attribute columns were left out, and keeps their values in one last column', async () => {
    const ws = (await createWorkspace()).id;
    const keys = Array.from({ length: MAX_ATTRIBUTE_COLUMNS + 5 }, (_, i) => `k${String(i).padStart(3, '0')}`);
    await createLead(ws, { name: 'First half', attributes: Object.fromEntries(keys.slice(0, 60).map((k) => [k, k])) });
    await createLead(ws, { name: 'Second half', attributes: Object.fromEntries(keys.slice(60).map((k) => [k, k])) });
    const { rows } = await collect(ws, { kind: 'filter', filter: {} });
    const header = Object.keys(rows[0]);
    expect(header.filter((h) => /^k\d+$/.test(h))).toHaveLength(MAX_ATTRIBUTE_COLUMNS);
    expect(header.at(-1)).toBe('other_attributes');
    const second = rows.find((r) => r.name === 'Second half')!;
    expect(JSON.parse(second['other_attributes'])).toEqual(Object.fromEntries(keys.slice(MAX_ATTRIBUTE_COLUMNS).map((k) => [k, k])));
    expect(rows.find((r) => r.name === 'First half')!['other_attributes']).toBe('');
  });

  it('streams every matching lead of the workspace, in batches, and nothing else', async () => {
    const db = await getDb();
    const ws = (await createWorkspace()).id;
    const other = (await createWorkspace()).id;
    const n = EXPORT_BATCH_SIZE + 150;
    const rows: NewLead[] = Array.from({ length: n }, (_, i) => ({
      workspaceId: ws,
      phoneE164: uniquePhone(),
      name: `Export ${i}`,
      source: i % 2 === 0 ? 'import' : 'api',
      createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, Math.floor(i / 3))),
    }));
    for (let i = 0; i < rows.length; i += 1000) await db.insert(leads).values(rows.slice(i, i + 1000));
    await createLead(other, { name: 'Not mine', source: 'import' });

    const everything = await collect(ws, { kind: 'filter', filter: {} });
    expect(everything.chunks).toBe(3); // header + two batches
    expect(everything.rows).toHaveLength(n);
    expect(new Set(everything.rows.map((r) => r.id)).size).toBe(n);
    expect(everything.rows.some((r) => r.name === 'Not mine')).toBe(false);

    const imports = await collect(ws, { kind: 'filter', filter: { source: 'import' } });
    expect(imports.rows).toHaveLength(Math.ceil(n / 2));
    expect(imports.rows.every((r) => r.source === 'import')).toBe(true);

    const picked = everything.rows.slice(0, 3).map((r) => r.id);
    const byIds = await collect(ws, { kind: 'ids', ids: picked });
    expect(byIds.rows.map((r) => r.id).sort()).toEqual([...picked].sort());
  });
});
