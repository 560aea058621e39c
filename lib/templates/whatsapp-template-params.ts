import type { ParameterMapping } from '@/db/schema/templates';

// The parameters a synced WhatsApp template expects, read from Meta's component JSON:
// positional {{1}} {{2}} or named {{first_name}} in the header (TEXT format) and body, and
// {{1}} in the URL of dynamic URL buttons.

export type TemplateParam = {
  component: ParameterMapping['component'];
  /** 1-based position in header/body; the button's own index for buttons. */
  index: number;
  /** The name inside the braces ("1" for positional parameters). */
  name: string;
  /** Where to show it in a form: "Body {{1}}". */
  label: string;
};

type MetaComponent = Record<string, unknown>;

const PARAM = /\{\{\s*([\w]+)\s*\}\}/g;

function namesIn(text: unknown): string[] {
  if (typeof text !== 'string') return [];
  const seen: string[] = [];
  for (const m of text.matchAll(PARAM)) if (!seen.includes(m[1])) seen.push(m[1]);
  return seen;
}

const typeOf = (c: MetaComponent) => String(c.type ?? '').toUpperCase();

export function templateParams(components: MetaComponent[]): TemplateParam[] {
  const out: TemplateParam[] = [];
  const header = components.find((c) => typeOf(c) === 'HEADER' && String(c.format ?? 'TEXT').toUpperCase() === 'TEXT');
  namesIn(header?.text).forEach((name, i) => out.push({ component: 'header', index: i + 1, name, label: `Header {{${name}}}` }));
  const body = components.find((c) => typeOf(c) === 'BODY');
  namesIn(body?.text).forEach((name, i) => out.push({ component: 'body', index: i + 1, name, label: `Body {{${name}}}` }));
  const buttons = components.find((c) => typeOf(c) === 'BUTTONS');
  const list = Array.isArray(buttons?.buttons) ? (buttons.buttons as MetaComponent[]) : [];
  list.forEach((b, i) => {
    if (String(b.type ?? '').toUpperCase() === 'URL' && namesIn(b.url).length > 0) {
      out.push({ component: 'button', index: i, name: namesIn(b.url)[0], label: `Button “${String(b.text ?? i + 1)}” URL` });
    }
  });
  return out;
}

export const paramKey = (p: { component: string; index: number }) => `${p.component}:${p.index}`;

/** Texts of the template for the preview bubble. */
export function templateTexts(components: MetaComponent[]): { header?: string; body: string; footer?: string; buttons: string[] } {
  const find = (t: string) => components.find((c) => typeOf(c) === t);
  const header = find('HEADER');
  const buttons = find('BUTTONS');
  return {
    header: typeof header?.text === 'string' ? header.text : undefined,
    body: typeof find('BODY')?.text === 'string' ? String(find('BODY')?.text) : '',
    footer: typeof find('FOOTER')?.text === 'string' ? String(find('FOOTER')?.text) : undefined,
    buttons: Array.isArray(buttons?.buttons) ? (buttons.buttons as MetaComponent[]).map((b) => String(b.text ?? '')) : [],
  };
}
