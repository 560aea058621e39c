// GET /campaigns/[id] - one campaign: its rules, numbers, audience check, test send and controls
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import Badge from 'react-bootstrap/Badge';
import Card from 'react-bootstrap/Card';
import CardBody from 'react-bootstrap/CardBody';
import CardHeader from 'react-bootstrap/CardHeader';
import Col from 'react-bootstrap/Col';
import Row from 'react-bootstrap/Row';
import { AudiencePreview } from '@/components/campaigns/audience-preview';
import { CampaignAutoRefresh } from '@/components/campaigns/campaign-auto-refresh';
import { CampaignControls } from '@/components/campaigns/campaign-controls';
import { CampaignStats } from '@/components/campaigns/campaign-stats';
import { TestSendForm } from '@/components/campaigns/test-send-form';
import { triggerSummary } from '@/components/campaigns/trigger-summary';
import { MessageStatusBadge } from '@/components/messages/status-badge';
import { formatDateTime } from '@/components/ui/format';
import { requirePageContext } from '@/lib/auth/session';
import { pageId } from '@/lib/validation/ids';
import { getCampaignDetail } from '@/lib/campaigns/get-campaign-detail';
import { previewBroadcastAudience, type AudiencePreview as Preview } from '@/lib/campaigns/preview-broadcast-audience';
import { isAppError } from '@/lib/errors';
import { campaignOpAction, sendTestAction } from '../actions';

export const metadata: Metadata = { title: 'Campaign' };
type Props = { params: Promise<{ id: string }> };

const STATUS_BG = { draft: 'secondary', active: 'success', paused: 'warning', stopped: 'dark', completed: 'primary' } as const;

export default async function CampaignPage({ params }: Props) {
  const ctx = await requirePageContext();
  const id = pageId((await params).id);
  const detail = await getCampaignDetail(ctx.workspace.id, id);
  if (!detail) notFound();
  const { campaign: c, stats } = detail;
  const tz = ctx.workspace.timezone;
  let preview: Preview | null = null;
  let previewError: string | null = null;
  if (c.kind === 'broadcast' && c.status === 'draft') {
    try {
      preview = await previewBroadcastAudience(ctx.workspace.id, c.id);
    } catch (err) {
      if (!isAppError(err)) throw err;
      previewError = err.message;
    }
  }
  // Counts move while an active broadcast sends (it completes when its last message settles), or
  // while an active automated campaign has messages in the queue; a finished, paused or idle
  // campaign's page does not poll.
  const isRunning =
    c.status === 'active' && (c.kind === 'broadcast' || stats.counts.queued + stats.counts.sending > 0);
  const isEditable = !(c.status === 'stopped' || c.status === 'completed' || (c.kind === 'broadcast' && c.status !== 'draft'));

  return (
    <>
      <nav aria-label="Breadcrumb" className="small mb-2">
        <Link href="/campaigns">Campaigns</Link> / <span aria-current="page">{c.name}</span>
      </nav>
      <div className="d-flex flex-wrap align-items-center gap-2 mb-1">
        <h1 className="h3 mb-0">{c.name}</h1>
        <Badge bg={STATUS_BG[c.status]} text={c.status === 'paused' ? 'dark' : undefined} className="text-capitalize" data-testid="campaign-status">
          {c.status}
        </Badge>
        {isEditable && ctx.role !== 'agent' && (
          <Link href={`/campaigns/${c.id}/edit`} className="btn btn-sm btn-outline-secondary ms-auto">Edit</Link>
        )}
      </div>
      <p className="text-muted mb-4">
        <span className="text-capitalize">{c.kind}</span> · {triggerSummary(c, tz)} · template {detail.template?.name ?? '—'} · from{' '}
        {detail.senders.map((s) => s.label).join(', ') || '—'}
        {detail.landingPages.length > 0 && <> · landing pages {detail.landingPages.map((p) => p.title).join(', ')}</>}
      </p>

      {ctx.role !== 'agent' && (
        <div className="mb-4">
          <CampaignControls
            campaignId={c.id}
            kind={c.kind}
            status={c.status}
            retryableFailed={stats.retryableFailed}
            willQueue={preview?.eligible}
            hasTestSend={detail.testSends.length > 0}
            run={campaignOpAction}
          />
        </div>
      )}

      {isRunning && <CampaignAutoRefresh />}
      <CampaignStats stats={stats} campaignId={c.id} />

      <Row className="g-3">
        {c.kind === 'broadcast' && c.status === 'draft' && (
          <Col lg={6}>
            <h2 className="h5">Audience check</h2>
            {preview ? <AudiencePreview preview={preview} /> : <p className="text-danger">{previewError}</p>}
          </Col>
        )}
        {ctx.role !== 'agent' && c.status !== 'stopped' && c.status !== 'completed' && (
          <Col lg={6}>
            <Card className="shadow-sm border-0">
              <CardHeader as="h2" className="h6 bg-white">Test send</CardHeader>
              <CardBody>
                <TestSendForm campaignId={c.id} send={sendTestAction} />
                {detail.testSends.length > 0 && (
                  <ul className="list-unstyled small mt-3 mb-0" aria-label="Recent test sends">
                    {detail.testSends.map((t) => (
                      <li key={t.id} className="d-flex flex-wrap gap-2 align-items-center mb-1">
                        <MessageStatusBadge status={t.status} />
                        <span>{t.toPhone}</span>
                        <span className="text-muted">{formatDateTime(t.createdAt, tz)}</span>
                        {t.statusReason && <span className="text-muted">({t.statusReason})</span>}
                      </li>
                    ))}
                  </ul>
                )}
              </CardBody>
            </Card>
          </Col>
        )}
      </Row>
    </>
  );
}
