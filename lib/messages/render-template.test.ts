import { describe, expect, it } from 'vitest';
import { listPlaceholders, listPlaceholderUses, renderTemplate } from './render-template';

describe('renderTemplate', () => {
  const ana = { name: 'Ana Souza', email: 'ana@example.com', phoneE164: '+5511987654321', attributes: { city: 'Recife' } };

  it('fills standard fields and custom attributes', () => {
    const r = renderTemplate('Oi {{first_name}} {{last_name}} de {{attr.city}} ({{phone}})', ana);
    expect(r).toEqual({ text: 'Oi Ana Souza de Recife (+5511987654321)', missing: [] });
  });

  it('uses inline fallbacks before the fallback map, and reports fields with neither', () => {
    const lead = { name: null, attributes: {} };
    const r = renderTemplate('Hi {{first_name|there}}, {{attr.city}}! {{email}}', lead, { 'attr.city': 'friend' });
    expect(r.text).toBe('Hi there, friend! ');
    expect(r.missing).toEqual(['email']);
  });

  it('lists placeholders once each, keeping inline fallbacks', () => {
    expect(listPlaceholders('{{ first_name | você }} {{first_name}} {{attr.plan}}')).toEqual([
      { field: 'first_name', inlineFallback: ' você ' },
      { field: 'attr.plan', inlineFallback: undefined },
    ]);
  });
});

describe('listPlaceholderUses', () => {
  it('returns every use, marking unknown and malformed ones', () => {
    expect(listPlaceholderUses('{{first_name|there}} {{frist}} {{ }} {{attr.city}}')).toEqual([
      { raw: '{{first_name|there}}', field: 'first_name', inlineFallback: 'there', isKnown: true },
      { raw: '{{frist}}', field: 'frist', inlineFallback: undefined, isKnown: false },
      { raw: '{{ }}', field: null, inlineFallback: undefined, isKnown: false },
      { raw: '{{attr.city}}', field: 'attr.city', inlineFallback: undefined, isKnown: true },
    ]);
  });
});
