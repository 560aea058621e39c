import { describe, expect, it } from 'vitest';
import { renderWhatsAppTemplate } from '@/lib/messages/render-template-whatsapp';
import { templateFormSchema, type TemplateFormInput } from './schema';
import { validateTemplate, type FieldCoverage } from './validate-template';
import { parseWhatsAppFormatting } from './whatsapp-format';
import { templateParams } from './whatsapp-template-params';

const coverage: FieldCoverage = { totalLeads: 200, missing: { first_name: 0, last_name: 150, name: 0, email: 60, 'attr.city': 10, 'attr.plan': 199 } };
const session = (body: string) => templateFormSchema.parse({ name: 'Welcome', kind: 'session_text', body } satisfies TemplateFormInput);
const messages = (issues: { message: string }[]) => issues.map((i) => i.message);

describe('validateTemplate: session text', () => {
  it('accepts known placeholders with fallbacks', () => {
    expect(validateTemplate(session('Oi {{first_name}}, {{email|sem email}} {{attr.plan|básico}}'), { coverage })).toEqual([]);
  });

  it('reports unknown and malformed placeholders', () => {
    const issues = validateTemplate(session('Oi {{frist_name}} {{ }} {{attr city}} {{first_name}}'), { coverage });
    expect(messages(issues)).toEqual([
      expect.stringContaining('Unknown placeholder {{frist_name}}'),
      expect.stringContaining('Unknown placeholder {{ }}'),
      expect.stringContaining('Unknown placeholder {{attr city}}'),
    ]);
    expect(issues.every((i) => i.severity === 'error' && i.path === 'body')).toBe(true);
  });

  it('requires a fallback for a field many leads lack, with the measured share, and only warns for a few', () => {
    const issues = validateTemplate(session('{{email}} {{attr.city}} {{attr.never_seen}} {{email}}'), { coverage });
    expect(issues).toEqual([
      { severity: 'error', path: 'body', message: '{{email}} is empty for 30% of your leads (60 of 200): add a fallback, e.g. {{email|there}}' },
      { severity: 'warning', path: 'body', message: '{{attr.city}} is empty for 5% of your leads (10 of 200): add a fallback, e.g. {{attr.city|there}}' },
      { severity: 'error', path: 'body', message: '{{attr.never_seen}} is empty for 100% of your leads (200 of 200): add a fallback, e.g. {{attr.never_seen|there}}' },
    ]);
    expect(validateTemplate(session('{{email}}'), { coverage: { totalLeads: 0, missing: {} } })).toEqual([]);
  });

  it('refuses an empty body and one over 4096 characters', () => {
    expect(messages(validateTemplate(session('   '), { coverage }))).toEqual(['Write the message text']);
    expect(messages(validateTemplate(session('x'.repeat(4097)), { coverage }))).toEqual(['The text is 4,097 characters; WhatsApp allows 4,096']);
    expect(validateTemplate(session('x'.repeat(4096)), { coverage })).toEqual([]);
  });
});

