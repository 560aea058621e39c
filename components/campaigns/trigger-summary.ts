import { formatDateTime, SOURCE_LABELS } from '@/components/ui/format';
import type { CampaignListRow } from '@/lib/campaigns/list-campaigns';

function plural(n: number, word: string) {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function delayText(seconds: number): string {
  if (seconds === 0) return 'right away';
  if (seconds < 3600) return `after ${Math.round(seconds / 60)} min`;
  if (seconds < 86400) return `after ${Math.round(seconds / 360) / 10} h`;
  return `after ${Math.round(seconds / 8640) / 10} days`;
}

/** One sentence saying which leads a campaign messages, and when. */
export function triggerSummary(
  c: Pick<CampaignListRow, 'kind' | 'trigger' | 'delaySeconds' | 'sendWindow' | 'scheduledAt'>,
  timeZone: string,
): string {
  if (c.kind === 'broadcast') {
    return c.scheduledAt ? `Broadcast, scheduled for ${formatDateTime(c.scheduledAt, timeZone)}` : 'Broadcast, sent when started';
  }
  const t = c.trigger;
  const parts: string[] = [];
  if (t.sources.length > 0) parts.push(`from ${t.sources.map((s) => SOURCE_LABELS[s] ?? s).join(' or ')}`);
  if (t.landingPageIds.length > 0) parts.push(`via ${plural(t.landingPageIds.length, 'landing page')}`);
  if (t.tags.length > 0) parts.push(`tagged ${t.tags.join(', ')}`);
  if (t.onImport) parts.push('including imported leads');
  const who = parts.length > 0 ? `New leads ${parts.join(', ')}` : 'Every new lead';
  const window = c.sendWindow ? `, within ${c.sendWindow.startHour}:00–${c.sendWindow.endHour}:00` : '';
  return `${who}, ${delayText(c.delaySeconds)}${window}`;
}
