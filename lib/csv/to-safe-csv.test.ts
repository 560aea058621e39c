import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { neutralizeCell, toSafeCsv } from './to-safe-csv';

describe('toSafeCsv', () => {
  it.each(['=1+1', '+5511987654321', '-2', '@SUM(A1)', '\tx', '\rx'])('neutralises %j', (cell) => {
    expect(neutralizeCell(cell)).toBe(`'${cell}`);
  });

  it('leaves ordinary cells alone', () => {
    expect(neutralizeCell('Ana 1+1=2')).toBe('Ana 1+1=2');
  });

  it('quotes commas, quotes and newlines and round-trips through a parser', () => {
    const rows = [
      ['name', 'note'],
      ['Ana, "a"', 'line 1\nline 2'],
      ['=cmd|calc', null],
    ];
    const csv = toSafeCsv(rows, { bom: false });
    expect(csv.endsWith('\r\n')).toBe(true);
    const parsed = Papa.parse<string[]>(csv.trim(), { header: false }).data;
    expect(parsed).toEqual([
      ['name', 'note'],
      ['Ana, "a"', 'line 1\nline 2'],
      ["'=cmd|calc", ''],
    ]);
  });

  it('starts with a BOM by default', () => {
    expect(toSafeCsv([['a']]).charCodeAt(0)).toBe(0xfeff);
  });
});
