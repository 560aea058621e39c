import Link from 'next/link';
import Table from 'react-bootstrap/Table';
import { MessageStatusBadge } from '@/components/messages/status-badge';
import { formatDateTime, truncate } from '@/components/ui/format';
import type { MessageLogRow } from '@/lib/messages/list-message-log';
import { LogRowActions, type LogRowActionHandlers } from './log-row-actions';

function Problem({ m }: { m: MessageLogRow }) {
  if (m.status === 'failed' || m.errorCode !== null) {
    return (
      <span className="text-danger">
        {m.errorCode !== null && <>Error {m.errorCode}</>}
        {m.errorTitle && <>: {m.errorTitle}</>}
        {(m.errorReason || m.statusReason) && <span className="d-block small">{m.errorReason || m.statusReason}</span>}
      </span>
    );
  }
  if (m.statusReason) return <span className="small text-muted">{m.statusReason}</span>;
  return null;
}

type Props = { rows: MessageLogRow[]; timeZone: string; actions?: LogRowActionHandlers };

/** The outbound log; with `actions`, each row offers retry (failed/unknown) or cancel (queued). */
export function MessageLogTable({ rows, timeZone, actions }: Props) {
  return (
    <div className="table-responsive bg-white rounded shadow-sm">
      <Table hover className="mb-0 align-middle" aria-label="Message log">
        <thead>
          <tr>
            <th scope="col">Created</th>
            <th scope="col">Lead</th>
            <th scope="col">Message</th>
            <th scope="col">Template / campaign</th>
            <th scope="col">Status</th>
            <th scope="col">Reason</th>
            {actions && <th scope="col"><span className="visually-hidden">Actions</span></th>}
          </tr>
        </thead>
        <tbody>
          {rows.map((m) => (
            <tr key={m.id}>
              <td className="text-nowrap small">{formatDateTime(m.createdAt, timeZone)}</td>
              <td>
                <Link href={`/leads/${m.lead.id}`}>{m.lead.name || m.toPhone}</Link>
                <div className="small text-muted text-nowrap">{m.toPhone}</div>
              </td>
              <td className="small" style={{ maxWidth: 320 }}>
                {m.body ? truncate(m.body, 120) : <span className="fst-italic text-muted">{m.kind} message</span>}
              </td>
              <td className="small">
                {m.templateName ?? <span className="text-muted">—</span>}
                {m.campaignName && <div className="text-muted">{m.campaignName}</div>}
                {m.senderLabel && <div className="text-muted">from {m.senderLabel}</div>}
              </td>
              <td>
                <MessageStatusBadge status={m.status} />
                {m.attempts > 1 && <div className="small text-muted">{m.attempts} attempts</div>}
              </td>
              <td><Problem m={m} /></td>
              {actions && (
                <td>
                  <LogRowActions messageId={m.id} status={m.status} actions={actions} />
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </Table>
    </div>
  );
}
