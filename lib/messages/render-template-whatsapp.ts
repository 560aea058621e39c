import type { ParameterMapping } from '@/db/schema/templates';
import { paramKey, templateParams, templateTexts } from '@/lib/templates/whatsapp-template-params';
import { leadFieldValue, type RenderableLead } from './render-template';

// What a lead would see for a WhatsApp template with our parameter mapping: the same value
// rules as the dispatcher (lib/dispatch/prepare-message.ts), for the live preview and tests.

export type RenderedWhatsAppTemplate = {
  header?: string;
  body: string;
  footer?: string;
  buttons: string[];
  /** Parameters with no value and no fallback for this lead (the dispatcher would refuse). */
  missing: string[];
};

/** Meta refuses newlines, tabs and more than 4 consecutive spaces inside a parameter. */
export function cleanParameter(value: string): string {
  return value.replace(/[\r\n\t]+/g, ' ').replace(/ {5,}/g, '    ').trim();
}

export function parameterValue(m: Pick<ParameterMapping, 'source' | 'field' | 'value' | 'fallback'> | undefined, lead: RenderableLead): string {
  if (!m) return '';
  const raw = m.source === 'fixed' ? m.value : m.field ? (leadFieldValue(lead, m.field) ?? m.fallback) : m.fallback;
  return cleanParameter(raw ?? '');
}

export function renderWhatsAppTemplate(components: Record<string, unknown>[], mapping: ParameterMapping[], lead: RenderableLead): RenderedWhatsAppTemplate {
  const texts = templateTexts(components);
  const params = templateParams(components);
  const byKey = new Map(mapping.map((m) => [paramKey(m), m]));
  const missing: string[] = [];
  const fill = (text: string | undefined, component: 'header' | 'body') =>
    text?.replace(/\{\{\s*(\w+)\s*\}\}/g, (all, name: string) => {
      const p = params.find((x) => x.component === component && x.name === name);
      if (!p) return all;
      const value = parameterValue(byKey.get(paramKey(p)), lead);
      if (!value) {
        if (!missing.includes(p.label)) missing.push(p.label);
        return `[${p.label}]`;
      }
      return value;
    });
  return { header: fill(texts.header, 'header'), body: fill(texts.body, 'body') ?? '', footer: texts.footer, buttons: texts.buttons, missing };
}
