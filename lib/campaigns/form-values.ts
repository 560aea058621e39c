import type { Campaign } from '@/db/schema';
import { EMPTY_SEGMENT, readStoredSegment } from '@/lib/segments/schema';
import { WEEKDAYS, type CampaignFormValues } from './schema';
import { senderPool } from './sender-pool';

/** What a new campaign's form starts with. */
export function newCampaignFormValues(kind: Campaign['kind'], defaults: { templateId?: string; senderPhoneId?: string } = {}): CampaignFormValues {
  return {
    name: '',
    kind,
    templateId: defaults.templateId ?? '',
    senderPhoneIds: defaults.senderPhoneId ? [defaults.senderPhoneId] : [],
    triggerSources: [],
    triggerLandingPageIds: [],
    triggerTags: '',
    onImport: false,
    triggerKind: 'capture',
    reminderHours: 24,
    delayMode: 'now',
    delayMinutes: 0,
    windowEnabled: false,
    windowDays: ['1', '2', '3', '4', '5'],
    windowStartHour: 9,
    windowEndHour: 18,
    scheduleMode: 'now',
    scheduledAt: '',
    segment: EMPTY_SEGMENT,
  };
}

/** "YYYY-MM-DDTHH:mm" of an instant in a time zone (what <input type="datetime-local"> holds). */
export function toLocalInput(at: Date, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

/** A stored campaign as the edit form's values. */
export function campaignFormValues(c: Campaign, timeZone: string): CampaignFormValues {
  const base = newCampaignFormValues(c.kind);
  return {
    ...base,
    name: c.name,
    templateId: c.templateId,
    senderPhoneIds: senderPool(c),
    triggerSources: c.trigger.sources.filter((s): s is CampaignFormValues['triggerSources'][number] =>
      (['landing_page', 'import', 'api', 'whatsapp', 'manual'] as string[]).includes(s),
    ),
    triggerLandingPageIds: c.trigger.landingPageIds,
    triggerTags: c.trigger.tags.join(', '),
    onImport: c.trigger.onImport,
    triggerKind: c.trigger.appointment?.event ?? 'capture',
    reminderHours: c.trigger.appointment?.hoursBefore ?? 24,
    delayMode: c.delaySeconds > 0 ? 'minutes' : 'now',
    delayMinutes: Math.round(c.delaySeconds / 60),
    windowEnabled: c.sendWindow !== null,
    windowDays: c.sendWindow
      ? WEEKDAYS.filter((d) => c.sendWindow!.days.length === 0 || c.sendWindow!.days.includes(Number(d)))
      : base.windowDays,
    windowStartHour: c.sendWindow?.startHour ?? base.windowStartHour,
    windowEndHour: c.sendWindow ? c.sendWindow.endHour || 24 : base.windowEndHour,
    scheduleMode: c.scheduledAt ? 'later' : 'now',
    scheduledAt: c.scheduledAt ? toLocalInput(c.scheduledAt, timeZone) : '',
    segment: readStoredSegment(c.segment) ?? EMPTY_SEGMENT,
  };
}
