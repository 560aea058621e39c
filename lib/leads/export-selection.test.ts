import { describe, expect, it } from 'vitest';
import { exportHref, exportSelectionFromParams } from './export-selection';
import { filterToParams } from './lead-filters';

describe('export link <-> selection', () => {
  it('round-trips a filter through the link, dropping values it does not know', () => {
    const filter = { q: 'Ana', tag: 'vip', status: 'qualified' as const, createdFrom: '2026-01-01', replied: 'yes' as const };
    const href = exportHref(filterToParams(filter));
    expect(href.startsWith('/api/leads/export?')).toBe(true);
    const back = exportSelectionFromParams(new URL(href, 'http://x').searchParams);
    expect(back).toEqual({ kind: 'filter', filter: expect.objectContaining(filter) });
    const junk = exportSelectionFromParams(new URLSearchParams('source=nope&createdFrom=yesterday&optedOut=maybe'));
    expect(junk).toEqual({ kind: 'filter', filter: expect.objectContaining({ source: undefined, createdFrom: undefined, optedOut: undefined }) });
  });

  it('reads ticked rows as ids', () => {
    const ids = ['0b7e3f3e-55a4-4c43-9d5c-2f8f8a3c9a11', '1b7e3f3e-55a4-4c43-9d5c-2f8f8a3c9a12'];
    expect(exportSelectionFromParams(new URLSearchParams({ ids: ids.join(',') }))).toEqual({ kind: 'ids', ids });
    expect(exportHref(new URLSearchParams())).toBe('/api/leads/export');
  });
});
