import 'server-only';
import type { LeadSource, MessageStatus } from '@/db/schema';
import { getLeadsBySourceDaily, getMessagesByStatusDaily, type DailySeries } from './get-daily-series';
import { getFailureReasons, type FailureReason } from './get-failure-reasons';
import { getFunnel, type Funnel, type SegmentDimension } from './get-funnel';
import { getKpis, type Kpis } from './get-kpis';
import { getOptOutsByCampaign, type OptOutsByCampaign } from './get-opt-outs-by-campaign';
import type { AnalyticsRange } from './range';

export type Analytics = {
  range: AnalyticsRange;
  kpis: Kpis;
  previousKpis: Kpis;
  leadsBySource: DailySeries<LeadSource>;
  messagesByStatus: DailySeries<MessageStatus>;
  funnel: Funnel;
  failureReasons: FailureReason[];
  optOuts: OptOutsByCampaign[];
};

/** Everything the Analytics page shows, for one workspace, range and funnel segmentation. */
export async function getAnalytics(workspaceId: string, range: AnalyticsRange, dimension: SegmentDimension): Promise<Analytics> {
  const [kpis, previousKpis, leadsBySource, messagesByStatus, funnel, failureReasons, optOuts] = await Promise.all([
    getKpis(workspaceId, range.current),
    getKpis(workspaceId, range.previous),
    getLeadsBySourceDaily(workspaceId, range),
    getMessagesByStatusDaily(workspaceId, range),
    getFunnel(workspaceId, range.current, dimension),
    getFailureReasons(workspaceId, range.current),
    getOptOutsByCampaign(workspaceId, range.current),
  ]);
  return { range, kpis, previousKpis, leadsBySource, messagesByStatus, funnel, failureReasons, optOuts };
}
