import 'server-only';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { appointments, campaigns, leads, messages, messageTemplates, senderPhones, whatsappTemplates, workspaces } from '@/db/schema';

/** Everything needed to decide and send one claimed message, read fresh at send time. */
export type ClaimedMessage = Awaited<ReturnType<typeof loadClaimedMessages>>[number];

export async function loadClaimedMessages(db: DbOrTx, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .select({
      message: messages,
      lead: {
        name: leads.name,
        email: leads.email,
        phoneE164: leads.phoneE164,
        attributes: leads.attributes,
        optedOutAt: leads.optedOutAt,
      },
      // Judged by the database clock, the one every process shares.
      isInsideServiceWindow: sql<boolean | null>`${leads.lastInboundAt} > now() - interval '24 hours'`,
      sender: senderPhones,
      isSenderPauseOver: sql<boolean | null>`${senderPhones.pausedUntil} <= now()`,
      template: messageTemplates,
      // Meta's review status of the template as last synced (null = never synced: Meta decides).
      waTemplateStatus: whatsappTemplates.status,
      campaignStatus: campaigns.status,
      campaignSendWindow: campaigns.sendWindow,
      timeZone: workspaces.timezone,
      defaultCountry: workspaces.defaultCountry,
      appointment: { title: appointments.title, startsAt: appointments.startsAt, status: appointments.status },
      hasAppointmentStarted: sql<boolean | null>`${appointments.startsAt} <= now()`,
      dailyRecipientCap: workspaces.dailyRecipientCap,
    })
    .from(messages)
    .innerJoin(workspaces, eq(workspaces.id, messages.workspaceId))
    .innerJoin(leads, and(eq(leads.id, messages.leadId), eq(leads.workspaceId, messages.workspaceId)))
    .leftJoin(
      senderPhones,
      and(eq(senderPhones.id, messages.senderPhoneId), eq(senderPhones.workspaceId, messages.workspaceId)),
    )
    .leftJoin(
      messageTemplates,
      and(eq(messageTemplates.id, messages.templateId), eq(messageTemplates.workspaceId, messages.workspaceId)),
    )
    .leftJoin(
      whatsappTemplates,
      and(
        eq(whatsappTemplates.workspaceId, messages.workspaceId),
        eq(whatsappTemplates.wabaId, senderPhones.wabaId),
        eq(whatsappTemplates.name, messageTemplates.waTemplateName),
        eq(whatsappTemplates.language, messageTemplates.waLanguage),
      ),
    )
    .leftJoin(appointments, and(eq(appointments.id, messages.appointmentId), eq(appointments.workspaceId, messages.workspaceId)))
    .leftJoin(campaigns, and(eq(campaigns.id, messages.campaignId), eq(campaigns.workspaceId, messages.workspaceId)))
    .where(inArray(messages.id, ids));
}
