import { exportSelectionFromParams } from './export-selection';
import type { DatasetRequest } from './export-lead-dataset';

// Parameters that choose the file, not the leads: kept out of the leads-list filter.
const FILE_PARAMS = ['format', 'attribute', 'pick'];

/**
 * GET /api/leads/dataset's query string -> a dataset request: the leads list's own filters
 * (or ids=...), format=csv|jsonl, and the attribute columns: `attribute=k` repeated with
 * pick=1 (exactly those, possibly none), or every key when pick is absent.
 */
export function datasetRequestFromParams(params: URLSearchParams): DatasetRequest {
  const filterParams = new URLSearchParams([...params].filter(([k]) => !FILE_PARAMS.includes(k)));
  const chosen = params.get('pick') === '1' ? params.getAll('attribute') : undefined;
  return {
    selection: exportSelectionFromParams(filterParams),
    format: (params.get('format') ?? 'csv') as DatasetRequest['format'],
    attributes: chosen,
  };
}

