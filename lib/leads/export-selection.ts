import { parseInput } from '@/lib/errors';
import { strictLeadFilterSchema } from './lead-filters';
import { MAX_SELECTED_IDS, type LeadSelection } from './lead-selection';

/**
 * The export link's query string -> a selection: `ids=a,b,c` for ticked rows, otherwise the
 * page's own filter parameters, strictly: a malformed filter is a 400, never a wider export.
 * Invalid ids are left for the selection schema to reject.
 */
export function exportSelectionFromParams(params: URLSearchParams): LeadSelection {
  const ids = params.get('ids');
  if (ids !== null) return { kind: 'ids', ids: ids.split(',').filter(Boolean).slice(0, MAX_SELECTED_IDS + 1) };
  return { kind: 'filter', filter: parseInput(strictLeadFilterSchema, Object.fromEntries(params.entries())) };
}

/** The export link for a selection (the inverse of exportSelectionFromParams). */
export function exportHref(params: URLSearchParams): string {
  const query = params.toString();
  return `/api/leads/export${query ? `?${query}` : ''}`;
}
