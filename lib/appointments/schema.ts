import { z } from 'zod';

export const APPOINTMENT_STATUSES = ['scheduled', 'confirmed', 'completed', 'cancelled', 'no_show'] as const;

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
