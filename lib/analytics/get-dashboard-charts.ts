import 'server-only';
import type { LeadSource } from '@/db/schema';
import { getLeadsBySourceDaily, type DailySeries } from './get-daily-series';
import { getFunnel, type Funnel } from './get-funnel';
import { rangeInputSchema, resolveRange } from './range';

/** The dashboard's two Analytics charts: the last 30 local days' funnel and new leads by source. */
export async function getDashboardCharts(
  workspaceId: string,
  timeZone: string,
  now: Date = new Date(),
): Promise<{ funnel: Funnel; leadsBySource: DailySeries<LeadSource> }> {
  const range = resolveRange(rangeInputSchema.parse({ range: '30d' }), timeZone, now);
  const [funnel, leadsBySource] = await Promise.all([
    getFunnel(workspaceId, range.current, 'source'),
    getLeadsBySourceDaily(workspaceId, range),
  ]);
  return { funnel, leadsBySource };
}
