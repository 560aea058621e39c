import 'server-only';
import { and, asc, eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { campaigns, messages } from '@/db/schema';

/** The campaign messages about one appointment (booked, reminder, no-show) with when each is due. */
export async function listAppointmentMessages(workspaceId: string, appointmentId: string) {
  const db = await getDb();
  return db
    .select({
      id: messages.id, status: messages.status, statusReason: messages.statusReason, dueAt: messages.nextAttemptAt,
      sentAt: messages.sentAt, payload: messages.payload, campaignName: campaigns.name,
    })
    .from(messages)
    .leftJoin(campaigns, and(eq(campaigns.id, messages.campaignId), eq(campaigns.workspaceId, workspaceId)))
    .where(and(eq(messages.workspaceId, workspaceId), eq(messages.appointmentId, appointmentId)))
    .orderBy(asc(messages.createdAt));
}
