// Settings -> Webhooks -> one endpoint: its delivery log, with resend.
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import Badge from 'react-bootstrap/Badge';
import Card from 'react-bootstrap/Card';
import CardBody from 'react-bootstrap/CardBody';
import CardHeader from 'react-bootstrap/CardHeader';
import Table from 'react-bootstrap/Table';
import { ResendDeliveryButton, WebhookEndpointActions } from '@/components/settings/webhook-actions';
import { PageHeader } from '@/components/ui/page-header';
import { requirePageContext } from '@/lib/auth/session';
import { DELIVERY_LOG_LIMIT, getWebhookEndpoint, listWebhookDeliveries } from '@/lib/outbound-webhooks/list-webhook-endpoints';
import { deleteWebhookEndpointAction, resendWebhookDeliveryAction, setWebhookEndpointEnabledAction } from '../actions';

export const metadata: Metadata = { title: 'Webhook deliveries' };

const STATUS_BG = { delivered: 'success', pending: 'warning', failed: 'danger' } as const;
const time = (d: Date | null) => (d ? `${d.toISOString().slice(0, 19).replace('T', ' ')} UTC` : '');

export default async function WebhookEndpointPage({ params }: { params: Promise<{ id: string }> }) {
  const ctx = await requirePageContext('admin');
  const { id } = await params;
  const endpoint = await getWebhookEndpoint(ctx.workspace.id, id);
  if (!endpoint) notFound();
  const deliveries = await listWebhookDeliveries(ctx.workspace.id, endpoint.id);

  return (
    <>
      <PageHeader title="Webhook deliveries">
        <span className="text-break">{endpoint.url}</span> · <Link href="/settings/webhooks">All endpoints</Link>
      </PageHeader>
      <div className="d-flex flex-wrap gap-3 align-items-center mb-3">
        {endpoint.isEnabled ? <Badge bg="success">Enabled</Badge> : <Badge bg="secondary">Disabled</Badge>}
        {!endpoint.isEnabled && endpoint.disabledReason && <span className="small text-muted" data-testid="disabled-reason">{endpoint.disabledReason}</span>}
        <WebhookEndpointActions id={endpoint.id} isEnabled={endpoint.isEnabled} setEnabled={setWebhookEndpointEnabledAction} remove={deleteWebhookEndpointAction} />
      </div>
      <Card className="shadow-sm border-0">
        <CardHeader as="h2" className="h6 bg-white">Delivery log (newest {DELIVERY_LOG_LIMIT})</CardHeader>
        <CardBody>
          {deliveries.length === 0 ? (
            <p className="text-muted mb-0">No deliveries yet. Events this endpoint subscribes to appear here.</p>
          ) : (
            <Table responsive size="sm" className="align-middle mb-0" aria-label="Deliveries">
              <thead>
                <tr>
                  <th>Event</th>
                  <th>Status</th>
                  <th>Response</th>
                  <th>Duration</th>
                  <th>Attempts</th>
                  <th>Last error</th>
                  <th>Created</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {deliveries.map((d) => (
                  <tr key={d.id} data-testid="webhook-delivery">
                    <td>
                      <code>{d.eventType}</code>
                      <div className="small text-muted font-monospace">{d.eventId}</div>
                    </td>
                    <td>
                      <Badge bg={STATUS_BG[d.status]}>{d.isInFlight ? 'sending' : d.status}</Badge>
                      {d.status === 'pending' && !d.isInFlight && d.attempts > 0 && <div className="small text-muted">next {time(d.nextAttemptAt)}</div>}
                    </td>
                    <td>{d.lastStatusCode ?? '—'}</td>
                    <td>{d.lastDurationMs === null ? '—' : `${d.lastDurationMs} ms`}</td>
                    <td>{d.attempts}</td>
                    <td className="small text-break" style={{ maxWidth: 320 }}>{d.lastError ?? ''}</td>
                    <td className="small text-nowrap">{time(d.createdAt)}</td>
                    <td>{!d.isInFlight && <ResendDeliveryButton id={d.id} resend={resendWebhookDeliveryAction} />}</td>
                  </tr>
                ))}
              </tbody>
            </Table>
          )}
        </CardBody>
      </Card>
    </>
  );
}
