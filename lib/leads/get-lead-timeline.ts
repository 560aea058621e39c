import 'server-only';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { isId } from '@/lib/validation/strict-values';
import {
  appointmentChanges,
  campaigns,
  inboundMessages,
  landingPages,
  leadTouchpoints,
  messageEvents,
  messageTemplates,
  messages,
  type LeadSource,
  type MessageStatus,
} from '@/db/schema';

export type TouchpointItem = {
  kind: 'touchpoint';
  id: string;
  at: Date;
  source: LeadSource;
  landingPage: { id: string; title: string; slug: string } | null;
  /** The import that brought the lead, with the source label the admin gave it. */
  import: { id: string; fileName: string | null; label: string | null } | null;
  utm: { source: string | null; medium: string | null; campaign: string | null; term: string | null; content: string | null };
  referrer: string | null;
};

export type MessageEventItem = { status: string; at: Date; source: string; errorCode: number | null; detail: string | null };

export type OutboundItem = {
  kind: 'outbound';
  id: string;
  at: Date;
  status: MessageStatus;
  body: string | null;
  templateName: string | null;
  campaignName: string | null;
  statusReason: string | null;
  error: { code: number | null; title: string | null; reason: string | null } | null;
  times: { queued: Date; sending: Date | null; sent: Date | null; delivered: Date | null; read: Date | null; failed: Date | null; skipped: Date | null };
  events: MessageEventItem[];
};

export type InboundItem = { kind: 'inbound'; id: string; at: Date; type: string; text: string | null; buttonPayload: string | null };

export type AppointmentItem = {
  kind: 'appointment';
  id: string;
  at: Date;
  appointmentId: string;
  change: 'created' | 'moved' | 'status' | 'edited';
  title: string;
  startsAt: Date;
  status: string;
  previousStartsAt: Date | null;
  previousStatus: string | null;
};

const payloadText = (payload: Record<string, unknown>, key: string) => (typeof payload[key] === 'string' ? (payload[key] as string) : null);

export type TimelineItem = TouchpointItem | OutboundItem | InboundItem | AppointmentItem;

// Same instant: how the lead arrived comes before what we sent, and that before their answer.
const KIND_ORDER: Record<TimelineItem['kind'], number> = { touchpoint: 0, outbound: 1, inbound: 2, appointment: 3 };

/** Everything that happened with one lead, oldest first. Every query is scoped to the workspace. */
export async function getLeadTimeline(workspaceId: string, leadId: string): Promise<TimelineItem[]> {
  if (!isId(leadId)) return [];
  const db = await getDb();

  const [touchRows, outRows, inRows, apptRows] = await Promise.all([
    db
      .select({ t: leadTouchpoints, lpTitle: landingPages.title, lpSlug: landingPages.slug })
      .from(leadTouchpoints)
      .leftJoin(
        landingPages,
        and(eq(landingPages.id, leadTouchpoints.landingPageId), eq(landingPages.workspaceId, workspaceId)),
      )
      .where(and(eq(leadTouchpoints.workspaceId, workspaceId), eq(leadTouchpoints.leadId, leadId))),
    db
      .select({ m: messages, templateName: messageTemplates.name, campaignName: campaigns.name })
      .from(messages)
      .leftJoin(messageTemplates, and(eq(messageTemplates.id, messages.templateId), eq(messageTemplates.workspaceId, workspaceId)))
      .leftJoin(campaigns, and(eq(campaigns.id, messages.campaignId), eq(campaigns.workspaceId, workspaceId)))
      .where(and(eq(messages.workspaceId, workspaceId), eq(messages.leadId, leadId))),
    db
      .select()
      .from(inboundMessages)
      .where(and(eq(inboundMessages.workspaceId, workspaceId), eq(inboundMessages.leadId, leadId))),
    db
      .select()
      .from(appointmentChanges)
      .where(and(eq(appointmentChanges.workspaceId, workspaceId), eq(appointmentChanges.leadId, leadId))),
  ]);

  const messageIds = outRows.map((r) => r.m.id);
  const eventRows =
    messageIds.length === 0
      ? []
      : await db
          .select()
          .from(messageEvents)
          .where(and(eq(messageEvents.workspaceId, workspaceId), inArray(messageEvents.messageId, messageIds)))
          .orderBy(asc(messageEvents.id));
  const eventsByMessage = new Map<string, MessageEventItem[]>();
  for (const e of eventRows) {
    const list = eventsByMessage.get(e.messageId) ?? [];
    list.push({ status: e.status, at: e.providerTimestamp ?? e.createdAt, source: e.source, errorCode: e.errorCode, detail: e.detail });
    eventsByMessage.set(e.messageId, list);
  }

  const items: TimelineItem[] = [
    ...touchRows.map(({ t, lpTitle, lpSlug }): TouchpointItem => ({
      kind: 'touchpoint',
      id: t.id,
      at: t.createdAt,
      source: t.source,
      landingPage: t.landingPageId && lpTitle && lpSlug ? { id: t.landingPageId, title: lpTitle, slug: lpSlug } : null,
      import: t.importId ? { id: t.importId, fileName: payloadText(t.payload, 'file'), label: payloadText(t.payload, 'label') } : null,
      utm: { source: t.utmSource, medium: t.utmMedium, campaign: t.utmCampaign, term: t.utmTerm, content: t.utmContent },
      referrer: t.referrer,
    })),
    ...outRows.map(({ m, templateName, campaignName }): OutboundItem => ({
      kind: 'outbound',
      id: m.id,
      // A message sits in the conversation where it left us; until then, where it was queued.
      at: m.sentAt ?? m.queuedAt,
      status: m.status,
      body: m.renderedBody,
      templateName,
      campaignName,
      statusReason: m.statusReason,
      error: m.errorCode !== null || m.errorTitle || m.errorReason ? { code: m.errorCode, title: m.errorTitle, reason: m.errorReason } : null,
      times: {
        queued: m.queuedAt,
        sending: m.sendingAt,
        sent: m.sentAt,
        delivered: m.deliveredAt,
        read: m.readAt,
        failed: m.failedAt,
        skipped: m.skippedAt,
      },
      events: eventsByMessage.get(m.id) ?? [],
    })),
    ...inRows.map((i): InboundItem => ({
      kind: 'inbound',
      id: i.id,
      at: i.receivedAt,
      type: i.type,
      text: i.text,
      buttonPayload: i.buttonPayload,
    })),
    ...apptRows.map((c): AppointmentItem => ({
      kind: 'appointment',
      id: c.id,
      at: c.createdAt,
      appointmentId: c.appointmentId,
      change: c.change,
      title: c.title,
      startsAt: c.startsAt,
      status: c.status,
      previousStartsAt: c.previousStartsAt,
      previousStatus: c.previousStatus,
    })),
  ];

  return items.sort(
    (a, b) => a.at.getTime() - b.at.getTime() || KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || a.id.localeCompare(b.id),
  );
}
