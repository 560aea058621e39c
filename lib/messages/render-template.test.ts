import { describe, expect, it } from 'vitest';
import { listPlaceholders, renderTemplate } from './render-template';

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
