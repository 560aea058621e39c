// WhatsApp's inline formatting (*bold*, _italic_, ~strike~, ```mono```) parsed into a tree the
// preview renders as React elements: user text is never injected as HTML.

export type FormatNode =
  | { kind: 'text'; text: string }
  | { kind: 'bold' | 'italic' | 'strike'; children: FormatNode[] }
  | { kind: 'mono'; text: string };

const MARKERS = { '*': 'bold', _: 'italic', '~': 'strike' } as const;
type Marker = keyof typeof MARKERS;

const isWordChar = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}]/u.test(c);
const isSpace = (c: string | undefined) => c === undefined || /\s/.test(c);

/** A marker opens when it does not follow a letter/digit and is followed by a non-space. */
function closingIndex(text: string, open: number, marker: Marker): number {
  if (isWordChar(text[open - 1]) || isSpace(text[open + 1]) || text[open + 1] === marker) return -1;
  for (let j = open + 2; j < text.length; j++) {
    if (text[j] === '\n') return -1; // formatting never spans lines
    if (text[j] === marker && !isSpace(text[j - 1]) && !isWordChar(text[j + 1])) return j;
  }
  return -1;
}

function parseInline(text: string): FormatNode[] {
  const nodes: FormatNode[] = [];
  let plain = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as Marker;
    if (c in MARKERS) {
      const end = closingIndex(text, i, c);
      if (end > 0) {
        if (plain) nodes.push({ kind: 'text', text: plain });
        plain = '';
        nodes.push({ kind: MARKERS[c], children: parseInline(text.slice(i + 1, end)) });
        i = end;
        continue;
      }
    }
    plain += text[i];
  }
  if (plain) nodes.push({ kind: 'text', text: plain });
  return nodes;
}

export function parseWhatsAppFormatting(text: string): FormatNode[] {
  const nodes: FormatNode[] = [];
  const parts = text.split(/```([\s\S]+?)```/);
  parts.forEach((part, i) => {
    if (i % 2 === 1) nodes.push({ kind: 'mono', text: part });
    else if (part) nodes.push(...parseInline(part));
  });
  return nodes;
}
