// Settings -> Webhooks: outbound webhook endpoints of this workspace (owners and admins).
import type { Metadata } from 'next';
import Link from 'next/link';
import Alert from 'react-bootstrap/Alert';
import Badge from 'react-bootstrap/Badge';
import Card from 'react-bootstrap/Card';
import CardBody from 'react-bootstrap/CardBody';
import CardHeader from 'react-bootstrap/CardHeader';
import Table from 'react-bootstrap/Table';
import { WebhookEndpointActions } from '@/components/settings/webhook-actions';
import { WebhookEndpointForm } from '@/components/settings/webhook-endpoint-form';
import { PageHeader } from '@/components/ui/page-header';
import { requirePageContext } from '@/lib/auth/session';
import { listWebhookEndpoints } from '@/lib/outbound-webhooks/list-webhook-endpoints';
import { createWebhookEndpointAction, deleteWebhookEndpointAction, setWebhookEndpointEnabledAction } from './actions';

export const metadata: Metadata = { title: 'Webhooks' };

export default async function WebhooksPage() {
  const ctx = await requirePageContext('admin');
  const endpoints = await listWebhookEndpoints(ctx.workspace.id);
  const autoDisabled = endpoints.filter((e) => !e.isEnabled && e.disabledReason?.startsWith('Disabled automatically'));

  return (
    <>
      <PageHeader title="Webhooks">
        WhatsLab posts signed events to these URLs when leads, messages and appointments change.{' '}
        <Link href="/settings">Back to settings</Link>
      </PageHeader>
      {autoDisabled.map((e) => (
        <Alert key={e.id} variant="warning" role="alert">
          <strong className="text-break">{e.url}</strong>: {e.disabledReason}
        </Alert>
      ))}
      <Card className="shadow-sm border-0 mb-4">
        <CardHeader as="h2" className="h6 bg-white">Endpoints</CardHeader>
        <CardBody>
          {endpoints.length === 0 ? (
            <p className="text-muted mb-0">No endpoints yet.</p>
          ) : (
            <Table responsive size="sm" className="align-middle mb-0">
              <thead>
                <tr>
                  <th>URL</th>
                  <th>Events</th>
                  <th>Status</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {endpoints.map((e) => (
                  <tr key={e.id}>
                    <td className="text-break">
                      <Link href={`/settings/webhooks/${e.id}`}>{e.url}</Link>
                      {e.description && <div className="small text-muted">{e.description}</div>}
                    </td>
                    <td>
                      {e.events.map((t) => (
                        <Badge key={t} bg="light" text="dark" className="border me-1">{t}</Badge>
                      ))}
                    </td>
                    <td>
                      {e.isEnabled ? <Badge bg="success">Enabled</Badge> : <Badge bg="secondary">Disabled</Badge>}
                      {!e.isEnabled && e.disabledReason && <div className="small text-muted">{e.disabledReason}</div>}
                      {e.isEnabled && e.failingSince && (
                        <div className="small text-warning-emphasis">Failing since {e.failingSince.toISOString().slice(0, 16).replace('T', ' ')} UTC</div>
                      )}
                    </td>
                    <td>
                      <WebhookEndpointActions id={e.id} isEnabled={e.isEnabled} setEnabled={setWebhookEndpointEnabledAction} remove={deleteWebhookEndpointAction} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </Table>
          )}
        </CardBody>
      </Card>
      <Card className="shadow-sm border-0" style={{ maxWidth: 760 }}>
        <CardHeader as="h2" className="h6 bg-white">Add an endpoint</CardHeader>
        <CardBody>
          <WebhookEndpointForm action={createWebhookEndpointAction} />
        </CardBody>
      </Card>
    </>
  );
}
