import { describe, expect, it } from 'vitest';
import type { Lead } from '@/db/schema';
import { mergeValues, resolveChoices } from './merge-values';

const at = (s: string) => new Date(s);
const base: Lead = {
  id: '00000000-0000-4000-8000-000000000001', workspaceId: '00000000-0000-4000-8000-0000000000ff', phoneE164: '+5511987650001', waId: null,
  name: null, email: null, source: 'manual', tags: [], attributes: {}, consentAt: null, consentSource: null, consentText: null, optedOutAt: null,
  lifecycleStatus: 'new', lifecycleSetByHandAt: null, lastInboundAt: null, createdAt: at('2026-01-01'), updatedAt: at('2026-01-01'),
  searchText: null, searchKeys: null,
};

describe('mergeValues', () => {
  it('takes the newest non-empty value per field by default', () => {
    const survivor = { ...base, name: 'Old name', email: null, updatedAt: at('2026-01-01') };
    const merged = { ...base, id: '00000000-0000-4000-8000-000000000002', name: 'New name', email: null, updatedAt: at('2026-02-01') };
    const choices = resolveChoices(survivor, merged, {});
    expect(choices.name).toBe('merged');
    expect(mergeValues(survivor, merged, resolveChoices(survivor, { ...merged, name: '  ' }, {})).name).toBe('Old name');
  });

  it('unites tags, keeps the earliest consent, and an opt-out on either side', () => {
    const survivor = { ...base, tags: ['a'], consentAt: at('2026-03-01'), consentSource: 'api', optedOutAt: null };
    const merged = { ...base, tags: ['b', 'a'], consentAt: at('2026-02-01'), consentSource: 'import', consentText: 'ok', optedOutAt: at('2026-03-05') };
    const v = mergeValues(survivor, merged, resolveChoices(survivor, merged, {}));
    expect(v.tags).toEqual(['a', 'b']);
    expect(v).toMatchObject({ consentAt: at('2026-02-01'), consentSource: 'import', consentText: 'ok', optedOutAt: at('2026-03-05') });
    expect(mergeValues(merged, survivor, resolveChoices(merged, survivor, {})).optedOutAt).toEqual(at('2026-03-05'));
  });
});
