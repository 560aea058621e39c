import Papa from 'papaparse';
import type { CsvDialect } from './csv-chunk-parser';

// What kind of file is this? Encoding, delimiter, line ending and header row, guessed from
// the first bytes only (a 100 MB file is never read whole). Pure: browser worker and CLI.

export const SNIFF_BYTES = 64 * 1024;
export const CSV_ENCODINGS = ['utf-8', 'windows-1252'] as const;
export type CsvEncoding = (typeof CSV_ENCODINGS)[number];

export type EncodingGuess = { encoding: CsvEncoding; hasBom: boolean };

export class CsvFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CsvFileError';
  }
}

/**
 * UTF-8 (with or without BOM) when the bytes decode as UTF-8, else Windows-1252: what Excel
 * writes on Windows for "CSV" in Portuguese and Spanish locales (a superset of Latin-1).
 */
export function detectEncoding(bytes: Uint8Array): EncodingGuess {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', hasBom: true };
  // A sample may end in the middle of a character: ignore up to 3 trailing bytes of it.
  let end = bytes.length;
  for (let back = 1; back <= 3 && end - back >= 0; back++) {
    const b = bytes[end - back];
    if ((b & 0xc0) === 0xc0) {
      end -= back;
      break;
    }
    if ((b & 0x80) === 0) break;
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, end));
    return { encoding: 'utf-8', hasBom: false };
  } catch {
    return { encoding: 'windows-1252', hasBom: false };
  }
}

/** NUL bytes, or many control characters, mean this is not text (a spreadsheet or image renamed .csv). */
export function looksBinary(bytes: Uint8Array): boolean {
  if (bytes.length === 0) return false;
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) return true; // zip: .xlsx
  let control = 0;
  const n = Math.min(bytes.length, 8192);
  for (let i = 0; i < n; i++) {
    const b = bytes[i];
    if (b === 0) return true;
    if (b < 0x09 || (b > 0x0d && b < 0x20)) control++;
  }
  return control / n > 0.05;
}

export type CsvSniff = CsvDialect & {
  hasHeader: boolean;
  /** Header names, or "Column 1", "Column 2"... when the file has no header row. */
  columns: string[];
  /** Up to `previewRows` data records from the sample. */
  preview: string[][];
};

const PHONEISH = /^[+(]?\d[\d\s().\-/]{6,}$/;
const EMAILISH = /@/;

/**
 * A first record is a header when none of its cells looks like data (a phone number, an
 * e-mail, a number); otherwise the file starts with data. The user can override it.
 */
export function looksLikeHeader(first: readonly string[]): boolean {
  const cells = first.map((c) => c.trim()).filter(Boolean);
  if (cells.length === 0) return false;
  return !cells.some((c) => PHONEISH.test(c) || EMAILISH.test(c) || /^-?\d+([.,]\d+)?$/.test(c));
}

function guessNewline(text: string): CsvDialect['newline'] {
  const crlf = text.indexOf('\r\n');
  const lf = text.indexOf('\n');
  const cr = text.indexOf('\r');
  if (crlf !== -1 && crlf <= lf) return '\r\n';
  if (lf === -1 && cr !== -1) return '\r';
  return '\n';
}

/** Sniffs the dialect and header from decoded sample text (BOM already stripped). */
export function sniffCsv(sample: string, opts: { isComplete: boolean; previewRows?: number; hasHeader?: boolean }): CsvSniff {
  if (sample.trim() === '') throw new CsvFileError('The file is empty.');
  const newline = guessNewline(sample);
  const guessed = Papa.parse<string[]>(sample, {
    preview: 50,
    newline,
    delimitersToGuess: [',', ';', '\t', '|'],
    skipEmptyLines: 'greedy',
  });
  const delimiter = guessed.meta.delimiter || ',';
  const records = guessed.data.filter((r) => r.some((c) => c.trim() !== ''));
  // The last record of a partial sample may be cut short: leave it out of the preview.
  if (!opts.isComplete && records.length > 1 && !guessed.meta.truncated) records.pop();
  if (records.length === 0) throw new CsvFileError('The file is empty.');
  const hasHeader = opts.hasHeader ?? looksLikeHeader(records[0]);
  const width = Math.max(...records.map((r) => r.length));
  const columns = hasHeader
    ? uniqueNames(records[0].map((c, i) => c.trim() || `Column ${i + 1}`))
    : Array.from({ length: width }, (_, i) => `Column ${i + 1}`);
  const data = hasHeader ? records.slice(1) : records;
  if (hasHeader && data.length === 0 && opts.isComplete) {
    throw new CsvFileError('The file has a header row but no data rows.');
  }
  return { delimiter, newline, hasHeader, columns, preview: data.slice(0, opts.previewRows ?? 20) };
}

/** Two columns both called "Telefone" become "Telefone" and "Telefone (2)". */
function uniqueNames(names: string[]): string[] {
  const seen = new Map<string, number>();
  return names.map((n) => {
    const count = (seen.get(n) ?? 0) + 1;
    seen.set(n, count);
    return count === 1 ? n : `${n} (${count})`;
  });
}

/** Spreadsheet row number of a data record: the header is row 1 when there is one. */
export function rowNumberOf(dataIndex: number, hasHeader: boolean): number {
  return dataIndex + (hasHeader ? 2 : 1);
}
