import type { Metadata } from 'next';
import Card from 'react-bootstrap/Card';
import CardBody from 'react-bootstrap/CardBody';
import CardHeader from 'react-bootstrap/CardHeader';
import Col from 'react-bootstrap/Col';
import Row from 'react-bootstrap/Row';
import {
  FailureReasonsChart, FunnelChart, LeadsBySourceChart, MessagesByStatusChart, OptOutsChart, ResponseTimeChart,
} from '@/components/analytics/charts';
import { KpiCards } from '@/components/analytics/kpi-cards';
import { LiveRefresh } from '@/components/analytics/live-refresh';
import { RangeForm } from '@/components/analytics/range-form';
import { SegmentForm } from '@/components/analytics/segment-form';
import { SegmentTable } from '@/components/analytics/segment-table';
import { IgnoredParams } from '@/components/ui/ignored-params';
import { PageHeader } from '@/components/ui/page-header';
import { SEGMENT_LABELS } from '@/lib/analytics/funnel-steps';
import { getAnalytics } from '@/lib/analytics/get-analytics';
import { getLiveStamp } from '@/lib/analytics/get-live-stamp';
import { resolveRange } from '@/lib/analytics/range';
import { analyticsQueryShape, parseAnalyticsQuery } from '@/lib/analytics/schema';
import { requirePageContext } from '@/lib/auth/session';
import { queryErrors } from '@/lib/validation/query-param';

export const metadata: Metadata = { title: 'Analytics' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function AnalyticsPage({ searchParams }: Props) {
  const ctx = await requirePageContext();
  const raw = await searchParams;
  const query = parseAnalyticsQuery(raw);
  const ignored = queryErrors(analyticsQueryShape, raw);
  if (query.rangeError) ignored.push({ field: 'range', message: `${query.rangeError}; showing the last 30 days` });
  const range = resolveRange(query.range, ctx.workspace.timezone);
  const [a, stamp] = await Promise.all([getAnalytics(ctx.workspace.id, range, query.segment), getLiveStamp(ctx.workspace.id)]);
  const days = range.days.length;

  return (
    <>
      <div className="d-flex flex-wrap justify-content-between align-items-start gap-2">
        <PageHeader title="Analytics">
          {range.current.fromDay} to {range.current.toDay} ({days} {days === 1 ? 'day' : 'days'}, {range.timeZone}). How each figure is
          counted: docs/analytics.md.
        </PageHeader>
        <LiveRefresh stamp={stamp} />
      </div>
      <IgnoredParams errors={ignored} labels={{ range: 'range', from: 'from', to: 'to', segment: 'segment' }} />
      <RangeForm range={range} segment={query.segment} />
      <KpiCards kpis={a.kpis} previous={a.previousKpis} periodLabel={`previous ${days} ${days === 1 ? 'day' : 'days'}`} />

      <Row className="g-3 mb-3">
        <Col lg={7}><LeadsBySourceChart data={a.leadsBySource} /></Col>
        <Col lg={5}><FunnelChart funnel={a.funnel} title="Funnel of the leads captured in the range" /></Col>
      </Row>

      <Card className="shadow-sm border-0 mb-3">
        <CardHeader className="bg-white d-flex flex-wrap align-items-end gap-2">
          <h2 className="h6 mb-0 me-auto">Funnel by {SEGMENT_LABELS[query.segment]}</h2>
          <SegmentForm range={range} segment={query.segment} />
        </CardHeader>
        <CardBody className="p-0 p-md-2">
          <SegmentTable segments={a.funnel.segments} dimensionLabel={SEGMENT_LABELS[query.segment]} />
        </CardBody>
      </Card>

      <Row className="g-3 mb-3">
        <Col lg={7}><MessagesByStatusChart data={a.messagesByStatus} /></Col>
        <Col lg={5}><ResponseTimeChart now={a.kpis} before={a.previousKpis} /></Col>
      </Row>
      <Row className="g-3">
        <Col lg={6}><FailureReasonsChart reasons={a.failureReasons} /></Col>
        <Col lg={6}><OptOutsChart optOuts={a.optOuts} /></Col>
      </Row>
    </>
  );
}
