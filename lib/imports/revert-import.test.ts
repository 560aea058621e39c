import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { createLead, createWorkspace } from '@/db/factories';
import { imports, leads, leadTouchpoints } from '@/db/schema';
import { createImport } from './create-import';
import { finishImport } from './finish-import';
import { ingestImportBatch } from './ingest-import-batch';
import { revertImport } from './revert-import';
import { tagLeads } from '@/lib/leads/tag-leads';
import { updateLead } from '@/lib/leads/update-lead';
import { EMPTY_LEAD_FORM } from '@/lib/leads/schema';

const COLUMNS = ['Nome', 'Telefone', 'Email', 'Cidade', 'Tags'];
const MAPPING = { Nome: 'name', Telefone: 'phone', Email: 'email', Cidade: 'attr.cidade', Tags: 'tags' } as const;

/** Every lead of the workspace as comparable plain data. */
async function snapshot(workspaceId: string) {
  const db = await getDb();
  const rows = await db.select().from(leads).where(eq(leads.workspaceId, workspaceId)).orderBy(leads.phoneE164);
  return rows.map((l) => ({ id: l.id, phone: l.phoneE164, name: l.name, email: l.email, tags: l.tags, attributes: l.attributes }));
}

describe('revertImport', () => {
  it('removes the leads it created and restores the fields it overwrote', async () => {
    const ws = await createWorkspace();
    await createLead(ws.id, { phoneE164: '+5511977770001', name: 'Old', email: null, tags: ['a'], attributes: { cidade: 'Recife', plano: 'x' } });
    await createLead(ws.id, { phoneE164: '+5511977770002', name: 'Keep', email: 'k@example.com' });
    const before = await snapshot(ws.id);

    const imp = await createImport(ws.id, { fileName: 'x.csv', columns: COLUMNS, mapping: { ...MAPPING }, options: { existing: 'overwrite', tags: ['lote'] } });
    await ingestImportBatch(ws.id, imp.id, {
      batchNo: 0,
      firstRowNumber: 1,
      rows: [
        ['New', '11 97777-0001', 'new@example.com', 'Natal', 'b'],
        ['Keep', '11 97777-0002', 'k@example.com', '', ''],
        ['Fresh', '11 97777-0003', '', '', ''],
        ['Fresh 2', '11 97777-0004', '', '', ''],
      ],
    });
    await finishImport(ws.id, imp.id);
    expect(await snapshot(ws.id)).toHaveLength(4);

    const result = await revertImport(ws.id, imp.id);
    expect(result).toMatchObject({ deleted: 2, kept: 0, restored: 2 });
    expect(await snapshot(ws.id)).toEqual(before);

    const db = await getDb();
    expect(await db.select().from(leadTouchpoints).where(eq(leadTouchpoints.importId, imp.id))).toHaveLength(0);
    const [row] = await db.select().from(imports).where(eq(imports.id, imp.id));
    expect(row.status).toBe('reverted');
    await expect(revertImport(ws.id, imp.id)).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('keeps changes made after the import and leads with history of their own', async () => {
    const ws = await createWorkspace();
    await createLead(ws.id, { phoneE164: '+5511977770011', name: 'Old', email: null });
    const imp = await createImport(ws.id, { fileName: 'x.csv', columns: COLUMNS, mapping: { ...MAPPING }, options: { existing: 'overwrite' } });
    await ingestImportBatch(ws.id, imp.id, {
      batchNo: 0,
      firstRowNumber: 1,
      rows: [
        ['Imported', '11 97777-0011', 'i@example.com', '', ''],
        ['Created', '11 97777-0012', '', '', ''],
      ],
    });
    const db = await getDb();
    // Someone edits the email after the import; the created lead comes in again from a landing page.
    await db.update(leads).set({ email: 'edited@example.com' }).where(eq(leads.phoneE164, '+5511977770011'));
    const [created] = await db.select().from(leads).where(eq(leads.phoneE164, '+5511977770012'));
    await db.insert(leadTouchpoints).values({ workspaceId: ws.id, leadId: created.id, source: 'landing_page' });

    const result = await revertImport(ws.id, imp.id);
    expect(result).toMatchObject({ deleted: 0, kept: 1, restored: 1 });
    const after = await snapshot(ws.id);
    expect(after.map((l) => [l.phone, l.name, l.email])).toEqual([
      ['+5511977770011', 'Old', 'edited@example.com'],
      ['+5511977770012', 'Created', null],
    ]);
  });

  it('keeps (and lists) created leads that a team member edited after the import', async () => {
    const ws = await createWorkspace();
    const imp = await createImport(ws.id, { fileName: 'x.csv', columns: COLUMNS, mapping: { ...MAPPING } });
    await ingestImportBatch(ws.id, imp.id, {
      batchNo: 0,
      firstRowNumber: 1,
      rows: [
        ['Edited', '11 97777-0021', '', '', ''],
        ['Tagged', '11 97777-0022', '', '', ''],
        ['Untouched', '11 97777-0023', '', '', ''],
      ],
    });
    await finishImport(ws.id, imp.id);
    const db = await getDb();
    const byPhone = async (phone: string) => (await db.select().from(leads).where(eq(leads.phoneE164, phone)))[0];
    const edited = await byPhone('+5511977770021');
    const tagged = await byPhone('+5511977770022');
    // A team member fixes the name through the edit form; another tags a lead from the list.
    await updateLead({ workspaceId: ws.id, defaultCountry: 'BR' }, edited.id, {
      ...EMPTY_LEAD_FORM,
      name: 'Edited by Ana',
      phone: edited.phoneE164,
    });
    await tagLeads(ws.id, { selection: { kind: 'ids', ids: [tagged.id] }, op: 'add', tag: 'called' });

    const result = await revertImport(ws.id, imp.id);
    expect(result).toMatchObject({ deleted: 1, kept: 2 });
    expect(result.keptLeads.map((l) => [l.id, l.reason]).sort()).toEqual(
      [
        [edited.id, 'edited'],
        [tagged.id, 'edited'],
      ].sort(),
    );
    expect((await snapshot(ws.id)).map((l) => [l.phone, l.name, l.tags])).toEqual([
      ['+5511977770021', 'Edited by Ana', []],
      ['+5511977770022', 'Tagged', ['called']],
    ]);
  });

  it('does not revert another workspace’s import', async () => {
    const ws = await createWorkspace();
    const other = await createWorkspace();
    const imp = await createImport(ws.id, { fileName: 'x.csv', columns: COLUMNS, mapping: { ...MAPPING } });
    await expect(revertImport(other.id, imp.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
