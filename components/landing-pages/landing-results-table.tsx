import Table from 'react-bootstrap/Table';
import type { ResultRow } from '@/lib/landing-pages/get-landing-page-results';

const pct = (n: number, d: number) => (d === 0 ? '–' : `${((100 * n) / d).toFixed(1)} %`);

export function LandingResultsTable({ caption, keyLabel, rows }: { caption: string; keyLabel: string; rows: ResultRow[] }) {
  return (
    <div className="table-responsive bg-white rounded shadow-sm mb-3">
      <Table size="sm" className="mb-0" aria-label={caption}>
        <caption className="px-2">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{keyLabel}</th>
            {['Views', 'Submissions', 'Conversion', 'Blocked', 'New', 'Returning', 'Delivered', 'Read', 'Replied'].map((h) => (
              <th scope="col" className="text-end" key={h}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 && (
            <tr>
              <td colSpan={10} className="text-muted">
                No visits yet.
              </td>
            </tr>
          )}
          {rows.map((r) => (
            <tr key={r.key} data-testid="results-row">
              <th scope="row">{r.key || '(none)'}</th>
              <td className="text-end">{r.views}</td>
              <td className="text-end">{r.submissions}</td>
              <td className="text-end">{pct(r.submissions, r.views)}</td>
              <td className="text-end">{r.blocked}</td>
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
