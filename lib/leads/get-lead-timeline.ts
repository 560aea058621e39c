import 'server-only';
import { and, asc, eq, inArray, or } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { isId } from '@/lib/validation/strict-values';
import {
  appointmentChanges,
  campaigns,
  inboundMessages,
  landingPages,
  leadMerges,
  leadChanges,
  leadTouchpoints,
  messageEvents,
  messageTemplates,
  messages,
  users,
  type LeadChangeField,
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
  // From the touchpoint's payload: the landing-page variant shown and the ad click ids (only those present).
  attribution: Partial<Record<AttributionKey, string>>;
};

const ATTRIBUTION_KEYS = ['variant', 'gclid', 'fbclid', 'ctwa_clid', 'ref'] as const;
type AttributionKey = (typeof ATTRIBUTION_KEYS)[number];

function attributionOf(payload: unknown): Partial<Record<AttributionKey, string>> {
  const out: Partial<Record<AttributionKey, string>> = {};
  if (!payload || typeof payload !== 'object') return out;
  for (const k of ATTRIBUTION_KEYS) {
    const v = (payload as Record<string, unknown>)[k];
    if (typeof v === 'string' && v) out[k] = v;
  }
  return out;
}

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

export type MergeItem = {
  kind: 'merge';
  id: string;
  at: Date;
  mergeId: string;
  event: 'merged' | 'undone';
  /** This lead survived the merge, or was the one merged into another. */
  role: 'survivor' | 'merged';
  other: { id: string; name: string | null; phoneE164: string };
};

/** A person edited one of the lead's fields (edit form or API); values as text, null = empty. */
export type ChangeItem = {
  kind: 'change';
  id: string;
  at: Date;
  field: LeadChangeField;
  previous: string | null;
  next: string | null;
  byName: string | null;
  channel: 'admin' | 'api';
};

export type TimelineItem = TouchpointItem | OutboundItem | InboundItem | AppointmentItem | MergeItem | ChangeItem;

// Same instant: how the lead arrived comes before what we sent, and that before their answer.
const KIND_ORDER: Record<TimelineItem['kind'], number> = { touchpoint: 0, outbound: 1, inbound: 2, appointment: 3, merge: 4, change: 5 };

/** Everything that happened with one lead, oldest first. Every query is scoped to the workspace. */
export async function getLeadTimeline(workspaceId: string, leadId: string): Promise<TimelineItem[]> {
  if (!isId(leadId)) return [];
  const db = await getDb();

  const [touchRows, outRows, inRows, apptRows, mergeRows, changeRows] = await Promise.all([
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
    db
      .select()
      .from(leadMerges)
      .where(and(eq(leadMerges.workspaceId, workspaceId), or(eq(leadMerges.survivorLeadId, leadId), eq(leadMerges.mergedLeadId, leadId)))),
    db
      .select({ c: leadChanges, byName: users.name })
      .from(leadChanges)
      .leftJoin(users, eq(users.id, leadChanges.userId))
      .where(and(eq(leadChanges.workspaceId, workspaceId), eq(leadChanges.leadId, leadId))),
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
      attribution: attributionOf(t.payload),
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
    ...mergeRows.flatMap((m): MergeItem[] => {
      const role = m.survivorLeadId === leadId ? 'survivor' : 'merged';
      const snap = role === 'survivor' ? m.mergedBefore : m.survivorBefore;
      const other = { id: String(snap.id), name: (snap.name as string | null) ?? null, phoneE164: String(snap.phone_e164) };
      const merged: MergeItem = { kind: 'merge', id: `${m.id}:merged`, at: m.createdAt, mergeId: m.id, event: 'merged', role, other };
      return m.undoneAt ? [merged, { ...merged, id: `${m.id}:undone`, at: m.undoneAt, event: 'undone' }] : [merged];
    }),
    ...changeRows.map(({ c, byName }): ChangeItem => ({
      kind: 'change',
      id: c.id,
      at: c.createdAt,
      field: c.field,
      previous: c.previous,
      next: c.next,
      byName,
      channel: c.channel,
    })),
  ];

  return items.sort(
    (a, b) => a.at.getTime() - b.at.getTime() || KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || a.id.localeCompare(b.id),
  );
}
