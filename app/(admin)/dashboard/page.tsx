import { faComments, faReply, faUserPlus, faUsers } from '@fortawesome/free-solid-svg-icons';
import type { Metadata } from 'next';
import Link from 'next/link';
import Card from 'react-bootstrap/Card';
import CardBody from 'react-bootstrap/CardBody';
import CardHeader from 'react-bootstrap/CardHeader';
import Col from 'react-bootstrap/Col';
import Row from 'react-bootstrap/Row';
import { FunnelChart, LeadsBySourceChart } from '@/components/analytics/charts';
import { DailyActivity } from '@/components/dashboard/daily-activity';
import { MessagesByStatus } from '@/components/dashboard/messages-by-status';
import { RecentLeads } from '@/components/dashboard/recent-leads';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { StatCard } from '@/components/ui/stat-card';
import { getDashboardCharts } from '@/lib/analytics/get-dashboard-charts';
import { getDashboardCounts } from '@/lib/analytics/get-dashboard-counts';
import { requirePageContext } from '@/lib/auth/session';
import { listLeads } from '@/lib/leads/list-leads';

export const metadata: Metadata = { title: 'Dashboard' };

const RECENT_LEADS = 8;

export default async function DashboardPage() {
  const ctx = await requirePageContext();
  const tz = ctx.workspace.timezone;
  const [counts, recent, charts] = await Promise.all([
    getDashboardCounts(ctx.workspace.id),
    listLeads(ctx.workspace.id, {}, { pageSize: RECENT_LEADS }),
    getDashboardCharts(ctx.workspace.id, tz),
  ]);
  const isEmpty = counts.totalLeads === 0 && counts.totalMessages === 0;

  return (
    <>
      <PageHeader title="Dashboard">Days and times in {tz}.</PageHeader>
      <Row xs={1} sm={2} xl={4} className="g-3 mb-4">
        <Col><StatCard label="Leads" value={counts.totalLeads} icon={faUsers} testId="stat-total-leads" /></Col>
        <Col><StatCard label="New in the last 7 days" value={counts.leadsLast7Days} icon={faUserPlus} /></Col>
        <Col><StatCard label="Messages" value={counts.totalMessages} icon={faComments} testId="stat-total-messages" /></Col>
        <Col><StatCard label="Replies received" value={counts.inboundReplies} icon={faReply} /></Col>
      </Row>

      {isEmpty ? (
        <EmptyState icon={faUsers} title="Nothing to count yet">
          <p className="mb-0">
            No leads yet: publish a <Link href="/landing-pages">landing page</Link> or{' '}
            <Link href="/imports">import a CSV</Link>. New leads, the messages sent to them and their replies will be
            counted here.
          </p>
        </EmptyState>
      ) : (
        <>
        <Row className="g-3 mb-3">
          <Col lg={7}><LeadsBySourceChart data={charts.leadsBySource} /></Col>
          <Col lg={5}><FunnelChart funnel={charts.funnel} title="Funnel, last 30 days" /></Col>
          <Col xs={12}>
            <Link href="/analytics" className="small">Open Analytics: funnel by source, campaign and UTM, message statuses, failures and more</Link>
          </Col>
        </Row>
        <Row className="g-3">
          <Col lg={8}>
            <Card className="shadow-sm border-0 mb-3">
              <CardHeader as="h2" className="h6 bg-white">Last 7 days</CardHeader>
              <CardBody>
                <DailyActivity days={counts.daily} />
              </CardBody>
            </Card>
            <Card className="shadow-sm border-0">
              <CardHeader as="h2" className="h6 bg-white">Recent leads</CardHeader>
              <CardBody className="p-0">
                <RecentLeads leads={recent.rows} timeZone={tz} />
              </CardBody>
            </Card>
          </Col>
          <Col lg={4}>
            <Card className="shadow-sm border-0">
              <CardHeader as="h2" className="h6 bg-white">Messages by status</CardHeader>
              <CardBody className="py-1">
                <MessagesByStatus counts={counts.messagesByStatus} />
              </CardBody>
            </Card>
          </Col>
        </Row>
        </>
      )}
    </>
  );
}
