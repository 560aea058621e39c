import { z } from 'zod';
import { LEAD_SOURCES, LIFECYCLE_STATUSES } from '@/db/schema';
import { APPOINTMENT_STATUSES } from '@/lib/appointments/schema';
import { daySchema, hasNoNul } from '@/lib/validation/strict-values';

// A broadcast's audience: leads matching every filter that is set (an empty list means "any").
// Field shapes are what the browser form sends, so the same schema serves zodResolver and the
// server; dates are calendar days in the workspace time zone ('' = open-ended).

export const ATTRIBUTE_OPS = ['equals', 'contains', 'exists', 'missing'] as const;
export type AttributeOp = (typeof ATTRIBUTE_OPS)[number];
export const REPLIED_FILTERS = ['any', 'yes', 'no'] as const;
export const APPOINTMENT_FILTERS = ['any', 'upcoming', 'none'] as const;

/** A whole number typed in a form ('' = not set), kept as text so that a blank field is not 0. */
const optionalWhole = (label: string, max: number) =>
  z.union([
    z.literal(''),
    z
      .string()
      .trim()
      .regex(/^\d{1,4}$/, `Enter a whole number of ${label}`)
      .refine((v) => Number(v) >= 1 && Number(v) <= max, `Between 1 and ${max} ${label}`),
  ]);

// A day that exists (2024-02-30 is refused here, not by PostgreSQL when the audience is counted).
const day = z.union([z.literal(''), daySchema]);
const noNul = 'Contains a character that is not allowed';

export const attributeFilterSchema = z
  .object({
    key: z
      .string()
      .trim()
      .min(1, 'Name the attribute')
      .max(60, 'At most 60 characters')
      .regex(/^[\w.-]+$/, 'Letters, digits, dot, dash and underscore only'),
    op: z.enum(ATTRIBUTE_OPS),
    value: z.string().trim().max(200, 'At most 200 characters').refine(hasNoNul, noNul),
  })
  .refine((f) => f.op === 'exists' || f.op === 'missing' || f.value !== '', {
    message: 'Give a value to compare with',
    path: ['value'],
  });
export type AttributeFilter = z.infer<typeof attributeFilterSchema>;

export const segmentSchema = z
  .object({
    sources: z.array(z.enum(LEAD_SOURCES)).max(LEAD_SOURCES.length),
    tags: z.array(z.string().trim().min(1).max(60).refine(hasNoNul, noNul)).max(20, 'At most 20 tags'),
    lifecycleStatuses: z.array(z.enum(LIFECYCLE_STATUSES)).max(LIFECYCLE_STATUSES.length),
    attributes: z.array(attributeFilterSchema).max(10, 'At most 10 attribute filters'),
    createdFrom: day,
    createdTo: day,
    replied: z.enum(REPLIED_FILTERS),
    /** With replied yes / no: only replies in the last N days count ('' = ever). */
    repliedDays: optionalWhole('days', 365),
    /** An upcoming (scheduled or confirmed, not started) appointment, or none. */
    appointment: z.enum(APPOINTMENT_FILTERS),
    /** Has an appointment in any of these statuses (any time). */
    appointmentStatuses: z.array(z.enum(APPOINTMENT_STATUSES)).max(APPOINTMENT_STATUSES.length),
    /** Frequency cap: a lead any campaign messaged in the last N hours is skipped, with its reason. */
    frequencyCapHours: optionalWhole('hours', 720),
  })
  .refine((s) => !s.createdFrom || !s.createdTo || s.createdFrom <= s.createdTo, {
    message: 'The end date is before the start date',
    path: ['createdTo'],
  });
export type Segment = z.infer<typeof segmentSchema>;

export const EMPTY_SEGMENT: Segment = {
  sources: [],
  tags: [],
  lifecycleStatuses: [],
  attributes: [],
  createdFrom: '',
  createdTo: '',
  replied: 'any',
  repliedDays: '',
  appointment: 'any',
  appointmentStatuses: [],
  frequencyCapHours: '',
};

/**
 * A segment stored in campaigns.segment (jsonb), read back defensively. Null when it is missing
 * or malformed: never silently widened to "every lead", which would message the whole base.
 */
export function readStoredSegment(value: unknown): Segment | null {
  if (typeof value !== 'object' || value === null) return null;
  const parsed = segmentSchema.safeParse({ ...EMPTY_SEGMENT, ...value });
  return parsed.success ? parsed.data : null;
}
