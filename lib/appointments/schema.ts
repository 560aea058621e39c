import { z } from 'zod';
import { daySchema, idSchema, textSchema } from '@/lib/validation/strict-values';

export const APPOINTMENT_STATUSES = ['scheduled', 'confirmed', 'completed', 'cancelled', 'no_show'] as const;

export const APPOINTMENT_STATUS_LABELS: Record<(typeof APPOINTMENT_STATUSES)[number], string> = {
  scheduled: 'Scheduled',
  confirmed: 'Confirmed',
  completed: 'Completed',
  cancelled: 'Cancelled',
  no_show: 'No-show',
};

const fields = {
  title: z.string().trim().min(1, 'Give the appointment a title').max(200, 'At most 200 characters'),
  startsAt: z.coerce.date({ error: 'Enter when it starts' }),
  endsAt: z.coerce.date({ error: 'Enter a valid end' }).nullish(),
  status: z.enum(APPOINTMENT_STATUSES),
  notes: z.string().trim().max(5000, 'At most 5,000 characters').nullish(),
  source: z.string().trim().max(100, 'At most 100 characters').nullish(),
  externalId: z.string().trim().max(200, 'At most 200 characters').nullish(),
};

const endsAfterStart = (v: { startsAt?: Date; endsAt?: Date | null }) => !v.startsAt || !v.endsAt || v.endsAt > v.startsAt;
const endMessage = { message: 'The end must be after the start', path: ['endsAt'] };

export const createAppointmentSchema = z
  .object({ leadId: z.uuid('Choose a lead'), ...fields, status: fields.status.default('scheduled') })
  .refine(endsAfterStart, endMessage);

/** An update names only what changes. */
export const updateAppointmentSchema = z.object(fields).partial().refine(endsAfterStart, endMessage);

const localDateTime = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, 'Enter a date and time');

/** The admin form: start and end are wall times in the workspace's time zone. */
export const appointmentFormSchema = z
  .object({
    leadId: z.uuid('Choose a lead'),
    title: fields.title,
    startsLocal: localDateTime,
    endsLocal: z.union([z.literal(''), localDateTime]),
    status: fields.status,
    notes: z.string().trim().max(5000, 'At most 5,000 characters'),
    externalId: z.string().trim().max(200, 'At most 200 characters'),
  })
  .refine((v) => !v.endsLocal || v.endsLocal > v.startsLocal, { message: 'The end must be after the start', path: ['endsLocal'] });
export type AppointmentFormValues = z.infer<typeof appointmentFormSchema>;

// Real calendar days only (2024-02-30 never reaches PostgreSQL): the shared strict schema.
const day = daySchema;

/** The list's filters, from the query string; a bad value is dropped rather than failing the page. */
export const appointmentFiltersSchema = z.object({
  from: day.optional().catch(undefined),
  to: day.optional().catch(undefined),
  status: z.enum(APPOINTMENT_STATUSES).optional().catch(undefined),
  leadId: idSchema.optional().catch(undefined),
  source: textSchema(100).trim().min(1).optional().catch(undefined),
});
export type AppointmentFilters = z.infer<typeof appointmentFiltersSchema>;
