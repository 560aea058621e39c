import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import Card from 'react-bootstrap/Card';
import CardBody from 'react-bootstrap/CardBody';
import CardHeader from 'react-bootstrap/CardHeader';
import Col from 'react-bootstrap/Col';
import Row from 'react-bootstrap/Row';
import { faPen } from '@fortawesome/free-solid-svg-icons';
import { FontAwesomeIcon } from '@fortawesome/react-fontawesome';
import { LeadAppointments } from '@/components/appointments/lead-appointments';
import { Conversation } from '@/components/leads/conversation';
import { LeadProfile } from '@/components/leads/lead-profile';
import { LeadTimeline } from '@/components/leads/lead-timeline';
import { TouchpointHistory } from '@/components/leads/touchpoint-history';
import { UndoMergeButton } from '@/components/duplicates/undo-merge-button';
import { formatDateTime } from '@/components/ui/format';
import { listAppointments } from '@/lib/appointments/list-appointments';
import { listLeadMerges } from '@/lib/duplicates/list-lead-merges';
import { requirePageContext } from '@/lib/auth/session';
import { pageId } from '@/lib/validation/ids';
import { getLeadDetail } from '@/lib/leads/get-lead-detail';
import { getLeadTimeline, type InboundItem, type OutboundItem, type TouchpointItem } from '@/lib/leads/get-lead-timeline';

export const metadata: Metadata = { title: 'Lead' };

type Props = { params: Promise<{ id: string }> };

export default async function LeadPage({ params }: Props) {
  const ctx = await requirePageContext();
  const id = pageId((await params).id);
  const lead = await getLeadDetail(ctx.workspace.id, id);
  if (!lead) notFound();
  const timeline = await getLeadTimeline(ctx.workspace.id, lead.id);
  const tz = ctx.workspace.timezone;
  const appointments = (await listAppointments(ctx.workspace.id, { leadId: lead.id }, tz)).rows;
  const merges = await listLeadMerges(ctx.workspace.id, lead.id);
  const isAdmin = ctx.role !== 'agent';
  const conversation = timeline.filter((i): i is OutboundItem | InboundItem => i.kind === 'outbound' || i.kind === 'inbound');
  const touchpoints = timeline.filter((i): i is TouchpointItem => i.kind === 'touchpoint');

  return (
    <>
      <nav aria-label="Breadcrumb" className="small mb-2">
        <Link href="/leads">Leads</Link> / <span aria-current="page">{lead.name || lead.phoneE164}</span>
      </nav>
      <div className="d-flex flex-wrap justify-content-between align-items-start gap-2 mb-4">
        <h1 className="h3 mb-0">{lead.name || 'Unnamed lead'}</h1>
        <Link href={`/leads/${lead.id}/edit`} className="btn btn-outline-secondary">
          <FontAwesomeIcon icon={faPen} className="me-1" aria-hidden />
          Edit lead
        </Link>
      </div>
      <Row className="g-3">
        <Col lg={4}>
          <Card className="shadow-sm border-0 mb-3">
            <CardHeader as="h2" className="h6 bg-white">Details</CardHeader>
            <CardBody>
              <LeadProfile lead={lead} timeZone={tz} />
            </CardBody>
          </Card>
          <Card className="shadow-sm border-0 mb-3">
            <CardHeader as="h2" className="h6 bg-white">Appointments</CardHeader>
            <CardBody>
              <LeadAppointments leadId={lead.id} rows={appointments} timeZone={tz} />
            </CardBody>
          </Card>
          {merges.length > 0 && (
            <Card className="shadow-sm border-0 mb-3">
              <CardHeader as="h2" className="h6 bg-white">Merged duplicates</CardHeader>
              <CardBody>
                <ul className="list-unstyled mb-0">
                  {merges.map((m) => (
                    <li key={m.id} className="mb-2" data-testid="lead-merge">
                      <div className="small">
                        {m.merged.name || 'Unnamed'} ({m.merged.phoneE164}{m.merged.email ? `, ${m.merged.email}` : ''}) merged in{' '}
                        {formatDateTime(m.at, tz)}{m.by ? ` by ${m.by}` : ''}
                      </div>
                      {isAdmin && m.canUndo && <UndoMergeButton mergeId={m.id} />}
                    </li>
                  ))}
                </ul>
              </CardBody>
            </Card>
          )}
          <Card className="shadow-sm border-0">
            <CardHeader as="h2" className="h6 bg-white">Timeline</CardHeader>
            <CardBody>
              <LeadTimeline lead={lead} items={timeline} timeZone={tz} />
            </CardBody>
          </Card>
        </Col>
        <Col lg={8}>
          <Card className="shadow-sm border-0 mb-3">
            <CardHeader as="h2" className="h6 bg-white">Conversation</CardHeader>
            <CardBody>
              <Conversation items={conversation} timeZone={tz} />
            </CardBody>
          </Card>
          <Card className="shadow-sm border-0">
            <CardHeader as="h2" className="h6 bg-white">Touchpoints</CardHeader>
            <CardBody>
              <TouchpointHistory items={touchpoints} timeZone={tz} />
            </CardBody>
          </Card>
        </Col>
      </Row>
    </>
  );
}
