import { describe, expect, it } from 'vitest';
import { prepareMessage, sanitizeParameter, type PrepareInput } from './prepare-message';

const base: PrepareInput = {
  message: { id: 'm1', kind: 'text', isBusinessInitiated: true, toPhone: '+5511987654321', renderedBody: null, templateId: 't1' },
  lead: { name: 'Ana Souza', phoneE164: '+5511987654321', attributes: {}, optedOutAt: null },
  isInsideServiceWindow: null,
  sender: { provider: 'sandbox', status: 'active', isActive: true },
  template: { body: 'Oi {{first_name}}', fallbacks: {}, waTemplateName: null, waLanguage: null, parameterMapping: [] },
  campaignStatus: 'active',
};
const withInput = (patch: Partial<PrepareInput>): PrepareInput => ({ ...base, ...patch });

describe('prepareMessage', () => {
  it('renders a session text and carries our id as biz_opaque_callback_data', () => {
    expect(prepareMessage(base)).toEqual({
      action: 'send',
      renderedBody: 'Oi Ana',
      outbound: { type: 'text', to: '+5511987654321', body: 'Oi Ana', bizOpaqueCallbackData: 'm1' },
    });
  });

  it('checks opt-out first, then the campaign and the sender', () => {
    const optedOut = { ...base.lead, optedOutAt: new Date() };
    expect(prepareMessage(withInput({ lead: optedOut, sender: null }))).toEqual({ action: 'skip', reason: 'lead opted out' });
    expect(prepareMessage(withInput({ campaignStatus: 'stopped' }))).toMatchObject({ action: 'skip' });
    expect(prepareMessage(withInput({ campaignStatus: 'paused' }))).toMatchObject({ action: 'hold', reason: 'campaign paused' });
    expect(prepareMessage(withInput({ sender: null }))).toMatchObject({ action: 'fail' });
    for (const sender of [
      { provider: 'sandbox' as const, status: 'paused' as const, isActive: true },
      { provider: 'sandbox' as const, status: 'needs_attention' as const, isActive: true },
      { provider: 'sandbox' as const, status: 'active' as const, isActive: false },
    ]) {
      expect(prepareMessage(withInput({ sender }))).toMatchObject({ action: 'hold' });
    }
  });

  it('applies the 24-hour rule to business-initiated texts from Cloud API senders only', () => {
    const cloud = { provider: 'cloud_api' as const, status: 'active' as const, isActive: true };
    expect(prepareMessage(withInput({ sender: cloud }))).toMatchObject({ action: 'skip', reason: expect.stringMatching(/24-hour/) });
    expect(prepareMessage(withInput({ sender: cloud, isInsideServiceWindow: true }))).toMatchObject({ action: 'send' });
    const reply = { ...base.message, isBusinessInitiated: false };
    expect(prepareMessage(withInput({ sender: cloud, message: reply }))).toMatchObject({ action: 'send' });
    expect(prepareMessage(base)).toMatchObject({ action: 'send' });
  });

  it('sends an explicit body only when there is no template, and refuses empty or too long text', () => {
    const explicit = { ...base.message, templateId: null, renderedBody: 'Hello {{first_name}}' };
    expect(prepareMessage(withInput({ message: explicit, template: null }))).toMatchObject({ renderedBody: 'Hello {{first_name}}' });
    const none = { ...base.message, templateId: null };
    expect(prepareMessage(withInput({ message: none, template: null }))).toMatchObject({ action: 'fail' });
    const long = { ...base.message, templateId: null, renderedBody: 'x'.repeat(4097) };
    expect(prepareMessage(withInput({ message: long, template: null }))).toMatchObject({ action: 'fail' });
  });

  it('builds template components from the mapping, with fallbacks and fixed values', () => {
    const message = { ...base.message, kind: 'template' as const };
    const template = {
      body: 'Olá {{1}}, seu plano {{2}}',
      fallbacks: {},
      waTemplateName: 'welcome_v1',
      waLanguage: 'pt_BR',
      parameterMapping: [
        { component: 'body' as const, index: 2, source: 'field' as const, field: 'attr.plan', fallback: 'Básico' },
        { component: 'body' as const, index: 1, source: 'field' as const, field: 'first_name' },
        { component: 'header' as const, index: 1, source: 'fixed' as const, value: 'Bem-vinda\n  à   WhatsLab' },
      ],
    };
    const plan = prepareMessage(withInput({ message, template }));
    expect(plan).toEqual({
      action: 'send',
      renderedBody: 'Olá Ana, seu plano Básico',
      outbound: {
        type: 'template',
        to: '+5511987654321',
        name: 'welcome_v1',
        language: 'pt_BR',
        bizOpaqueCallbackData: 'm1',
        components: [
          { type: 'header', parameters: [{ type: 'text', text: 'Bem-vinda   à   WhatsLab' }] },
          {
            type: 'body',
            parameters: [
              { type: 'text', text: 'Ana' },
              { type: 'text', text: 'Básico' },
            ],
          },
        ],
      },
    });
    const missing = { ...template, parameterMapping: [{ component: 'body' as const, index: 1, source: 'field' as const, field: 'email' }] };
    expect(prepareMessage(withInput({ message, template: missing }))).toMatchObject({ action: 'fail' });
  });

  it('sanitizes template parameters the way Meta requires', () => {
    expect(sanitizeParameter(' a\n\tb      c ')).toBe('a b    c');
  });
});
