import { formatDay, SOURCE_LABELS } from '@/components/ui/format';
import type { LeadSource, MessageStatus } from '@/db/schema';
import type { DailySeries } from '@/lib/analytics/get-daily-series';
import type { FailureReason } from '@/lib/analytics/get-failure-reasons';
import type { OptOutsByCampaign } from '@/lib/analytics/get-opt-outs-by-campaign';
import { FUNNEL_STEP_LABELS, FUNNEL_STEPS, type Funnel } from '@/lib/analytics/funnel-steps';
import { ChartPanel } from './chart-panel';
import type { Kpis } from '@/lib/analytics/get-kpis';
import { formatDuration, formatRate } from './format';

// Server-side adapters: each turns one analytics figure into a chart and the table behind it.

const STATUS_LABELS: Record<MessageStatus, string> = {
  queued: 'Queued', sending: 'Sending', sent: 'Sent', delivered: 'Delivered', read: 'Read', failed: 'Failed', skipped: 'Skipped', unknown: 'Unknown',
};
const SOURCE_CHART_LABELS: Record<LeadSource, string> = { ...SOURCE_LABELS, whatsapp: 'Inbound WhatsApp' } as Record<LeadSource, string>;

function dailyPanel<K extends string>(id: string, title: string, d: DailySeries<K>, labels: Record<K, string>) {
  // Series that are zero all range long stay in the table but not in the legend.
  const keys = (Object.keys(d.series) as K[]).filter((k) => d.series[k].some((v) => v > 0));
  const allKeys = Object.keys(d.series) as K[];
  return (
    <ChartPanel
      id={id}
      title={title}
      labels={d.days.map(formatDay)}
      series={keys.map((k) => ({ label: labels[k], data: d.series[k] }))}
      stacked
      table={{
        head: ['Day', ...allKeys.map((k) => labels[k]), 'Total'],
        rows: d.days.map((day, i) => [day, ...allKeys.map((k) => d.series[k][i]), allKeys.reduce((s, k) => s + d.series[k][i], 0)]),
      }}
    />
  );
}

export function LeadsBySourceChart({ data }: { data: DailySeries<LeadSource> }) {
  return dailyPanel('leads-by-source', 'New leads per day by source', data, SOURCE_CHART_LABELS);
}

export function MessagesByStatusChart({ data }: { data: DailySeries<MessageStatus> }) {
  return dailyPanel('messages-by-status', 'Messages per day by status', data, STATUS_LABELS);
}

export function FunnelChart({ funnel, title = 'Funnel' }: { funnel: Funnel; title?: string }) {
  const t = funnel.total;
  return (
    <ChartPanel
      id="funnel"
      title={title}
      horizontal
      labels={FUNNEL_STEPS.map((s) => FUNNEL_STEP_LABELS[s])}
      series={[{ label: 'Leads', data: FUNNEL_STEPS.map((s) => t.counts[s]) }]}
      emptyText="No leads captured in this range."
      table={{
        head: ['Step', 'Leads', 'Conversion from the step before', 'Share of captured'],
        rows: FUNNEL_STEPS.map((s) => [
          FUNNEL_STEP_LABELS[s], t.counts[s], s === 'captured' ? '' : formatRate(t.rates[s]), formatRate(t.counts.captured ? t.counts[s] / t.counts.captured : null),
        ]),
      }}
    />
  );
}

export function FailureReasonsChart({ reasons }: { reasons: FailureReason[] }) {
  const label = (r: FailureReason) => (r.errorCode === null ? r.meaning : `${r.errorCode}: ${r.meaning}`);
  return (
    <ChartPanel
      id="failure-reasons"
      title="Failure reasons"
      horizontal
      labels={reasons.map(label)}
      series={[{ label: 'Failed messages', data: reasons.map((r) => r.count) }]}
      emptyText="No failed messages in this range."
      table={{ head: ['Error code', 'Meaning', 'Failed messages'], rows: reasons.map((r) => [r.errorCode ?? '', r.meaning, r.count]) }}
    />
  );
}

export function OptOutsChart({ optOuts }: { optOuts: OptOutsByCampaign[] }) {
  return (
    <ChartPanel
      id="opt-outs"
      title="Opt-outs by campaign"
      horizontal
      labels={optOuts.map((o) => o.campaign)}
      series={[{ label: 'Opt-outs', data: optOuts.map((o) => o.count) }]}
      emptyText="No opt-outs in this range."
      table={{ head: ['Campaign', 'Opt-outs'], rows: optOuts.map((o) => [o.campaign, o.count]) }}
    />
  );
}

export function ResponseTimeChart({ now, before }: { now: Pick<Kpis, 'responseMedianSeconds' | 'responseP90Seconds' | 'leadsReplied'>; before: Pick<Kpis, 'responseMedianSeconds' | 'responseP90Seconds'> }) {
  const minutes = (s: number | null) => (s === null ? 0 : Math.round((s / 60) * 10) / 10);
  return (
    <ChartPanel
      id="response-time"
      title={`Time to first reply: median ${formatDuration(now.responseMedianSeconds)}, 90th percentile ${formatDuration(now.responseP90Seconds)}`}
      horizontal
      labels={['Median', '90th percentile']}
      series={[
        { label: 'This range (minutes)', data: [minutes(now.responseMedianSeconds), minutes(now.responseP90Seconds)] },
        { label: 'Previous range (minutes)', data: [minutes(before.responseMedianSeconds), minutes(before.responseP90Seconds)] },
      ]}
      emptyText="No replies in this range."
      table={{
        head: ['Figure', 'This range (seconds)', 'Previous range (seconds)'],
        rows: [
          ['Median', secs(now.responseMedianSeconds), secs(before.responseMedianSeconds)],
          ['90th percentile', secs(now.responseP90Seconds), secs(before.responseP90Seconds)],
          ['Leads who replied', now.leadsReplied, ''],
        ],
      }}
    />
  );
}

const secs = (s: number | null) => (s === null ? '' : Math.round(s));
