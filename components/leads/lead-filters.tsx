import { faFileCsv, faFilter, faXmark } from '@fortawesome/free-solid-svg-icons';
import { FontAwesomeIcon } from '@fortawesome/react-fontawesome';
import Link from 'next/link';
import { LEAD_SOURCES, LIFECYCLE_STATUSES } from '@/db/schema';
import { SOURCE_LABELS } from '@/components/ui/format';
import { filterToParams, isFiltered, LEAD_SORT_LABELS, LEAD_SORTS, type LeadFilter } from '@/lib/leads/lead-filters';
import { exportHref } from '@/lib/leads/export-selection';

function Select({ id, name, label, value, options }: { id: string; name: string; label: string; value?: string; options: [string, string][] }) {
  return (
    <div className="col-6 col-md-3 col-xl-2">
      <label htmlFor={id} className="form-label small mb-1">{label}</label>
      <select id={id} name={name} className="form-select form-select-sm" defaultValue={value ?? ''}>
        {options.map(([v, l]) => (
          <option key={v} value={v}>{l}</option>
        ))}
      </select>
    </div>
  );
}

// A plain GET form: filters work without JavaScript and every result page has its own URL.
export function LeadFilters({ filter }: { filter: LeadFilter }) {
  return (
    <form method="get" action="/leads" role="search" aria-label="Filter leads" className="bg-white rounded shadow-sm p-3 mb-3">
      <div className="row g-2 align-items-end">
        <div className="col-12 col-md-6 col-xl-4">
          <label htmlFor="lead-search" className="form-label small mb-1">Search</label>
          <input id="lead-search" name="q" type="search" className="form-control form-control-sm" defaultValue={filter.q ?? ''} placeholder="Name, e-mail or phone in any format" maxLength={100} />
        </div>
        <Select id="lead-source" name="source" label="Source" value={filter.source} options={[['', 'All sources'], ...LEAD_SOURCES.map((s): [string, string] => [s, SOURCE_LABELS[s]])]} />
        <div className="col-6 col-md-3 col-xl-2">
          <label htmlFor="lead-tag" className="form-label small mb-1">Tag</label>
          <input id="lead-tag" name="tag" className="form-control form-control-sm" defaultValue={filter.tag ?? ''} maxLength={50} placeholder="Any tag" />
        </div>
        <Select id="lead-status" name="status" label="Status" value={filter.status} options={[['', 'Any status'], ...LIFECYCLE_STATUSES.map((s): [string, string] => [s, s[0].toUpperCase() + s.slice(1)])]} />
        <Select id="lead-sort" name="sort" label="Sort" value={filter.sort} options={LEAD_SORTS.map((s): [string, string] => [s === 'newest' ? '' : s, LEAD_SORT_LABELS[s]])} />
        <div className="col-6 col-md-3 col-xl-2">
          <label htmlFor="lead-from" className="form-label small mb-1">Created from</label>
          <input id="lead-from" name="createdFrom" type="date" className="form-control form-control-sm" defaultValue={filter.createdFrom ?? ''} />
        </div>
        <div className="col-6 col-md-3 col-xl-2">
          <label htmlFor="lead-to" className="form-label small mb-1">Created to</label>
          <input id="lead-to" name="createdTo" type="date" className="form-control form-control-sm" defaultValue={filter.createdTo ?? ''} />
        </div>
        <Select id="lead-opted-out" name="optedOut" label="Opted out" value={filter.optedOut} options={[['', 'Any'], ['yes', 'Opted out'], ['no', 'Not opted out']]} />
        <Select id="lead-replied" name="replied" label="Replied" value={filter.replied} options={[['', 'Any'], ['yes', 'Has replied'], ['no', 'Never replied']]} />
        <div className="col-12 col-xl-4 d-flex gap-2 justify-content-xl-end">
          <button type="submit" className="btn btn-success btn-sm">
            <FontAwesomeIcon icon={faFilter} className="me-1" aria-hidden />
            Apply
          </button>
          {isFiltered(filter) && (
            <Link href="/leads" className="btn btn-outline-secondary btn-sm">
              <FontAwesomeIcon icon={faXmark} className="me-1" aria-hidden />
              Clear
            </Link>
          )}
          <a href={exportHref(filterToParams(filter))} className="btn btn-outline-secondary btn-sm" download>
            <FontAwesomeIcon icon={faFileCsv} className="me-1" aria-hidden />
            Export CSV
          </a>
        </div>
      </div>
    </form>
  );
}
