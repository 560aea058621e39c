import Link from 'next/link';
import { RANGE_PRESET_LABELS, RANGE_PRESETS, type AnalyticsRange } from '@/lib/analytics/range';

/** Presets as links and a custom range as a plain GET form: works before (and without) JavaScript. */
export function RangeForm({ range, segment }: { range: AnalyticsRange; segment: string }) {
  const href = (preset: string) => `/analytics?range=${preset}&segment=${segment}`;
  return (
    <div className="d-flex flex-wrap align-items-end gap-2 mb-3">
      <nav aria-label="Date range">
        <ul className="nav nav-pills flex-wrap small">
          {RANGE_PRESETS.filter((p) => p !== 'custom').map((p) => (
            <li className="nav-item" key={p}>
              <Link className={`nav-link py-1 px-2${range.preset === p ? ' active' : ''}`} aria-current={range.preset === p ? 'page' : undefined} href={href(p)}>
                {RANGE_PRESET_LABELS[p]}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <form method="get" action="/analytics" className="d-flex flex-wrap align-items-end gap-2" aria-label="Custom range">
        <input type="hidden" name="range" value="custom" />
        <input type="hidden" name="segment" value={segment} />
        <div>
          <label htmlFor="analytics-from" className="form-label small mb-0">From</label>
          <input id="analytics-from" name="from" type="date" required className="form-control form-control-sm" defaultValue={range.current.fromDay} />
        </div>
        <div>
          <label htmlFor="analytics-to" className="form-label small mb-0">To</label>
          <input id="analytics-to" name="to" type="date" required className="form-control form-control-sm" defaultValue={range.current.toDay} />
        </div>
        <button type="submit" className={`btn btn-sm ${range.preset === 'custom' ? 'btn-success' : 'btn-outline-success'}`}>
          Apply range
        </button>
      </form>
    </div>
  );
}
