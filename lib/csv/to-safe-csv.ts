// CSV for downloads that spreadsheets open safely (RFC 4180 quoting, formula injection defused).

const FORMULA_START = /^[=+\-@\t\r]/;

/** A cell a spreadsheet would run as a formula ("=HYPERLINK(...)", "+1", "@SUM") gets a leading quote. */
export function neutralizeCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

function quoteCell(value: unknown): string {
  const text = neutralizeCell(value === null || value === undefined ? '' : String(value));
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Rows (the first is usually the header) -> CSV text with CRLF line ends and a UTF-8 BOM for Excel. */
export function toSafeCsv(rows: readonly (readonly unknown[])[], opts: { bom?: boolean } = {}): string {
  const body = rows.map((row) => row.map(quoteCell).join(',')).join('\r\n');
  return `${opts.bom === false ? '' : '\uFEFF'}${body}${rows.length > 0 ? '\r\n' : ''}`;
}
