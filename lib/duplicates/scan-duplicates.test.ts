import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { createLead, createWorkspace } from '@/db/factories';
import { listDuplicateCandidates } from './list-duplicate-candidates';
import { scanDuplicates } from './scan-duplicates';

const pairKey = (a: string, b: string) => [a, b].sort().join('|');

/** A workspace with every kind of planted duplicate and decoys that look close but are other people. */
export async function plantDuplicates() {
  const ws = await createWorkspace();
  const lead = (phoneE164: string, extra: Record<string, unknown> = {}) => createLead(ws.id, { phoneE164, name: null, email: null, ...extra });
  const planted = {
    email: [await lead('+5511911110001', { email: 'ana@example.com' }), await lead('+5521922220002', { email: 'ANA@Example.com' })],
    waId: [await lead('+5511933330003', { waId: '5511933330003' }), await lead('+5531944440004', { waId: '5511933330003' })],
    ninthDigit: [await lead('+5511987650005'), await lead('+551187650005')],
    trunkZero: [await lead('+5511976540006'), await lead('+55011976540006')],
    noCountryCode: [await lead('+5511965430007'), await lead('+11965430007')],
  };
  const low = [
    await lead('+5511955550010', { name: 'Paulo Reis', email: 'paulo@acme.com' }),
    await lead('+5511955550099', { name: 'paulo reis', email: 'p.reis@ACME.com' }),
  ];
  // Decoys: same last 8 digits in another area code; same name and domain with a different
  // number; a landline and a mobile with equal digits (landlines never had a 9th digit).
  await lead('+5511912340077', { name: 'Rita', email: 'rita@a.com' });
  await lead('+5521912340077', { name: 'Rui', email: 'rui@b.com' });
  await lead('+5511900001111', { name: 'Joana Lima', email: 'joana@corp.com' });
  await lead('+5511900002211', { name: 'Joana Lima', email: 'jl@corp.com' });
  await lead('+551132650008');
  await lead('+5511932650008');
  return { ws, planted, low };
}

describe('scanDuplicates', () => {
  // Migrating a fresh database is slow on a busy machine: not part of any test's time.
  beforeAll(async () => {
    await getDb();
  });

  it('finds exactly the planted pairs, each with its evidence, and no decoy', async () => {
    const { ws, planted, low } = await plantDuplicates();
    const result = await scanDuplicates(await getDb(), ws.id);
    expect(result).toMatchObject({ pairs: 6, high: 5, low: 1 });

    const high = await listDuplicateCandidates(ws.id, { confidence: 'high' });
    const low2 = await listDuplicateCandidates(ws.id, { confidence: 'low' });
    expect(high.counts).toEqual({ high: 5, low: 1 });
    const found = new Map([...high.pairs, ...low2.pairs].map((p) => [pairKey(p.a.id, p.b.id), p]));
    expect(found.size).toBe(6);
    const expectReason = (pair: { id: string }[], reason: string, confidence: string) => {
      const p = found.get(pairKey(pair[0].id, pair[1].id));
      expect(p, reason).toBeDefined();
      expect(p!.reasons).toContain(reason);
      expect(p!.confidence).toBe(confidence);
    };
    expectReason(planted.email, 'same_email', 'high');
    expectReason(planted.waId, 'same_wa_id', 'high');
    expectReason(planted.ninthDigit, 'same_line', 'high');
    expectReason(planted.trunkZero, 'same_line', 'high');
    expectReason(planted.noCountryCode, 'same_line', 'high');
    expectReason(low, 'name_domain_near_phone', 'low');
  });

  it('replaces the previous scan and keeps workspaces apart', async () => {
    const { ws } = await plantDuplicates();
    const other = await createWorkspace();
    await createLead(other.id, { phoneE164: '+5511911110001', email: 'ana@example.com' });
    const db = await getDb();
    await scanDuplicates(db, ws.id);
    expect((await scanDuplicates(db, ws.id)).pairs).toBe(6);
    expect((await scanDuplicates(db, other.id)).pairs).toBe(0);
  });
});
