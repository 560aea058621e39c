import { describe, expect, it } from 'vitest';
import { createLead, createWorkspace } from '@/db/factories';
import { getLeadDetail } from './get-lead-detail';

describe('getLeadDetail', () => {
  it('returns the lead of this workspace with its fields', async () => {
    const ws = await createWorkspace();
    const lead = await createLead(ws.id, { name: 'Ana Souza', tags: ['vip'], attributes: { city: 'Recife' } });
    const found = await getLeadDetail(ws.id, lead.id);
    expect(found).toMatchObject({ id: lead.id, name: 'Ana Souza', tags: ['vip'], attributes: { city: 'Recife' } });
  });

  it("returns null for another workspace's lead, an unknown id and a non-UUID", async () => {
    const mine = await createWorkspace();
    const theirs = await createWorkspace();
    const theirLead = await createLead(theirs.id);
    expect(await getLeadDetail(mine.id, theirLead.id)).toBeNull();
    expect(await getLeadDetail(mine.id, '00000000-0000-4000-8000-000000000000')).toBeNull();
    expect(await getLeadDetail(mine.id, "1' or '1'='1")).toBeNull();
  });
});
