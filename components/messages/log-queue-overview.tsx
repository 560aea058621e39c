import Table from 'react-bootstrap/Table';
import { formatNumber } from '@/components/ui/format';
import type { QueueOverview } from '@/lib/messages/get-queue-overview';

/** Queue depth and the last minute's rate per sender phone. */
export function LogQueueOverview({ overview }: { overview: QueueOverview }) {
  return (
    <section aria-label="Queue" className="mb-4">
      <div className="table-responsive bg-white rounded shadow-sm">
        <Table size="sm" className="mb-0 align-middle" aria-label="Queue per sender">
          <thead>
            <tr>
              <th scope="col">Sender</th>
              <th scope="col" className="text-end">Due now</th>
              <th scope="col" className="text-end">Scheduled</th>
              <th scope="col" className="text-end">Held</th>
              <th scope="col" className="text-end">Sending</th>
              <th scope="col" className="text-end">Rate (last min)</th>
            </tr>
          </thead>
          <tbody>
            {overview.senders.map((s) => (
              <tr key={s.senderPhoneId} data-testid={`queue-${s.senderPhoneId}`}>
                <td>
                  {s.label}
                  {s.status !== 'active' && <span className="badge text-bg-warning ms-2">{s.status.replace('_', ' ')}</span>}
                </td>
                <td className="text-end" data-testid="queue-due">{formatNumber(s.dueNow)}</td>
                <td className="text-end">{formatNumber(s.scheduled)}</td>
                <td className="text-end">{formatNumber(s.held)}</td>
                <td className="text-end">{formatNumber(s.sending)}</td>
                <td className="text-end text-nowrap">
                  {s.ratePerSecond.toLocaleString('en-GB')} / s <span className="text-muted small">(cap {formatNumber(s.capPerSecond)})</span>
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      </div>
      {(overview.heldReasons.length > 0 || overview.unknown > 0) && (
        <ul className="small text-muted mt-2 mb-0">
          {overview.heldReasons.map((r) => (
            <li key={r.reason}>{formatNumber(r.count)} held: {r.reason}</li>
          ))}
          {overview.unknown > 0 && (
            <li>{formatNumber(overview.unknown)} with an unknown outcome, waiting for their status webhook or your decision</li>
          )}
        </ul>
      )}
    </section>
  );
}
