import Link from 'next/link';
import Badge from 'react-bootstrap/Badge';
import Table from 'react-bootstrap/Table';
import { MessageStatusBadge } from '@/components/messages/status-badge';
import { formatDateTime, SOURCE_LABELS } from '@/components/ui/format';
import type { LeadListRow } from '@/lib/leads/list-leads';
import { PageCheckbox, RowCheckbox } from './lead-selection';

export function LeadsTable({ leads, timeZone }: { leads: LeadListRow[]; timeZone: string }) {
  return (
    <div className="table-responsive bg-white rounded shadow-sm">
      <Table hover className="mb-0 align-middle" aria-label="Leads">
        <thead>
          <tr>
            <th scope="col" style={{ width: '2.5rem' }}>
              <PageCheckbox />
            </th>
            <th scope="col">Name</th>
            <th scope="col">Phone</th>
            <th scope="col">Source</th>
            <th scope="col">Tags</th>
            <th scope="col">Status</th>
            <th scope="col">Last message</th>
            <th scope="col">Last reply</th>
            <th scope="col">Created</th>
          </tr>
        </thead>
        <tbody>
          {leads.map((lead) => (
            <tr key={lead.id} data-testid="lead-row">
              <td>
                <RowCheckbox id={lead.id} label={lead.name || lead.phoneE164} />
              </td>
              <td>
                <Link href={`/leads/${lead.id}`} className="fw-semibold">
                  {lead.name || 'Unnamed lead'}
                </Link>
                {lead.email && <div className="small text-muted">{lead.email}</div>}
              </td>
              <td className="text-nowrap">{lead.phoneE164}</td>
              <td>{SOURCE_LABELS[lead.source] ?? lead.source}</td>
              <td>
                {lead.tags.map((t) => (
                  <Badge key={t} bg="light" text="dark" className="border me-1">{t}</Badge>
                ))}
              </td>
              <td>
                <span className="text-capitalize">{lead.lifecycleStatus}</span>
                {lead.optedOutAt && <Badge bg="danger" className="ms-1">Opted out</Badge>}
              </td>
              <td>{lead.lastMessageStatus ? <MessageStatusBadge status={lead.lastMessageStatus} /> : <span className="text-muted">—</span>}</td>
              <td className="text-nowrap small">
                {lead.lastInboundAt ? (
                  <time dateTime={lead.lastInboundAt.toISOString()}>{formatDateTime(lead.lastInboundAt, timeZone)}</time>
                ) : (
                  <span className="text-muted">—</span>
                )}
              </td>
              <td className="text-nowrap small">
                <time dateTime={lead.createdAt.toISOString()}>{formatDateTime(lead.createdAt, timeZone)}</time>
              </td>
            </tr>
          ))}
        </tbody>
      </Table>
    </div>
  );
}
