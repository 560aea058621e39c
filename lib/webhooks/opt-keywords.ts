// Opt-out / opt-in keywords: compared case- and accent-insensitively, trimmed, ignoring
// surrounding punctuation ("Parar!" = "PARAR", "cancelár" = "CANCELAR").

// WhatsApp's own "Stop promotions" quick reply on marketing templates.
const BUILT_IN_OPT_OUT = ['STOP PROMOTIONS'];

export function normaliseKeyword(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/^[\s\p{P}\p{S}]+|[\s\p{P}\p{S}]+$/gu, '')
    .replace(/\s+/g, ' ')
    .toUpperCase();
}

export type OptKeyword = 'opt_out' | 'opt_in' | null;

export function matchOptKeyword(candidates: (string | null | undefined)[], optOut: string[], optIn: string[]): OptKeyword {
  const out = new Set([...optOut, ...BUILT_IN_OPT_OUT].map(normaliseKeyword));
  const inn = new Set(optIn.map(normaliseKeyword));
  for (const c of candidates) {
    if (!c) continue;
    const n = normaliseKeyword(c);
    if (!n) continue;
    if (out.has(n)) return 'opt_out';
    if (inn.has(n)) return 'opt_in';
  }
  return null;
}
