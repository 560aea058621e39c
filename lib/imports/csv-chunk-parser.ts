import Papa from 'papaparse';

// Incremental CSV parsing on top of papaparse's own Parser: text arrives in chunks (from a
// TextDecoder, so multi-byte characters are never split), complete records come out, and the
// unfinished tail (a record cut mid-field, even inside quotes) waits for the next chunk. The
// browser's Web Worker and the command line both use it, so they parse files the same way.

export type CsvDialect = { delimiter: string; newline: '\r\n' | '\n' | '\r' };

export class CsvChunkParser {
  private carry = '';

  constructor(private readonly dialect: CsvDialect) {}

  /** Adds text; returns the records completed by it. `isLast` flushes the tail. */
  push(text: string, isLast = false): string[][] {
    const input = this.carry + text;
    if (!input) return [];
    const parser = new Papa.Parser({ delimiter: this.dialect.delimiter, newline: this.dialect.newline, quoteChar: '"' });
    const result = parser.parse(input, 0, !isLast) as Papa.ParseResult<string[]>;
    this.carry = isLast ? '' : input.slice(result.meta.cursor);
    return result.data.filter(isNotBlank);
  }

  /** Characters held back waiting for the rest of a record. */
  get pending(): number {
    return this.carry.length;
  }
}

/** Blank lines (a lone empty cell, or only empty cells) are not records. */
function isNotBlank(row: string[]): boolean {
  for (const cell of row) if (cell.trim() !== '') return true;
  return false;
}
