import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb, type Tx } from '@/db/client';
import { appointments, leads, type Appointment } from '@/db/schema';
import { AppError, parseInput } from '@/lib/errors';
import { onAppointmentChanged } from './on-appointment-changed';
import { createAppointmentSchema, updateAppointmentSchema } from './schema';

const notFound = () => new AppError('NOT_FOUND', 'This appointment does not exist.');

/** An appointment with one of the workspace's leads (booked by an integrator's calendar, say). */
export async function createAppointment(workspaceId: string, input: unknown): Promise<Appointment> {
  const db = await getDb();
  return db.transaction((tx) => insertAppointment(tx, workspaceId, input));
}

/**
 * createAppointment inside the caller's transaction (an appointments import saves a batch in
 * one): the same rules and the same onAppointmentChanged hook.
 */
export async function insertAppointment(tx: Tx, workspaceId: string, input: unknown): Promise<Appointment> {
  const v = parseInput(createAppointmentSchema, input);
  const [lead] = await tx.select({ id: leads.id }).from(leads).where(and(eq(leads.workspaceId, workspaceId), eq(leads.id, v.leadId)));
  if (!lead) throw new AppError('NOT_FOUND', 'This lead does not exist.');
  const [row] = await tx
    .insert(appointments)
    .values({ workspaceId, leadId: lead.id, title: v.title, startsAt: v.startsAt, endsAt: v.endsAt ?? null, status: v.status, notes: v.notes ?? null, source: v.source ?? null, externalId: v.externalId ?? null })
    .returning();
  await onAppointmentChanged(tx, null, row);
  return row;
}

/** Changes what the input names; the end must still follow the start. */
export async function updateAppointment(workspaceId: string, appointmentId: string, input: unknown): Promise<Appointment> {
  if (!z.uuid().safeParse(appointmentId).success) throw notFound();
  const v = parseInput(updateAppointmentSchema, input);
  const db = await getDb();
  return db.transaction((tx) => changeAppointment(tx, workspaceId, appointmentId, v));
}

/** updateAppointment inside the caller's transaction (imports and their revert). */
export async function changeAppointment(tx: Tx, workspaceId: string, appointmentId: string, input: unknown): Promise<Appointment> {
  if (!z.uuid().safeParse(appointmentId).success) throw notFound();
  const v = parseInput(updateAppointmentSchema, input);
  const [current] = await tx
    .select()
    .from(appointments)
    .where(and(eq(appointments.workspaceId, workspaceId), eq(appointments.id, appointmentId)))
    .for('update');
  if (!current) throw notFound();
  const next = { ...current, ...Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined)) } as Appointment;
  if (next.endsAt && next.endsAt <= next.startsAt) {
    throw new AppError('BAD_USER_INPUT', 'The end must be after the start', { fields: { endsAt: 'The end must be after the start' } });
  }
  const [row] = await tx
    .update(appointments)
    .set({ title: next.title, startsAt: next.startsAt, endsAt: next.endsAt, status: next.status, notes: next.notes, source: next.source, externalId: next.externalId, updatedAt: sql`now()` })
    .where(and(eq(appointments.workspaceId, workspaceId), eq(appointments.id, appointmentId)))
    .returning();
  await onAppointmentChanged(tx, current, row);
  return row;
}

export async function cancelAppointment(workspaceId: string, appointmentId: string): Promise<Appointment> {
  return updateAppointment(workspaceId, appointmentId, { status: 'cancelled' });
}
