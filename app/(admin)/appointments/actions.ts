'use server';

import { requireActionContext } from '@/lib/auth/session';
import { createAppointmentFromForm, updateAppointmentFromForm } from '@/lib/appointments/save-appointment-form';
import { toActionError, type ActionResult } from '@/lib/http/action-result';

// Server actions of the appointments pages: who is asking, then lib/appointments.

export async function createAppointmentAction(input: unknown): Promise<ActionResult<{ id: string }>> {
  try {
    const ctx = await requireActionContext();
    const row = await createAppointmentFromForm({ workspaceId: ctx.workspace.id, timeZone: ctx.workspace.timezone }, input);
    return { ok: true, data: { id: row.id } };
  } catch (err) {
    return toActionError(err);
  }
}

export async function updateAppointmentAction(id: string, input: unknown): Promise<ActionResult<{ id: string }>> {
  try {
    const ctx = await requireActionContext();
    const row = await updateAppointmentFromForm({ workspaceId: ctx.workspace.id, timeZone: ctx.workspace.timezone }, id, input);
    return { ok: true, data: { id: row.id } };
  } catch (err) {
    return toActionError(err);
  }
}
