import { faArrowRightToBracket, faBan, faCalendarDays, faCircleCheck, faCodeMerge, faPaperPlane, faPen, faReply, faUserPlus } from '@fortawesome/free-solid-svg-icons';
import { FontAwesomeIcon } from '@fortawesome/react-fontawesome';
import type { IconDefinition } from '@fortawesome/fontawesome-svg-core';
import type { Lead } from '@/db/schema';
import { STATUS_STYLE } from '@/components/messages/status-badge';
import { formatDateTime, SOURCE_LABELS, truncate } from '@/components/ui/format';
import type { ChangeItem, TimelineItem } from '@/lib/leads/get-lead-timeline';

type Entry = { key: string; at: Date; icon: IconDefinition; tone: string; text: string };

const FIELD_LABELS: Record<ChangeItem['field'], string> = {
  name: 'Name', email: 'E-mail', phone: 'Phone', lifecycle_status: 'Status', opted_out: 'Opted out', consent: 'Consent',
};
const capitalize = (v: string) => v[0].toUpperCase() + v.slice(1);

function describeChange(item: ChangeItem): string {
  const label = FIELD_LABELS[item.field];
  const show = (v: string) => `“${item.field === 'lifecycle_status' ? capitalize(v) : v}”`;
  const what =
    item.previous === null ? `${label} set to ${show(item.next ?? '')}`
    : item.next === null ? `${label} removed (was ${show(item.previous)})`
    : `${label} changed from ${show(item.previous)} to ${show(item.next)}`;
  const by = item.byName ? ` by ${item.byName}` : '';
  return `${what}${by}${item.channel === 'api' ? ' through the API' : ''}`;
}

function describe(item: TimelineItem, timeZone: string): Entry {
  if (item.kind === 'touchpoint') {
    const utm = Object.entries(item.utm)
      .filter(([, v]) => v)
      .map(([k, v]) => `utm_${k}=${v}`)
      .join(', ');
    const where = item.landingPage
      ? ` “${item.landingPage.title}”`
      : item.import
        ? ` “${item.import.label ?? item.import.fileName ?? 'file'}”${item.import.label && item.import.fileName ? ` (${item.import.fileName})` : ''}`
        : '';
    return { key: `t-${item.id}`, at: item.at, icon: faArrowRightToBracket, tone: 'text-primary', text: `Came in via ${SOURCE_LABELS[item.source] ?? item.source}${where}${utm ? ` (${utm})` : ''}` };
  }
  if (item.kind === 'outbound') {
    const what = item.templateName ? `template “${item.templateName}”` : 'a message';
    const via = item.campaignName ? ` from campaign “${item.campaignName}”` : '';
    const status = STATUS_STYLE[item.status]?.label ?? item.status;
    return { key: `o-${item.id}`, at: item.at, icon: faPaperPlane, tone: item.status === 'failed' ? 'text-danger' : 'text-success', text: `We sent ${what}${via}: ${status}` };
  }
  if (item.kind === 'change') {
    return { key: `c-${item.id}`, at: item.at, icon: faPen, tone: 'text-secondary', text: describeChange(item) };
  }
  if (item.kind === 'appointment') {
    const when = formatDateTime(item.startsAt, timeZone);
    const text =
      item.change === 'created' ? `Appointment “${item.title}” booked for ${when}`
      : item.change === 'moved' ? `Appointment “${item.title}” moved${item.previousStartsAt ? ` from ${formatDateTime(item.previousStartsAt, timeZone)}` : ''} to ${when}`
      : item.change === 'status' ? `Appointment “${item.title}” ${item.status === 'no_show' ? 'marked no-show' : item.status}`
      : `Appointment “${item.title}” edited`;
    return { key: `a-${item.id}`, at: item.at, icon: faCalendarDays, tone: item.status === 'cancelled' || item.status === 'no_show' ? 'text-danger' : 'text-primary', text };
  }
  if (item.kind === 'merge') {
    const other = item.other.name ? `${item.other.name} (${item.other.phoneE164})` : item.other.phoneE164;
    const text =
      item.event === 'merged'
        ? item.role === 'survivor' ? `Merged with duplicate ${other}` : `Merged into ${other}`
        : item.role === 'survivor' ? `Merge with ${other} undone` : `Merge into ${other} undone: this lead is back`;
    return { key: `m-${item.id}`, at: item.at, icon: faCodeMerge, tone: 'text-secondary', text };
  }
  return { key: `i-${item.id}`, at: item.at, icon: faReply, tone: 'text-body', text: `Replied: ${item.text ? `“${truncate(item.text, 80)}”` : `[${item.type}]`}` };
}

/** Everything that happened with the lead, newest first: arrivals, messages, replies, consent, opt-out. */
export function LeadTimeline({ lead, items, timeZone }: { lead: Lead; items: TimelineItem[]; timeZone: string }) {
  const entries: Entry[] = [
    { key: 'created', at: lead.createdAt, icon: faUserPlus, tone: 'text-secondary', text: `Lead created (${SOURCE_LABELS[lead.source] ?? lead.source})` },
    ...items.map((i) => describe(i, timeZone)),
  ];
  if (lead.consentAt) {
    entries.push({ key: 'consent', at: lead.consentAt, icon: faCircleCheck, tone: 'text-success', text: `Consent recorded${lead.consentSource ? ` via ${lead.consentSource}` : ''}` });
  }
  if (lead.optedOutAt) entries.push({ key: 'opt-out', at: lead.optedOutAt, icon: faBan, tone: 'text-danger', text: 'Opted out of messages' });
  entries.sort((a, b) => b.at.getTime() - a.at.getTime());

  return (
    <ol className="list-unstyled mb-0" aria-label="Timeline">
      {entries.map((e) => (
        <li key={e.key} className="d-flex gap-2 mb-2" data-testid="timeline-entry">
          <FontAwesomeIcon icon={e.icon} className={`${e.tone} mt-1`} fixedWidth aria-hidden />
          <div>
            <div className="small">{e.text}</div>
            <time className="small text-muted" dateTime={e.at.toISOString()}>{formatDateTime(e.at, timeZone)}</time>
          </div>
        </li>
      ))}
    </ol>
  );
}
