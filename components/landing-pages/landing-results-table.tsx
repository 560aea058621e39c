import Table from 'react-bootstrap/Table';
import type { ResultRow } from '@/lib/landing-pages/get-landing-page-results';

const pct = (n: number, d: number) => (d === 0 ? '–' : `${((100 * n) / d).toFixed(1)} %`);

const COLUMNS = ['Views', 'Submissions', 'Conversion', 'Blocked', 'New', 'Returning', 'Delivered', 'Read', 'Replied'];
const NOT_BY_VARIANT = new Set(['Views', 'Conversion', 'Blocked']);

// hasViews=false (by variant): views and blocked attempts are not counted per variant.
export function LandingResultsTable({ caption, keyLabel, rows, hasViews = true }: { caption: string; keyLabel: string; rows: ResultRow[]; hasViews?: boolean }) {
  const columns = COLUMNS.filter((c) => hasViews || !NOT_BY_VARIANT.has(c));
  return (
    <div className="table-responsive bg-white rounded shadow-sm mb-3">
      <Table size="sm" className="mb-0" aria-label={caption}>
        <caption className="px-2">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{keyLabel}</th>
            {columns.map((h) => (
              <th scope="col" className="text-end" key={h}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 && (
            <tr>
              <td colSpan={columns.length + 1} className="text-muted">
                No visits yet.
              </td>
            </tr>
          )}
          {rows.map((r) => (
            <tr key={r.key} data-testid="results-row">
              <th scope="row">{r.key || '(none)'}</th>
              {hasViews && <td className="text-end">{r.views}</td>}
              <td className="text-end">{r.submissions}</td>
              {hasViews && <td className="text-end">{pct(r.submissions, r.views)}</td>}
              {hasViews && <td className="text-end">{r.blocked}</td>}
              <td className="text-end">{r.newLeads}</td>
              <td className="text-end">{r.returning}</td>
              <td className="text-end">{r.delivered}</td>
              <td className="text-end">{r.read}</td>
              <td className="text-end">{r.replied}</td>
            </tr>
          ))}
        </tbody>
      </Table>
    </div>
  );
}
