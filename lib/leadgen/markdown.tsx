import type { ReactNode } from 'react';

// The landing page's body text: a small Markdown subset turned into React elements, never into an
// HTML string. React escapes every text node, so `<script>` or `onerror=` in the text stays
// visible text, and only links whose address passes safeHref() become <a> elements. The same
// function renders the public page (on the server) and the builder's live preview (in the browser).
//
// Supported: paragraphs (blank line), line breaks, "- " or "* " lists, "## " headings,
// **bold**, *italic* or _italic_, [text](https://...) links.

const SAFE_PROTOCOLS = new Set(['https:', 'http:', 'mailto:', 'tel:']);

/** The address if it is absolute and of a harmless kind (no javascript:, data:, vbscript: ...). */
export function safeHref(raw: string): string | null {
  // Browsers ignore tabs and newlines inside a scheme ("java\tscript:"): judge what they would.
  const url = raw.replace(/[\u0000-\u0020\u007f]/g, '');
  try {
    const parsed = new URL(url);
    return SAFE_PROTOCOLS.has(parsed.protocol) ? parsed.href : null;
  } catch {
    return null;
  }
}

const INLINE = /\*\*([^*]+)\*\*|\*([^*\s][^*]*)\*|_([^_\s][^_]*)_|\[([^\]]+)\]\(([^)\s]+)\)/g;

function inline(text: string, keyPrefix: string): ReactNode[] {
  const out: ReactNode[] = [];
  let last = 0;
  let i = 0;
  for (const m of text.matchAll(INLINE)) {
    if (m.index > last) out.push(text.slice(last, m.index));
    const key = `${keyPrefix}-${i++}`;
    if (m[1] !== undefined) out.push(<strong key={key}>{m[1]}</strong>);
    else if (m[2] !== undefined) out.push(<em key={key}>{m[2]}</em>);
    else if (m[3] !== undefined) out.push(<em key={key}>{m[3]}</em>);
    else {
      const href = safeHref(m[5]);
      out.push(
        href ? (
          <a key={key} href={href} rel="noopener noreferrer nofollow" target="_blank">
            {m[4]}
          </a>
        ) : (
          m[4]
        ),
      );
    }
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

function withBreaks(lines: string[], keyPrefix: string): ReactNode[] {
  return lines.flatMap((line, i) => (i === 0 ? inline(line, `${keyPrefix}-${i}`) : [<br key={`${keyPrefix}-br-${i}`} />, ...inline(line, `${keyPrefix}-${i}`)]));
}

/** The body text as React elements (see the supported subset above). */
export function renderMarkdown(source: string): ReactNode[] {
  const blocks = source.replace(/\r\n?/g, '\n').split(/\n\s*\n/).map((b) => b.trim()).filter(Boolean);
  return blocks.map((block, b) => {
    const lines = block.split('\n').map((l) => l.trim());
    if (lines.every((l) => /^[-*] /.test(l))) {
      return (
        <ul key={b}>
          {lines.map((l, i) => (
            <li key={i}>{inline(l.slice(2), `${b}-${i}`)}</li>
          ))}
        </ul>
      );
    }
    if (lines.length === 1 && /^#{1,3} /.test(lines[0])) {
      return (
        <h2 key={b} className="h5 fw-semibold">
          {inline(lines[0].replace(/^#{1,3} /, ''), `${b}`)}
        </h2>
      );
    }
    return <p key={b}>{withBreaks(lines, `${b}`)}</p>;
  });
}
