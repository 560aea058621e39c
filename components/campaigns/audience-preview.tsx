import Table from 'react-bootstrap/Table';
import { formatNumber } from '@/components/ui/format';
import type { AudiencePreview as Preview } from '@/lib/campaigns/preview-broadcast-audience';
import { SKIP_VERDICT_LABELS, type AudienceSkipVerdict } from '@/lib/campaigns/skip-reasons';

/** What starting the broadcast would do, before it is started (counted in SQL on each page load). */
export function AudiencePreview({ preview }: { preview: Preview }) {
  const skips = (Object.keys(SKIP_VERDICT_LABELS) as AudienceSkipVerdict[]).filter((v) => preview.skipped[v] > 0);
  return (
    <div className="table-responsive bg-white rounded shadow-sm">
      <Table size="sm" className="mb-0" aria-label="Audience check">
        <tbody>
          <tr>
            <th scope="row">Leads in the segment</th>
            <td className="text-end" data-testid="audience-total">{formatNumber(preview.total)}</td>
          </tr>
          <tr className="table-success">
            <th scope="row">Will be queued</th>
            <td className="text-end" data-testid="audience-eligible">{formatNumber(preview.eligible)}</td>
          </tr>
          {skips.map((v) => (
            <tr key={v}>
              <td className="ps-4">Skipped: {SKIP_VERDICT_LABELS[v]}</td>
              <td className="text-end" data-testid={`audience-skip-${v}`}>{formatNumber(preview.skipped[v])}</td>
            </tr>
          ))}
          {preview.alreadyQueued > 0 && (
            <tr>
              <td className="ps-4">Already have this campaign’s message</td>
              <td className="text-end">{formatNumber(preview.alreadyQueued)}</td>
            </tr>
          )}
          {preview.overDailyCap > 0 && (
            <tr className="table-warning">
              <td className="ps-4">
                Of those queued, over today’s daily cap ({formatNumber(preview.dailyCap ?? 0)} unique recipients per 24 h,{' '}
                {formatNumber(preview.reachedLast24h)} already reached): they wait for the 24 h window to roll
              </td>
              <td className="text-end" data-testid="audience-over-cap">{formatNumber(preview.overDailyCap)}</td>
            </tr>
          )}
        </tbody>
      </Table>
    </div>
  );
}
