import 'server-only';
import type { DbOrTx } from '@/db/client';
import { appointmentChanges, type Appointment } from '@/db/schema';

/** One row per save that changed something the lead's timeline shows. */
export async function recordAppointmentChange(tx: DbOrTx, before: Appointment | null, after: Appointment): Promise<void> {
  const moved = !!before && before.startsAt.getTime() !== after.startsAt.getTime();
  const statusChanged = !!before && before.status !== after.status;
  const edited = !!before && (before.title !== after.title || before.notes !== after.notes || before.endsAt?.getTime() !== after.endsAt?.getTime() || before.externalId !== after.externalId);
  const change = !before ? 'created' : statusChanged ? 'status' : moved ? 'moved' : edited ? 'edited' : null;
  if (!change) return;
  await tx.insert(appointmentChanges).values({
    workspaceId: after.workspaceId,
    appointmentId: after.id,
    leadId: after.leadId,
    change,
    title: after.title,
    startsAt: after.startsAt,
    status: after.status,
    previousStartsAt: moved ? before!.startsAt : null,
    previousStatus: statusChanged ? before!.status : null,
  });
}
