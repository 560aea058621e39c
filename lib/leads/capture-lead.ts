import 'server-only';
import { getTableColumns, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { leads, leadTouchpoints, type Lead, type LeadSource } from '@/db/schema';
import { queueCampaignMessages } from '@/lib/campaigns/queue-campaign-messages';
import { emitOutboundEvent, leadEventData } from '@/lib/outbound-webhooks/emit-outbound-event';

export type CaptureLeadInput = {
  workspaceId: string;
  phoneE164: string;
  source: LeadSource;
  name?: string | null;
  email?: string | null;
  tags?: string[];
  attributes?: Record<string, string>;
  consent?: { at: Date; source: string; text: string } | null;
  /** Let automated campaigns react (default). The API turns it off unless asked. */
  triggerCampaigns?: boolean;
  touchpoint: {
    landingPageId?: string | null;
    importId?: string | null;
    apiKeyId?: string | null;
    utm?: Partial<Record<'source' | 'medium' | 'campaign' | 'term' | 'content', string | null>>;
    referrer?: string | null;
    ipAddress?: string | null;
    userAgent?: string | null;
    payload?: Record<string, unknown>;
  };
};

export type CaptureLeadResult = { lead: Lead; isNew: boolean; touchpointId: string; queuedMessageIds: string[] };

/**
 * One capture of a lead from any source, in one transaction: upsert the lead by
 * (workspace, E.164) filling only empty fields, record the touchpoint, and queue the messages
 * of matching campaigns (outbox). Capturing the same phone again adds a touchpoint only.
 */
export async function captureLead(input: CaptureLeadInput): Promise<CaptureLeadResult> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const tags = [...new Set(input.tags ?? [])];
    const [row] = await tx
      .insert(leads)
      .values({
        workspaceId: input.workspaceId,
        phoneE164: input.phoneE164,
        source: input.source,
        name: input.name || null,
        email: input.email || null,
        tags,
        attributes: input.attributes ?? {},
        consentAt: input.consent?.at ?? null,
        consentSource: input.consent?.source ?? null,
        consentText: input.consent?.text ?? null,
      })
      .onConflictDoUpdate({
        target: [leads.workspaceId, leads.phoneE164],
        set: {
          name: sql`coalesce(nullif(${leads.name}, ''), excluded.name)`,
          email: sql`coalesce(nullif(${leads.email}, ''), excluded.email)`,
          tags: sql`array(select distinct unnest(${leads.tags} || excluded.tags))`,
          attributes: sql`excluded.attributes || ${leads.attributes}`,
          consentAt: sql`coalesce(excluded.consent_at, ${leads.consentAt})`,
          consentSource: sql`coalesce(excluded.consent_source, ${leads.consentSource})`,
          consentText: sql`coalesce(excluded.consent_text, ${leads.consentText})`,
          updatedAt: sql`now()`,
        },
      })
      .returning({ ...getTableColumns(leads), isNew: sql<boolean>`(xmax = 0)` });
    const { isNew, ...lead } = row;
    const tp = input.touchpoint;
    const [touchpoint] = await tx
      .insert(leadTouchpoints)
      .values({
        workspaceId: input.workspaceId,
        leadId: lead.id,
        source: input.source,
        landingPageId: tp.landingPageId ?? null,
        importId: tp.importId ?? null,
        apiKeyId: tp.apiKeyId ?? null,
        utmSource: tp.utm?.source ?? null,
        utmMedium: tp.utm?.medium ?? null,
        utmCampaign: tp.utm?.campaign ?? null,
        utmTerm: tp.utm?.term ?? null,
        utmContent: tp.utm?.content ?? null,
        referrer: tp.referrer ?? null,
        ipAddress: tp.ipAddress ?? null,
        userAgent: tp.userAgent ?? null,
        payload: tp.payload ?? {},
      })
      .returning({ id: leadTouchpoints.id });
    // Integrators hear about every capture, whether or not campaigns may react to it.
    await emitOutboundEvent(tx, input.workspaceId, isNew ? 'lead.created' : 'lead.updated', leadEventData(lead as Lead));
    if (input.triggerCampaigns === false) return { lead, isNew: Boolean(isNew), touchpointId: touchpoint.id, queuedMessageIds: [] };
    const queuedMessageIds = await queueCampaignMessages(tx, lead as Lead, {
      source: input.source,
      landingPageId: tp.landingPageId,
      isImport: Boolean(tp.importId),
    });
    return { lead, isNew: Boolean(isNew), touchpointId: touchpoint.id, queuedMessageIds };
  });
}
