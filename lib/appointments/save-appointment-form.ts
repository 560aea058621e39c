import 'server-only';
import type { Appointment } from '@/db/schema';
import { AppError, parseInput } from '@/lib/errors';
import { fromLocalInput } from './local-time';
import { createAppointment, updateAppointment } from './save-appointment';
import { appointmentFormSchema } from './schema';

// The admin form's door: wall times in the workspace's zone become instants, then the same
// create/update that GraphQL uses.

function toInput(input: unknown, timeZone: string) {
  const v = parseInput(appointmentFormSchema, input);
  const startsAt = fromLocalInput(v.startsLocal, timeZone);
  const endsAt = v.endsLocal ? fromLocalInput(v.endsLocal, timeZone) : null;
  if (!startsAt) throw new AppError('BAD_USER_INPUT', 'Enter when it starts', { fields: { startsLocal: 'Enter when it starts' } });
  return { leadId: v.leadId, title: v.title, startsAt, endsAt, status: v.status, notes: v.notes || null, externalId: v.externalId || null };
}

export async function createAppointmentFromForm(ctx: { workspaceId: string; timeZone: string }, input: unknown): Promise<Appointment> {
  return createAppointment(ctx.workspaceId, { ...toInput(input, ctx.timeZone), source: 'admin' });
}

export async function updateAppointmentFromForm(ctx: { workspaceId: string; timeZone: string }, id: string, input: unknown): Promise<Appointment> {
  const { leadId: _leadId, ...changes } = toInput(input, ctx.timeZone);
  void _leadId;
  return updateAppointment(ctx.workspaceId, id, changes);
}
