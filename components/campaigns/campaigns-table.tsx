import Link from 'next/link';
import Badge from 'react-bootstrap/Badge';
import Table from 'react-bootstrap/Table';
import type { MessageStatus } from '@/db/schema';
import { formatNumber } from '@/components/ui/format';
import type { CampaignListRow } from '@/lib/campaigns/list-campaigns';
import { triggerSummary } from './trigger-summary';

const STATUS_BG = { draft: 'secondary', active: 'success', paused: 'warning', stopped: 'dark', completed: 'primary' } as const;
const COUNT_COLUMNS: { status: MessageStatus; label: string }[] = [
  { status: 'queued', label: 'Queued' },
  { status: 'sent', label: 'Sent' },
  { status: 'delivered', label: 'Delivered' },
  { status: 'read', label: 'Read' },
  { status: 'failed', label: 'Failed' },
  { status: 'skipped', label: 'Skipped' },
];

export function CampaignsTable({ campaigns, timeZone }: { campaigns: CampaignListRow[]; timeZone: string }) {
  return (
    <div className="table-responsive bg-white rounded shadow-sm">
      <Table className="mb-0 align-middle" aria-label="Campaigns">
        <thead>
          <tr>
            <th scope="col">Campaign</th>
            <th scope="col">Template / sender</th>
            <th scope="col">Trigger</th>
            <th scope="col">Status</th>
            {COUNT_COLUMNS.map((c) => (
              <th scope="col" className="text-end" key={c.status}>{c.label}</th>
            ))}
            <th scope="col" className="text-end">Replied</th>
          </tr>
        </thead>
        <tbody>
          {campaigns.map((c) => (
            <tr key={c.id}>
              <td>
                <Link href={`/campaigns/${c.id}`} className="fw-semibold">{c.name}</Link>
                <div className="small text-muted text-capitalize">{c.kind}</div>
              </td>
              <td className="small">
                {c.templateName ?? '—'}
                <div className="text-muted">{c.senderLabel ?? '—'}</div>
              </td>
              <td className="small" style={{ minWidth: 200 }}>{triggerSummary(c, timeZone)}</td>
              <td>
                <Badge bg={STATUS_BG[c.status]} text={c.status === 'paused' ? 'dark' : undefined} className="text-capitalize">
                  {c.status}
                </Badge>
              </td>
              {COUNT_COLUMNS.map(({ status }) => (
                <td className="text-end" key={status}>
                  {/* "Queued" includes messages being sent right now. */}
                  {formatNumber(status === 'queued' ? c.counts.queued + c.counts.sending : c.counts[status])}
                </td>
              ))}
              <td className="text-end">{formatNumber(c.replied)}</td>
            </tr>
          ))}
        </tbody>
      </Table>
    </div>
  );
}
