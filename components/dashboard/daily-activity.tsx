import Table from 'react-bootstrap/Table';
import type { DailyPoint } from '@/lib/analytics/get-dashboard-counts';
import { formatDay } from '@/components/ui/format';

const SERIES = [
  { key: 'leads', label: 'New leads', color: 'var(--wl-green)' },
  { key: 'sent', label: 'Messages sent', color: '#0d6efd' },
  { key: 'delivered', label: 'Delivered or read', color: '#198754' },
] as const;

function Bar({ value, max, color }: { value: number; max: number; color: string }) {
  const width = max === 0 ? 0 : Math.max((value / max) * 100, value > 0 ? 4 : 0);
  return (
    <div className="d-flex align-items-center gap-2">
      <span className="text-end" style={{ minWidth: '2.5rem' }}>{value}</span>
      <div className="flex-grow-1 bg-body-tertiary rounded" style={{ height: 8, minWidth: 60 }} aria-hidden>
        <div className="rounded" style={{ width: `${width}%`, height: 8, background: color }} />
      </div>
    </div>
  );
}

/** The last 7 local days as a table whose cells carry CSS bars: readable without a chart library. */
export function DailyActivity({ days }: { days: DailyPoint[] }) {
  const max = Math.max(0, ...days.flatMap((d) => [d.leads, d.sent, d.delivered]));
  return (
    <div className="table-responsive">
      <Table size="sm" className="mb-0 align-middle" aria-label="Activity in the last 7 days">
        <thead>
          <tr>
            <th scope="col">Day</th>
            {SERIES.map((s) => (
              <th scope="col" key={s.key}>{s.label}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {days.map((d) => (
            <tr key={d.day}>
              <th scope="row" className="fw-normal text-nowrap">
                <time dateTime={d.day}>{formatDay(d.day)}</time>
              </th>
              {SERIES.map((s) => (
                <td key={s.key} style={{ width: '28%' }}>
                  <Bar value={d[s.key]} max={max} color={s.color} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </Table>
    </div>
  );
}
