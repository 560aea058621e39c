import { eq } from 'drizzle-orm';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { createLead, createWorkspace } from '@/db/factories';
import { leads } from '@/db/schema';
import { exportLeadsCsv } from '@/lib/leads/export-leads';
import { createImport } from './create-import';
import { finishImport } from './finish-import';
import { ingestImportBatch } from './ingest-import-batch';
import { revertImport } from './revert-import';
import { suggestMapping } from './suggest-mapping';

// Issue 15, item 5: WhatsLab's own export must come back through the importer without loss.

async function exportRows(workspaceId: string) {
  let text = '';
  for await (const chunk of exportLeadsCsv(workspaceId, { kind: 'filter', filter: {} })) text += chunk;
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, '').trim(), { skipEmptyLines: true });
  const [header, ...rows] = parsed.data;
  return { header, rows };
}

/** The export without what only the workspace can know (its ids, when the lead came, how, its last reply), by phone. */
function comparable(file: { header: string[]; rows: string[][] }) {
  const skip = new Set(['id', 'source', 'created_at', 'last_reply_at']);
  return file.rows
    .map((r) => Object.fromEntries(file.header.map((h, i) => [h, r[i]]).filter(([h]) => !skip.has(h))))
    .sort((a, b) => a.phone.localeCompare(b.phone));
}

describe('export -> import round trip', () => {
  it('re-imports an export into another workspace without losing a field', async () => {
    const source = await createWorkspace();
    await createLead(source.id, {
      phoneE164: '+5511987650101', name: 'Ana Araújo', email: 'ana@example.com', tags: ['vip', 'feira'],
      attributes: { city: 'Recife', plano: 'ouro' }, lifecycleStatus: 'customer',
      consentAt: new Date('2026-03-01T12:00:00Z'), consentSource: 'landing_page',
    });
    await createLead(source.id, {
      phoneE164: '+5511987650102', name: '-Bruno', email: null, tags: ['@risky'], attributes: { note: '=1+1' },
      optedOutAt: new Date('2026-04-02T08:30:00.123Z'), lifecycleStatus: 'lost',
    });
    await createLead(source.id, { phoneE164: '+14155550123', name: null, lifecycleStatus: 'engaged' });

    const exported = await exportRows(source.id);
    const mapping = suggestMapping(exported.header);
    // The export's system columns are not taken for lead fields (last_reply_at was "Last name").
    expect(mapping).toMatchObject({
      id: 'ignore', source: 'ignore', created_at: 'ignore', last_reply_at: 'ignore', phone: 'phone', lifecycle_status: 'lifecycle_status',
      opted_out_at: 'opted_out_at', consent_at: 'consent_at', consent_source: 'consent_source', city: 'attr.city',
    });

    const target = await createWorkspace();
    const imp = await createImport(target.id, { fileName: 'export.csv', columns: exported.header, mapping });
    const result = await ingestImportBatch(target.id, imp.id, { batchNo: 0, firstRowNumber: 2, rows: exported.rows });
    await finishImport(target.id, imp.id);
    expect(result.total).toMatchObject({ rows: 3, created: 3, invalid: 0, duplicate: 0 });

    expect(comparable(await exportRows(target.id))).toEqual(comparable(exported));

    // Importing the same export over the leads changes nothing; reverting both brings the workspace back to empty.
    const again = await createImport(target.id, { fileName: 'export.csv', columns: exported.header, mapping, options: { existing: 'overwrite' } });
    const second = await ingestImportBatch(target.id, again.id, { batchNo: 0, firstRowNumber: 2, rows: exported.rows });
    expect(second.total).toMatchObject({ created: 0, updated: 0, unchanged: 3 });
    await finishImport(target.id, again.id);
    await revertImport(target.id, again.id);
    expect(comparable(await exportRows(target.id))).toEqual(comparable(exported));
    await revertImport(target.id, imp.id);
    expect((await exportRows(target.id)).rows).toEqual([]);
  });

  it('never lifts an opt-out, fills consent only where there is none, and reverts those fields', async () => {
    const ws = await createWorkspace();
    const optedOut = new Date('2026-01-01T00:00:00Z');
    const lead = await createLead(ws.id, { phoneE164: '+5511987650201', optedOutAt: optedOut });
    const other = await createLead(ws.id, { phoneE164: '+5511987650202' });
    const columns = ['Telefone', 'Descadastrado', 'Consentimento', 'Etapa'];
    const mapping = suggestMapping(columns);
    expect(mapping).toEqual({ Telefone: 'phone', Descadastrado: 'opted_out_at', Consentimento: 'consent_at', Etapa: 'lifecycle_status' });
    const imp = await createImport(ws.id, { fileName: 'pt.csv', columns, mapping, options: { existing: 'overwrite' } });
    const res = await ingestImportBatch(ws.id, imp.id, {
      batchNo: 0,
      firstRowNumber: 2,
      rows: [
        ["'+55 11 98765-0201", 'não', '10/05/2026 09:00', 'cliente'],
        ['11 98765-0202', 'sim', '', 'qualificado'],
        ['11 98765-0203', 'talvez', '', ''],
      ],
    });
    expect(res.total).toMatchObject({ updated: 2, invalid: 1 });
    const db = await getDb();
    const [a] = await db.select().from(leads).where(eq(leads.id, lead.id));
    const [b] = await db.select().from(leads).where(eq(leads.id, other.id));
    expect(a.optedOutAt).toEqual(optedOut);
    // No offset: 09:00 in the workspace's zone (the factory's default, America/Sao_Paulo: UTC-3).
    expect(a).toMatchObject({ consentAt: new Date('2026-05-10T12:00:00Z'), consentSource: 'import', lifecycleStatus: 'customer' });
    expect(b.optedOutAt).not.toBeNull();
    expect(b.lifecycleStatus).toBe('qualified');

    await revertImport(ws.id, imp.id);
    const [a2] = await db.select().from(leads).where(eq(leads.id, lead.id));
    const [b2] = await db.select().from(leads).where(eq(leads.id, other.id));
    expect(a2).toMatchObject({ optedOutAt: optedOut, consentAt: null, consentSource: null, lifecycleStatus: 'new' });
    expect(b2).toMatchObject({ optedOutAt: null, lifecycleStatus: 'new' });
  });
});
