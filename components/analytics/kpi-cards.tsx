import Card from 'react-bootstrap/Card';
import CardBody from 'react-bootstrap/CardBody';
import Col from 'react-bootstrap/Col';
import Row from 'react-bootstrap/Row';
import { formatNumber } from '@/components/ui/format';
import type { Kpis } from '@/lib/analytics/get-kpis';
import { formatCountChange, formatRate, formatRateChange } from './format';

type Figure = { id: string; label: string; value: string; change: string; hint: string };

function cards(k: Kpis, p: Kpis): Figure[] {
  const count = (id: string, label: string, key: keyof Kpis, hint: string): Figure => ({
    id, label, hint, value: formatNumber(Number(k[key] ?? 0)), change: formatCountChange(Number(k[key] ?? 0), Number(p[key] ?? 0)),
  });
  const ratio = (id: string, label: string, key: 'deliveryRate' | 'readRate' | 'replyRate' | 'optOutRate', hint: string): Figure => ({
    id, label, hint, value: formatRate(k[key]), change: formatRateChange(k[key], p[key]),
  });
  return [
    count('new-leads', 'New leads', 'newLeads', 'created in the range'),
    count('messages-sent', 'Messages sent', 'messagesSent', 'accepted by WhatsApp'),
    ratio('delivery-rate', 'Delivery rate', 'deliveryRate', `${formatNumber(k.delivered)} delivered`),
    ratio('read-rate', 'Read rate', 'readRate', `${formatNumber(k.read)} read`),
    ratio('reply-rate', 'Reply rate', 'replyRate', `${formatNumber(k.leadsReplied)} of ${formatNumber(k.leadsMessaged)} leads messaged`),
    ratio('opt-out-rate', 'Opt-out rate', 'optOutRate', `${formatNumber(k.leadsOptedOut)} leads opted out`),
    count('appointments-booked', 'Appointments booked', 'appointmentsBooked', 'created in the range'),
    count('appointments-attended', 'Appointments attended', 'appointmentsAttended', 'held in the range'),
  ];
}

/** The KPI cards, each with its change against the previous period of the same length. */
export function KpiCards({ kpis, previous, periodLabel }: { kpis: Kpis; previous: Kpis; periodLabel: string }) {
  return (
    <Row xs={2} md={4} className="g-2 g-md-3 mb-4" as="ul" aria-label="Key figures" style={{ listStyle: 'none', paddingLeft: 0 }}>
      {cards(kpis, previous).map((c) => (
        <Col as="li" key={c.id}>
          <Card className="h-100 shadow-sm border-0" data-testid={`kpi-${c.id}`}>
            <CardBody className="p-2 p-md-3">
              <div className="text-muted small">{c.label}</div>
              <div className="fs-4 fw-semibold" data-testid={`kpi-${c.id}-value`}>{c.value}</div>
              <div className="small">
                <span className="fw-semibold">{c.change}</span> <span className="text-muted">vs {periodLabel}</span>
              </div>
              <div className="text-muted small">{c.hint}</div>
            </CardBody>
          </Card>
        </Col>
      ))}
    </Row>
  );
}
