import { faMagnifyingGlass } from '@fortawesome/free-solid-svg-icons';
import { FontAwesomeIcon } from '@fortawesome/react-fontawesome';
import { LEAD_SOURCES } from '@/db/schema';
import { SOURCE_LABELS } from '@/components/ui/format';

// A plain GET form: search works without JavaScript and every result page has its own URL.
export function LeadFilters({ q, source }: { q?: string; source?: string }) {
  return (
    <form method="get" action="/leads" role="search" className="row g-2 align-items-end mb-3">
      <div className="col-12 col-md-6">
        <label htmlFor="lead-search" className="form-label small mb-1">Search</label>
        <input
          id="lead-search"
          name="q"
          type="search"
          className="form-control"
          defaultValue={q ?? ''}
          placeholder="Name, e-mail or phone"
          maxLength={100}
        />
      </div>
      <div className="col-8 col-md-4">
        <label htmlFor="lead-source" className="form-label small mb-1">Source</label>
        <select id="lead-source" name="source" className="form-select" defaultValue={source ?? ''}>
          <option value="">All sources</option>
          {LEAD_SOURCES.map((s) => (
            <option key={s} value={s}>{SOURCE_LABELS[s]}</option>
          ))}
        </select>
      </div>
      <div className="col-4 col-md-2 d-grid">
        <button type="submit" className="btn btn-success">
          <FontAwesomeIcon icon={faMagnifyingGlass} className="me-1" aria-hidden />
          Search
        </button>
      </div>
    </form>
  );
}