describe('validateTemplate: WhatsApp template', () => {
  const template = {
    name: 'reminder',
    language: 'en_US',
    status: 'APPROVED',
    components: [
      { type: 'HEADER', format: 'TEXT', text: 'Hi {{1}}' },
      { type: 'BODY', text: 'Dear {{1}}, your visit is on {{2}}. See you {{1}}!' },
      { type: 'FOOTER', text: 'Clinic' },
      { type: 'BUTTONS', buttons: [{ type: 'QUICK_REPLY', text: 'OK' }, { type: 'URL', text: 'Open', url: 'https://x.test/{{1}}' }] },
    ],
  };
  const mapping = [
    { component: 'header', index: 1, name: '1', source: 'field', field: 'first_name', fallback: 'there' },
    { component: 'body', index: 1, name: '1', source: 'field', field: 'first_name', fallback: 'there' },
    { component: 'body', index: 2, name: '2', source: 'fixed', value: 'Monday' },
    { component: 'button', index: 1, name: '1', source: 'fixed', value: 'abc' },
  ] as const;
  const wa = (m: readonly object[]) =>
    templateFormSchema.parse({ name: 'R', kind: 'whatsapp_template', whatsappTemplateId: '5b7e4a52-8f0e-4b51-9d31-0c8f3f9e2a11', parameterMapping: m } as TemplateFormInput);

  it('reads positional and named parameters from Meta components', () => {
    expect(templateParams(template.components).map((p) => p.label)).toEqual(['Header {{1}}', 'Body {{1}}', 'Body {{2}}', 'Button “Open” URL']);
    expect(templateParams([{ type: 'BODY', text: 'Hi {{first_name}}, code {{code}}' }]).map((p) => [p.index, p.name])).toEqual([[1, 'first_name'], [2, 'code']]);
  });

  it('accepts a complete mapping', () => {
    expect(validateTemplate(wa(mapping), { coverage, whatsappTemplate: template })).toEqual([]);
  });

  it('reports a parameter count mismatch and a template that is not approved', () => {
    const issues = validateTemplate(wa(mapping.slice(0, 2)), { coverage, whatsappTemplate: { ...template, status: 'PENDING' } });
    expect(messages(issues)).toEqual([
      'Only APPROVED templates can be sent; reminder (en_US) is PENDING',
      'reminder takes 4 parameters (Header {{1}}, Body {{1}}, Body {{2}}, Button “Open” URL); 2 are mapped',
    ]);
  });

  it('refuses newlines, tabs and runs of spaces in values and fallbacks, and a missing fallback many leads need', () => {
    const bad = [
      { ...mapping[0], fallback: 'two\nlines' },
      { ...mapping[1], field: 'email', fallback: '' },
      { ...mapping[2], value: 'tab\there' },
      { ...mapping[3], value: 'a     b' },
    ];
    const issues = validateTemplate(wa(bad), { coverage, whatsappTemplate: template });
    expect(issues.map((i) => `${i.path}: ${i.message}`)).toEqual([
      'parameterMapping.0.fallback: Header {{1}}: no new lines, tabs or more than 4 spaces in a row (WhatsApp refuses them)',
      'parameterMapping.1.fallback: Body {{1}}: {{email}} is empty for 30% of your leads (60 of 200): give this parameter a fallback',
      'parameterMapping.2.value: Body {{2}}: no new lines, tabs or more than 4 spaces in a row (WhatsApp refuses them)',
      'parameterMapping.3.value: Button “Open” URL: no new lines, tabs or more than 4 spaces in a row (WhatsApp refuses them)',
    ]);
  });

  it('renders the preview with lead values and fallbacks, as the dispatcher would', () => {
    const m = wa(mapping).parameterMapping;
    expect(renderWhatsAppTemplate(template.components, m, { name: 'Ana Souza' })).toEqual({
      header: 'Hi Ana',
      body: 'Dear Ana, your visit is on Monday. See you Ana!',
      footer: 'Clinic',
      buttons: ['OK', 'Open'],
      missing: [],
    });
    expect(renderWhatsAppTemplate(template.components, m, { name: null }).body).toBe('Dear there, your visit is on Monday. See you there!');
    const noFallback = m.map((x) => ({ ...x, fallback: '' }));
    expect(renderWhatsAppTemplate(template.components, noFallback, { name: null })).toMatchObject({
      body: 'Dear [Body {{1}}], your visit is on Monday. See you [Body {{1}}]!',
      missing: ['Header {{1}}', 'Body {{1}}'],
    });
  });
});

describe('parseWhatsAppFormatting', () => {
  it('parses bold, italic, strike and mono, nested, without touching plain asterisks', () => {
    expect(parseWhatsAppFormatting('*Oi* _você_ ~não~ ```a*b*c``` 2*3*4 * x *')).toEqual([
      { kind: 'bold', children: [{ kind: 'text', text: 'Oi' }] },
      { kind: 'text', text: ' ' },
      { kind: 'italic', children: [{ kind: 'text', text: 'você' }] },
      { kind: 'text', text: ' ' },
      { kind: 'strike', children: [{ kind: 'text', text: 'não' }] },
      { kind: 'text', text: ' ' },
      { kind: 'mono', text: 'a*b*c' },
      { kind: 'text', text: ' 2*3*4 * x *' },
    ]);
    expect(parseWhatsAppFormatting('*bold _and italic_*')).toEqual([
      { kind: 'bold', children: [{ kind: 'text', text: 'bold ' }, { kind: 'italic', children: [{ kind: 'text', text: 'and italic' }] }] },
    ]);
    expect(parseWhatsAppFormatting('*not\nbold*')).toEqual([{ kind: 'text', text: '*not\nbold*' }]);
    // Markup-looking text stays text: the preview renders nodes as React text.
    expect(parseWhatsAppFormatting('<img src=x onerror=alert(1)>')).toEqual([{ kind: 'text', text: '<img src=x onerror=alert(1)>' }]);
  });
});
