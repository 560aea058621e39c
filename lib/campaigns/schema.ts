import { z } from 'zod';
import { CAMPAIGN_KINDS, LEAD_SOURCES } from '@/db/schema';
import { segmentSchema } from '@/lib/segments/schema';
import { idField, localDateTimeSchema } from '@/lib/validation/strict-values';

// The campaign form, shared by the browser (zodResolver) and the server actions. Field shapes
// are what the form holds (tags as one comma-separated text, days as '0'..'6' checkbox values);
// the use cases turn them into the stored shape.

export const WEEKDAYS = ['0', '1', '2', '3', '4', '5', '6'] as const;
export const MAX_DELAY_MINUTES = 30 * 24 * 60;
export const MAX_POOL_SIZE = 10;

/** "vip, spring sale" -> ['vip', 'spring sale'] (trimmed, no blanks, no repeats). */
export function splitTags(text: string): string[] {
  return [...new Set(text.split(',').map((t) => t.trim()).filter(Boolean))];
}

const whole = (label: string, min: number, max: number) =>
  z
    .number({ error: `Enter ${label}` })
    .int(`Enter a whole number for ${label}`)
    .min(min, `${label} must be at least ${min}`)
    .max(max, `${label} must be at most ${max}`);

export const campaignFormSchema = z
  .object({
    name: z.string().trim().min(1, 'Give the campaign a name').max(120, 'At most 120 characters'),
    kind: z.enum(CAMPAIGN_KINDS),
    templateId: idField('Choose a template'),
    senderPhoneIds: z
      .array(idField('Choose a sender phone'))
      .min(1, 'Choose at least one sender phone')
      .max(MAX_POOL_SIZE, `At most ${MAX_POOL_SIZE} phones in a pool`),
    // Automated campaigns: which new leads, how long after, in which hours.
    triggerSources: z.array(z.enum(LEAD_SOURCES)),
    triggerLandingPageIds: z.array(idField('Not a valid landing page id')),
    triggerTags: z
      .string()
      .max(500, 'At most 500 characters')
      .refine((t) => splitTags(t).every((tag) => tag.length <= 60), 'Each tag at most 60 characters'),
    onImport: z.boolean(),
    // `capture` = new leads (the lists above); otherwise an appointment event.
    triggerKind: z.enum(['capture', 'booked', 'reminder', 'no_show']),
    reminderHours: whole('the hours before the appointment', 1, 168),
    delayMode: z.enum(['now', 'minutes']),
    delayMinutes: whole('the delay in minutes', 0, MAX_DELAY_MINUTES),
    windowEnabled: z.boolean(),
    windowDays: z.array(z.enum(WEEKDAYS)),
    windowStartHour: whole('the start hour', 0, 23),
    windowEndHour: whole('the end hour', 1, 24),
    // Broadcasts: when, and to whom.
    scheduleMode: z.enum(['now', 'later']),
    scheduledAt: z.union([z.literal(''), localDateTimeSchema]),
    segment: segmentSchema,
  })
  .superRefine((v, ctx) => {
    if (v.kind === 'automated' && v.delayMode === 'minutes' && v.delayMinutes < 1) {
      ctx.addIssue({ code: 'custom', path: ['delayMinutes'], message: 'Wait at least 1 minute, or choose "send right away"' });
    }
    if (v.windowEnabled && v.windowDays.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['windowDays'], message: 'Pick at least one day' });
    }
    if (v.windowEnabled && v.windowStartHour === v.windowEndHour % 24) {
      ctx.addIssue({ code: 'custom', path: ['windowEndHour'], message: 'The window must end at another hour than it starts' });
    }
    if (v.kind === 'broadcast' && v.scheduleMode === 'later' && !v.scheduledAt) {
      ctx.addIssue({ code: 'custom', path: ['scheduledAt'], message: 'Pick when to send' });
    }
  });
export type CampaignFormValues = z.infer<typeof campaignFormSchema>;

export const campaignIdSchema = z.object({ campaignId: idField('Unknown campaign') });

export const testSendSchema = z.object({
  campaignId: idField('Unknown campaign'),
  phone: z.string().trim().min(1, 'Enter the phone number to send the test to').max(40, 'At most 40 characters'),
});
export type TestSendInput = z.infer<typeof testSendSchema>;
