import Link from 'next/link';
import Table from 'react-bootstrap/Table';
import { formatNumber } from '@/components/ui/format';
import type { MessageStatus } from '@/db/schema';
import type { CampaignStats as Stats, ReasonCount } from '@/lib/campaigns/get-campaign-detail';

// Each message is in exactly one status, so these tiles add up to the total; "replied" is
// counted across them (a read message whose lead wrote back).
const TILES: { status: MessageStatus; label: string }[] = [
  { status: 'queued', label: 'Queued' },
  { status: 'sending', label: 'Sending' },
  { status: 'sent', label: 'Sent' },
  { status: 'delivered', label: 'Delivered' },
  { status: 'read', label: 'Read' },
  { status: 'failed', label: 'Failed' },
  { status: 'skipped', label: 'Skipped' },
  { status: 'unknown', label: 'Unknown' },
];

function Tile({ label, value, testId }: { label: string; value: number; testId: string }) {
  return (
    <div className="col-6 col-md-3 col-xl">
      <div className="bg-white rounded shadow-sm p-3 h-100">
        <div className="small text-muted">{label}</div>
        <div className="fs-4 fw-semibold" data-testid={testId}>{formatNumber(value)}</div>
      </div>
    </div>
  );
}

function Reasons({ title, rows, campaignId, status }: { title: string; rows: ReasonCount[]; campaignId: string; status: 'skipped' | 'failed' }) {
  if (rows.length === 0) return null;
  return (
    <div className="col-lg-6">
      <div className="table-responsive bg-white rounded shadow-sm">
        <Table size="sm" className="mb-0" aria-label={title}>
          <thead>
            <tr>
              <th scope="col">{title}</th>
              <th scope="col" className="text-end">Messages</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.reason}>
                <td className="small">
                  <Link href={`/messages/log?campaign=${campaignId}&status=${status}&reason=${encodeURIComponent(r.reason.slice(0, 100))}`}>{r.reason}</Link>
                </td>
                <td className="text-end">{formatNumber(r.count)}</td>
              </tr>
            ))}
          </tbody>
        </Table>
      </div>
    </div>
  );
}

export function CampaignStats({ stats, campaignId }: { stats: Stats; campaignId: string }) {
  return (
    <section aria-label="Campaign numbers">
      <div className="row g-2 mb-2">
        {TILES.map((t) => (
          <Tile key={t.status} label={t.label} value={stats.counts[t.status]} testId={`count-${t.status}`} />
        ))}
      </div>
      <p className="small text-muted mb-3">
        <span data-testid="count-total">{formatNumber(stats.total)}</span> messages in all;{' '}
        <span data-testid="count-replied">{formatNumber(stats.replied)}</span> leads replied after receiving theirs.{' '}
        <Link href={`/messages/log?campaign=${campaignId}`}>Open in the message log</Link>
      </p>
      <div className="row g-3 mb-4">
        <Reasons title="Skipped because" rows={stats.skippedByReason} campaignId={campaignId} status="skipped" />
        <Reasons title="Failed because" rows={stats.failedByReason} campaignId={campaignId} status="failed" />
      </div>
    </section>
  );
}
