import { describe, expect, it } from 'vitest';
import { createWorkspace } from '@/db/factories';
import { deleteImportPreset, listImportPresets, saveImportPreset } from './import-presets';

describe('import presets', () => {
  it('saves per workspace, replaces by name, deletes, and validates the mapping', async () => {
    const ws = await createWorkspace();
    const other = await createWorkspace();
    await saveImportPreset(ws.id, { name: 'Feira', mapping: { Telefone: 'phone', Nome: 'name' }, options: { existing: 'overwrite' } });
    const again = await saveImportPreset(ws.id, { name: 'Feira', mapping: { Celular: 'phone' } });
    await saveImportPreset(other.id, { name: 'Other', mapping: { Phone: 'phone' } });

    const mine = await listImportPresets(ws.id);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ id: again.id, name: 'Feira', mapping: { Celular: 'phone' } });

    await expect(saveImportPreset(ws.id, { name: ' ', mapping: {} })).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    await expect(saveImportPreset(ws.id, { name: 'x', mapping: { A: 'password' } })).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    await expect(deleteImportPreset(other.id, again.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await deleteImportPreset(ws.id, again.id);
    expect(await listImportPresets(ws.id)).toHaveLength(0);
    expect(await listImportPresets(other.id)).toHaveLength(1);
  });
});
