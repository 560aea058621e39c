import 'server-only';
import { and, eq, inArray } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { appointments, importAppointmentChanges, type Appointment, type AppointmentSnapshot } from '@/db/schema';
import { changeAppointment, insertAppointment } from '@/lib/appointments/save-appointment';
import { isAppError } from '@/lib/errors';
import type { ImportWithSettings } from '../get-import';
import type { PreparedRejection } from '../prepare-import-rows';
import { findImportLeads } from './find-import-leads';
import type { PreparedAppointmentBatch, PreparedAppointment } from './prepare-appointment-rows';

// The database half of an appointments batch, inside the import's batch transaction. Leads are
// found (and, when the admin chose so, created) for the whole batch at once; each appointment is
// then saved through lib/appointments (insertAppointment / changeAppointment), so the timeline,
// the lifecycle, the booked / reminder / no-show campaigns and the outbound webhook react exactly
// as they do to an appointment saved in the admin.

export const snapshotOf = (a: Appointment): AppointmentSnapshot => ({
  title: a.title,
  startsAt: a.startsAt.toISOString(),
  endsAt: a.endsAt ? a.endsAt.toISOString() : null,
  status: a.status,
  notes: a.notes,
});

/** The fields a row changes on an existing appointment (an empty cell changes nothing). */
function changesFor(row: PreparedAppointment, current: Appointment): Record<string, unknown> {
  const c: Record<string, unknown> = {};
  if (row.title && row.title !== current.title) c.title = row.title;
  if (row.startsAt.getTime() !== current.startsAt.getTime()) c.startsAt = row.startsAt;
  if (row.endsAt && row.endsAt.getTime() !== current.endsAt?.getTime()) c.endsAt = row.endsAt;
  if (row.status && row.status !== current.status) c.status = row.status;
  if (row.notes && row.notes !== current.notes) c.notes = row.notes;
  return c;
}

export async function applyAppointmentRows(
  tx: Tx,
  workspaceId: string,
  imp: ImportWithSettings,
  prepared: PreparedAppointmentBatch,
): Promise<{ created: number; updated: number; unchanged: number; rejections: PreparedRejection[] }> {
  const rejections: PreparedRejection[] = [...prepared.rejections];
  const reject = (row: PreparedAppointment, reason: string, kind: 'invalid' | 'duplicate' = 'invalid') =>
    rejections.push({ rn: row.rn, kind, reason, values: row.raw });
  let rows = prepared.rows;

  // An external id an earlier batch of this file already brought is a duplicate in the file.
  const ids = rows.map((r) => r.externalId).filter((x): x is string => !!x);
  if (ids.length > 0) {
    const seen = await tx
      .select({ externalId: importAppointmentChanges.externalId, rowNumber: importAppointmentChanges.rowNumber })
      .from(importAppointmentChanges)
      .where(and(eq(importAppointmentChanges.importId, imp.id), inArray(importAppointmentChanges.externalId, ids)));
    const firstRow = new Map(seen.map((s) => [s.externalId, s.rowNumber]));
    rows = rows.filter((r) => {
      const first = r.externalId ? firstRow.get(r.externalId) : undefined;
      if (first === undefined) return true;
      reject(r, `duplicate of row ${first} (external id ${r.externalId})`, 'duplicate');
      return false;
    });
  }

  const leadOf = await findImportLeads(tx, workspaceId, imp, rows, reject);

  // Appointments already in the workspace with the rows' external ids: a re-import updates them.
  const existing = new Map<string, Appointment>();
  if (ids.length > 0) {
    const found = await tx
      .select()
      .from(appointments)
      .where(and(eq(appointments.workspaceId, workspaceId), inArray(appointments.externalId, ids)))
      .orderBy(appointments.createdAt);
    for (const a of found) existing.set(a.externalId!, a); // the newest wins when an id was reused
  }

  let created = 0;
  let updated = 0;
  let unchanged = 0;
  const log: (typeof importAppointmentChanges.$inferInsert)[] = [];
  for (const row of rows) {
    const leadId = leadOf.get(row.rn);
    if (!leadId) continue; // rejected by findImportLeads
    const current = row.externalId ? existing.get(row.externalId) : undefined;
    try {
      if (!current) {
        if (!row.title) {
          reject(row, 'title is empty');
          continue;
        }
        const a = await insertAppointment(tx, workspaceId, {
          leadId, title: row.title, startsAt: row.startsAt, endsAt: row.endsAt, status: row.status ?? 'scheduled',
          notes: row.notes, source: 'import', externalId: row.externalId,
        });
        log.push({ importId: imp.id, rowNumber: row.rn, appointmentId: a.id, externalId: row.externalId, outcome: 'created', next: snapshotOf(a) });
        created++;
        continue;
      }
      if (current.leadId !== leadId) {
        reject(row, `external id ${row.externalId} belongs to an appointment of another lead`);
        continue;
      }
      const changes = changesFor(row, current);
      if (Object.keys(changes).length === 0) {
        log.push({ importId: imp.id, rowNumber: row.rn, appointmentId: current.id, externalId: row.externalId, outcome: 'unchanged' });
        unchanged++;
        continue;
      }
      const after = await changeAppointment(tx, workspaceId, current.id, changes);
      existing.set(row.externalId!, after);
      log.push({
        importId: imp.id, rowNumber: row.rn, appointmentId: current.id, externalId: row.externalId, outcome: 'updated',
        previous: snapshotOf(current), next: snapshotOf(after),
      });
      updated++;
    } catch (err) {
      // The rules of lib/appointments refuse the row before anything is written (e.g. an end
      // before the stored start): the row is rejected with their message.
      if (isAppError(err) && err.code === 'BAD_USER_INPUT') reject(row, err.message);
      else throw err;
    }
  }
  if (log.length > 0) await tx.insert(importAppointmentChanges).values(log);
  return { created, updated, unchanged, rejections: rejections.sort((a, b) => a.rn - b.rn) };
}
