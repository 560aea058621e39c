import { faMobileScreen, faPlus, faTriangleExclamation } from '@fortawesome/free-solid-svg-icons';
import { FontAwesomeIcon } from '@fortawesome/react-fontawesome';
import type { Metadata } from 'next';
import Link from 'next/link';
import Alert from 'react-bootstrap/Alert';
import Col from 'react-bootstrap/Col';
import Row from 'react-bootstrap/Row';
import { PhoneActions } from '@/components/phones/phone-actions';
import { SenderPhoneCard } from '@/components/phones/sender-phone-card';
import { WhatsappTemplatesTable } from '@/components/phones/whatsapp-templates-table';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { requirePageContext } from '@/lib/auth/session';
import { env } from '@/lib/env';
import { listSenderPhones } from '@/lib/phones/list-sender-phones';
import { listWhatsappTemplates } from '@/lib/phones/list-whatsapp-templates';
import { deleteSenderPhoneAction, setSenderPhoneActiveAction, syncTemplatesAction, verifySenderPhoneAction } from './actions';

export const metadata: Metadata = { title: 'Phones' };

const ACTIONS = { verify: verifySenderPhoneAction, sync: syncTemplatesAction, setActive: setSenderPhoneActiveAction, remove: deleteSenderPhoneAction };

export default async function PhonesPage() {
  const ctx = await requirePageContext('admin');
  const [phones, templates] = await Promise.all([listSenderPhones(ctx.workspace.id), listWhatsappTemplates(ctx.workspace.id)]);
  const webhookUrl = `${env().appUrl}/api/webhooks/whatsapp`;
  const needingAttention = phones.filter((p) => p.status === 'needs_attention');

  return (
    <>
      <div className="d-flex flex-wrap align-items-start gap-2">
        <div className="me-auto">
          <PageHeader title="Phones">The WhatsApp Business numbers this workspace sends from.</PageHeader>
        </div>
        <Link href="/phones/new" className="btn btn-success">
          <FontAwesomeIcon icon={faPlus} className="me-1" />
          Add phone
        </Link>
      </div>
      {needingAttention.length > 0 && (
        <Alert variant="warning" role="alert" data-testid="needs-attention-banner">
          <FontAwesomeIcon icon={faTriangleExclamation} className="me-2" />
          <strong>{needingAttention.map((p) => p.label).join(', ')}</strong> {needingAttention.length === 1 ? 'needs' : 'need'} attention: the
          connection check failed, so nothing is sent from {needingAttention.length === 1 ? 'it' : 'them'} and campaigns cannot choose{' '}
          {needingAttention.length === 1 ? 'it' : 'them'} until the details are fixed and the connection verified.
        </Alert>
      )}
      {phones.length === 0 ? (
        <EmptyState icon={faMobileScreen} title="No sender phones yet">
          <p>
            A sender phone is a number registered with the WhatsApp Cloud API. To connect one you need, from Meta&apos;s
            developer dashboard: its phone number ID, the WhatsApp Business Account ID, a permanent access token (a
            system user token) and the app secret.
          </p>
          <p>
            Meta will then call <code className="text-break">{webhookUrl}</code> with delivery receipts and replies; each
            phone gets its own verify token, shown here once it is connected.
          </p>
          <Link href="/phones/new" className="btn btn-success">Add your first phone</Link>
        </EmptyState>
      ) : (
        <Row xs={1} xl={2} className="g-3">
          {phones.map((phone) => {
            const own = templates.filter((t) => t.wabaId === phone.wabaId);
            return (
              <Col key={phone.id}>
                <SenderPhoneCard phone={phone} webhookUrl={webhookUrl} timeZone={ctx.workspace.timezone}>
                  <PhoneActions phoneId={phone.id} label={phone.label} isActive={phone.isActive} actions={ACTIONS} />
                  <details className="mt-3" open={own.length > 0 && own.length <= 10}>
                    <summary className="small fw-semibold">
                      WhatsApp templates of this account ({own.length === 0 ? 'none synced yet' : `${own.length} synced`})
                    </summary>
                    {own.length > 0 ? (
                      <WhatsappTemplatesTable templates={own} caption={`WhatsApp templates of ${phone.label}`} />
                    ) : (
                      <p className="small text-muted mt-2 mb-0">Press “Sync templates” to read them from Meta.</p>
                    )}
                  </details>
                </SenderPhoneCard>
              </Col>
            );
          })}
        </Row>
      )}
    </>
  );
}
