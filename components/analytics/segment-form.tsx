import { SEGMENT_DIMENSIONS, SEGMENT_LABELS, type SegmentDimension } from '@/lib/analytics/funnel-steps';
import type { AnalyticsRange } from '@/lib/analytics/range';

/** Chooses what the funnel's segments are (a GET form that keeps the range). */
export function SegmentForm({ range, segment }: { range: AnalyticsRange; segment: SegmentDimension }) {
  return (
    <form method="get" action="/analytics" className="d-flex flex-wrap align-items-end gap-2">
      <input type="hidden" name="range" value={range.preset} />
      {range.preset === 'custom' && (
        <>
          <input type="hidden" name="from" value={range.current.fromDay} />
          <input type="hidden" name="to" value={range.current.toDay} />
        </>
      )}
      <div>
        <label htmlFor="analytics-segment" className="form-label small mb-0">Segment by</label>
        <select id="analytics-segment" name="segment" className="form-select form-select-sm" defaultValue={segment}>
          {SEGMENT_DIMENSIONS.map((d) => (
            <option key={d} value={d}>{SEGMENT_LABELS[d]}</option>
          ))}
        </select>
      </div>
      <button type="submit" className="btn btn-sm btn-outline-success">Show segments</button>
    </form>
  );
}
