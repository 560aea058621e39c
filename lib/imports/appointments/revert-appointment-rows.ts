import 'server-only';
import { and, asc, eq, sql } from 'drizzle-orm';
import { execRows, type Tx } from '@/db/client';
import { appointments, importAppointmentChanges, type AppointmentSnapshot } from '@/db/schema';
import { changeAppointment } from '@/lib/appointments/save-appointment';

export type RevertAppointmentsResult = { deleted: number; kept: number; restored: number; skippedMessages: number };

/**
 * The appointments half of an appointments import's revert, before its leads are looked at:
 * appointments it created are deleted (their still-queued campaign messages skipped first)
 * unless they no longer hold the values it gave them; appointments it updated get back each field that still
 * holds the import's value, through changeAppointment, so a moved-back appointment moves its
 * reminder back as an edit in the admin would.
 */
// "Still as the import created it": the same values as its snapshot, however often it was saved
// since (a later import's update that was itself reverted leaves it as it was).
const AS_CREATED = sql.raw(`a.title = c.next ->> 'title' and a.starts_at = (c.next ->> 'startsAt')::timestamptz
  and a.ends_at is not distinct from (c.next ->> 'endsAt')::timestamptz and a.status = c.next ->> 'status'
  and a.notes is not distinct from c.next ->> 'notes'`);

export async function revertAppointmentRows(tx: Tx, workspaceId: string, importId: string): Promise<RevertAppointmentsResult> {
  // Counted first: deleting an appointment deletes its line of this log (cascade).
  const [{ n: createdCount }] = await execRows<{ n: number }>(
    tx,
    sql`select count(*)::int as n from import_appointment_changes where import_id = ${importId} and outcome = 'created'`,
  );
  const skipped = await execRows<{ id: string }>(
    tx,
    sql`with upd as (
          update messages m set status = 'skipped', status_reason = 'import reverted', skipped_at = now(), updated_at = now()
          from import_appointment_changes c, appointments a
          where c.import_id = ${importId} and c.outcome = 'created' and a.id = c.appointment_id and a.workspace_id = ${workspaceId}
            and ${AS_CREATED} and m.appointment_id = a.id and m.workspace_id = ${workspaceId} and m.status = 'queued'
          returning m.id, m.workspace_id)
        insert into message_events (workspace_id, message_id, status, source, detail)
        select workspace_id, id, 'skipped', 'system', 'import reverted' from upd
        returning message_id as id`,
  );
  const deleted = await execRows<{ id: string }>(
    tx,
    sql`delete from appointments a using import_appointment_changes c
        where c.import_id = ${importId} and c.outcome = 'created' and a.id = c.appointment_id
          and a.workspace_id = ${workspaceId} and ${AS_CREATED}
        returning a.id`,
  );

  const changed = await tx
    .select({ c: importAppointmentChanges, a: appointments })
    .from(importAppointmentChanges)
    .innerJoin(appointments, and(eq(appointments.id, importAppointmentChanges.appointmentId), eq(appointments.workspaceId, workspaceId)))
    .where(and(eq(importAppointmentChanges.importId, importId), eq(importAppointmentChanges.outcome, 'updated')))
    .orderBy(asc(importAppointmentChanges.rowNumber));
  let restored = 0;
  for (const { c, a } of changed) {
    const prev = c.previous as AppointmentSnapshot;
    const next = c.next as AppointmentSnapshot;
    // A field is put back only where it still holds what the import wrote (a later edit wins).
    const back: Record<string, unknown> = {};
    if (a.title === next.title && prev.title !== next.title) back.title = prev.title;
    if (a.startsAt.toISOString() === next.startsAt && prev.startsAt !== next.startsAt) back.startsAt = new Date(prev.startsAt);
    if ((a.endsAt?.toISOString() ?? null) === next.endsAt && prev.endsAt !== next.endsAt) back.endsAt = prev.endsAt ? new Date(prev.endsAt) : null;
    if (a.status === next.status && prev.status !== next.status) back.status = prev.status;
    if (a.notes === next.notes && prev.notes !== next.notes) back.notes = prev.notes;
    if (Object.keys(back).length === 0) continue;
    await changeAppointment(tx, workspaceId, a.id, back);
    restored++;
  }
  return { deleted: deleted.length, kept: Number(createdCount) - deleted.length, restored, skippedMessages: skipped.length };
}
