import type { FakeTemplateInput } from './fake-types';

// What Meta checks of a template send, against the templates of the sender's WABA: it exists in
// that language and is approved, the header and body get exactly their number of parameters,
// and no parameter has newlines, tabs, 5+ spaces or more than Meta's length.

/** null when the template send is valid, else the error code and details. */
export function checkTemplateSend(wabaTemplates: FakeTemplateInput[], body: Record<string, unknown>): { code: number; details: string } | null {
  const t = body.template as { name?: unknown; language?: { code?: unknown }; components?: unknown } | undefined;
  if (!t || typeof t.name !== 'string' || typeof t.language?.code !== 'string') {
    return { code: 100, details: 'template.name and template.language.code are required' };
  }
  const found = wabaTemplates.find((x) => x.name === t.name && x.language === t.language?.code);
  if (!found || found.status !== 'APPROVED') {
    return { code: 132001, details: `template name (${t.name}) does not exist in ${t.language.code}` };
  }
  const given = Array.isArray(t.components) ? (t.components as { type?: string; parameters?: { type?: string; text?: string }[] }[]) : [];
  for (const kind of ['header', 'body'] as const) {
    const def = (found.components ?? []).find((c) => String(c.type).toLowerCase() === kind);
    const expected = new Set(String(def?.text ?? '').match(/\{\{\s*\w+\s*\}\}/g) ?? []).size;
    const params = given.find((c) => c.type === kind)?.parameters ?? [];
    if (params.length !== expected) {
      return { code: 132000, details: `${kind}: number of localizable_params (${params.length}) does not match the expected number of params (${expected})` };
    }
    for (const p of params) {
      const text = p.text ?? '';
      if (/[\n\t]| {5,}/.test(text)) return { code: 132018, details: `${kind} param cannot have new-line/tab characters or more than 4 consecutive spaces` };
      if (text.length > (kind === 'header' ? 60 : 1024)) return { code: 132005, details: `${kind} param too long` };
    }
  }
  return null;
}
