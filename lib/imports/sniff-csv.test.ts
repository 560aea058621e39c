import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import Papa from 'papaparse';
import { CsvChunkParser } from './csv-chunk-parser';
import { detectEncoding, looksBinary, looksLikeHeader, sniffCsv } from './sniff-csv';

const enc = (s: string) => new TextEncoder().encode(s);

describe('detectEncoding', () => {
  it('tells UTF-8, UTF-8 with BOM and Windows-1252 apart', () => {
    expect(detectEncoding(enc('Nome;Telefone\nJoão;11 98765-4321'))).toEqual({ encoding: 'utf-8', hasBom: false });
    expect(detectEncoding(new Uint8Array([0xef, 0xbb, 0xbf, ...enc('Nome')]))).toEqual({ encoding: 'utf-8', hasBom: true });
    // "João" in Windows-1252: ã is one byte, 0xE3.
    expect(detectEncoding(new Uint8Array([0x4a, 0x6f, 0xe3, 0x6f, 0x0a]))).toEqual({ encoding: 'windows-1252', hasBom: false });
  });

  it('does not mistake a character cut at the end of the sample for Windows-1252', () => {
    const bytes = enc('Nome\nJoão');
    expect(detectEncoding(bytes.subarray(0, bytes.length - 2)).encoding).toBe('utf-8');
  });
});

describe('looksBinary', () => {
  it('spots NUL bytes, zip (xlsx) headers and control noise, but not text', () => {
    expect(looksBinary(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2]))).toBe(true);
    expect(looksBinary(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]))).toBe(true);
    expect(looksBinary(enc('a,b\r\n1,2\r\n'))).toBe(false);
  });
});

describe('sniffCsv', () => {
  it('detects semicolons, CRLF and the header row', () => {
    const s = sniffCsv('Nome;Telefone;Cidade\r\nAna;11 98765-4321;"São Paulo; SP"\r\nBia;11 91234-5678;Rio\r\n', { isComplete: true });
    expect(s).toMatchObject({ delimiter: ';', newline: '\r\n', hasHeader: true, columns: ['Nome', 'Telefone', 'Cidade'] });
    expect(s.preview).toEqual([
      ['Ana', '11 98765-4321', 'São Paulo; SP'],
      ['Bia', '11 91234-5678', 'Rio'],
    ]);
  });

  it('detects tabs and a file without a header', () => {
    const s = sniffCsv('Ana\t11 98765-4321\nBia\t11 91234-5678\n', { isComplete: true });
    expect(s).toMatchObject({ delimiter: '\t', hasHeader: false, columns: ['Column 1', 'Column 2'] });
    expect(s.preview).toHaveLength(2);
  });

  it('explains empty and header-only files', () => {
    expect(() => sniffCsv('', { isComplete: true })).toThrow('The file is empty.');
    expect(() => sniffCsv('\n\r\n  \n', { isComplete: true })).toThrow('The file is empty.');
    expect(() => sniffCsv('Nome,Telefone\n', { isComplete: true })).toThrow('header row but no data rows');
  });

  it('names duplicate and blank headers', () => {
    expect(sniffCsv('Telefone,Telefone,\n11 98765-4321,x,y\n', { isComplete: true }).columns).toEqual([
      'Telefone',
      'Telefone (2)',
      'Column 3',
    ]);
  });

  it('looksLikeHeader', () => {
    expect(looksLikeHeader(['Nome', 'Telefone'])).toBe(true);
    expect(looksLikeHeader(['Ana', '+55 11 98765-4321'])).toBe(false);
    expect(looksLikeHeader(['ana@example.com', 'x'])).toBe(false);
  });
});

describe('CsvChunkParser', () => {
  const cell = fc.oneof(
    fc.string({ maxLength: 6 }),
    fc.constantFrom('São Paulo', 'a,b', 'say "hi"', 'line1\nline2', 'r\r\nn', ''),
  );
  it('gives the same records however the text is cut into chunks', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(cell, { minLength: 2, maxLength: 2 }), { minLength: 1, maxLength: 15 }),
        fc.array(fc.nat(200), { maxLength: 8 }),
        fc.constantFrom(',', ';'),
        (rows, cuts, delimiter) => {
          const text = Papa.unparse(rows, { delimiter, newline: '\r\n', quotes: true }) + '\r\n';
          const whole = Papa.parse<string[]>(text, { delimiter, newline: '\r\n', skipEmptyLines: 'greedy' }).data;
          const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
          const parser = new CsvChunkParser({ delimiter, newline: '\r\n' });
          const got: string[][] = [];
          let from = 0;
          for (const p of points) {
            got.push(...parser.push(text.slice(from, p)));
            from = p;
          }
          got.push(...parser.push(text.slice(from), true));
          expect(got).toEqual(whole.filter((r) => r.some((c) => c.trim() !== '')));
        },
      ),
      { numRuns: 300 },
    );
  });
});
