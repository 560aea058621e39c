import 'server-only';
import { and, asc, count, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { appointments, leads } from '@/db/schema';
import { fromLocalInput } from './local-time';
import { APPOINTMENT_STATUSES, type AppointmentFilters } from './schema';

export const APPOINTMENTS_PAGE_SIZE = 200;

export type AppointmentRow = {
  id: string; leadId: string; leadName: string | null; leadPhone: string; title: string; startsAt: Date; endsAt: Date | null;
  status: (typeof APPOINTMENT_STATUSES)[number]; source: string | null; externalId: string | null; notes: string | null;
};

const nextDay = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

function where(workspaceId: string, f: AppointmentFilters, timeZone: string, withStatus: boolean): SQL {
  const parts: (SQL | undefined)[] = [eq(appointments.workspaceId, workspaceId)];
  // Days are the workspace's days: "to" includes the whole of its last day.
  if (f.from) parts.push(gte(appointments.startsAt, fromLocalInput(`${f.from}T00:00`, timeZone)!));
  if (f.to) parts.push(lt(appointments.startsAt, fromLocalInput(`${nextDay(f.to)}T00:00`, timeZone)!));
  if (f.leadId) parts.push(eq(appointments.leadId, f.leadId));
  if (f.source) parts.push(eq(appointments.source, f.source));
  if (withStatus && f.status) parts.push(eq(appointments.status, f.status));
  return and(...parts)!;
}

/** The filtered appointments (soonest first) and, for the same filters bar status, the count of each status. */
export async function listAppointments(workspaceId: string, f: AppointmentFilters, timeZone: string) {
  const db = await getDb();
  const rows: AppointmentRow[] = await db
    .select({
      id: appointments.id, leadId: appointments.leadId, leadName: leads.name, leadPhone: leads.phoneE164, title: appointments.title,
      startsAt: appointments.startsAt, endsAt: appointments.endsAt, status: appointments.status, source: appointments.source,
      externalId: appointments.externalId, notes: appointments.notes,
    })
    .from(appointments)
    .innerJoin(leads, and(eq(leads.id, appointments.leadId), eq(leads.workspaceId, workspaceId)))
    .where(where(workspaceId, f, timeZone, true))
    .orderBy(asc(appointments.startsAt), asc(appointments.id))
    .limit(APPOINTMENTS_PAGE_SIZE);
  const counted = await db
    .select({ status: appointments.status, n: count() })
    .from(appointments)
    .where(where(workspaceId, f, timeZone, false))
    .groupBy(appointments.status);
  const counts = Object.fromEntries(APPOINTMENT_STATUSES.map((s) => [s, 0])) as Record<(typeof APPOINTMENT_STATUSES)[number], number>;
  for (const c of counted) counts[c.status] = Number(c.n);
  const sources = await db
    .selectDistinct({ source: appointments.source })
    .from(appointments)
    .where(and(eq(appointments.workspaceId, workspaceId), sql`${appointments.source} is not null`));
  return { rows, counts, sources: sources.map((s) => s.source!).sort() };
}

export async function getAppointment(workspaceId: string, id: string) {
  const db = await getDb();
  const [row] = await db.select().from(appointments).where(and(eq(appointments.workspaceId, workspaceId), eq(appointments.id, id)));
  return row ?? null;
}
