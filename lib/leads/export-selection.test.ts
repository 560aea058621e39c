import { describe, expect, it } from 'vitest';
import { exportHref, exportSelectionFromParams } from './export-selection';
import { filterToParams } from './lead-filters';

describe('export link <-> selection', () => {
  it('round-trips a filter through the link, dropping parameters it does not know and refusing malformed values', () => {
    const filter = { q: 'Ana', tag: 'vip', status: 'qualified' as const, createdFrom: '2026-01-01', replied: 'yes' as const };
    const href = exportHref(filterToParams(filter));
    expect(href.startsWith('/api/leads/export?')).toBe(true);
    const back = exportSelectionFromParams(new URL(href, 'http://x').searchParams);
    expect(back).toEqual({ kind: 'filter', filter: expect.objectContaining(filter) });
    const unknown = exportSelectionFromParams(new URLSearchParams('utm_source=mail&tag=vip'));
    expect(unknown).toEqual({ kind: 'filter', filter: expect.objectContaining({ tag: 'vip' }) });
    // A malformed value is a 400, never an export of more leads than the filter meant.
    for (const junk of ['source=nope', 'createdFrom=yesterday', 'optedOut=maybe', 'createdTo=2024-02-30']) {
      expect(() => exportSelectionFromParams(new URLSearchParams(junk)), junk).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT' }));
    }
  });

  it('reads ticked rows as ids', () => {
    const ids = ['0b7e3f3e-55a4-4c43-9d5c-2f8f8a3c9a11', '1b7e3f3e-55a4-4c43-9d5c-2f8f8a3c9a12'];
    expect(exportSelectionFromParams(new URLSearchParams({ ids: ids.join(',') }))).toEqual({ kind: 'ids', ids });
    expect(exportHref(new URLSearchParams())).toBe('/api/leads/export');
  });
});
