import { faMobileScreen } from '@fortawesome/free-solid-svg-icons';
import type { Metadata } from 'next';
import Col from 'react-bootstrap/Col';
import Row from 'react-bootstrap/Row';
import { SenderPhoneCard } from '@/components/phones/sender-phone-card';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { requirePageContext } from '@/lib/auth/session';
import { env } from '@/lib/env';
import { listSenderPhones } from '@/lib/phones/list-sender-phones';

export const metadata: Metadata = { title: 'Phones' };

export default async function PhonesPage() {
  const ctx = await requirePageContext();
  const phones = await listSenderPhones(ctx.workspace.id);
  const webhookUrl = `${env().appUrl}/api/webhooks/whatsapp`;

  return (
    <>
      <PageHeader title="Phones">The WhatsApp Business numbers this workspace sends from.</PageHeader>
      {phones.length === 0 ? (
        <EmptyState icon={faMobileScreen} title="No sender phones yet">
          <p>
            A sender phone is a number registered with the WhatsApp Cloud API. To connect one you need, from Meta&apos;s
            developer dashboard: its phone number ID, the WhatsApp Business Account ID, a permanent access token (a
            system user token) and the app secret.
          </p>
          <p className="mb-0">
            Meta will then call <code className="text-break">{webhookUrl}</code> with delivery receipts and replies; each
            phone gets its own verify token, shown here once it is connected.
          </p>
        </EmptyState>
      ) : (
        <Row xs={1} xl={2} className="g-3">
          {phones.map((phone) => (
            <Col key={phone.id}>
              <SenderPhoneCard phone={phone} webhookUrl={webhookUrl} timeZone={ctx.workspace.timezone} />
            </Col>
          ))}
        </Row>
      )}
    </>
  );
}
