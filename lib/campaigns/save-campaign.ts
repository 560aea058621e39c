import 'server-only';
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { execRows, getDb } from '@/db/client';
import { campaigns, landingPages, messageTemplates, senderPhones, type Campaign, type SendWindow } from '@/db/schema';
import { AppError, parseInput } from '@/lib/errors';
import { campaignFormSchema, splitTags, type CampaignFormValues } from './schema';

type Scope = { workspaceId: string; timeZone: string };

/** Creates a campaign as a draft: nothing is sent until it is started. */
export async function createCampaign(scope: Scope, input: unknown): Promise<{ id: string }> {
  const values = parseInput(campaignFormSchema, input);
  const stored = await toStored(scope, values);
  const db = await getDb();
  const [row] = await db
    .insert(campaigns)
    .values({ workspaceId: scope.workspaceId, name: values.name, kind: values.kind, status: 'draft', ...stored })
    .returning({ id: campaigns.id });
  return row;
}

/**
 * Edits a campaign. A draft may change anything; a running or paused automated campaign may
 * change its rules (they apply to leads captured from now on); a broadcast that has queued its
 * audience, and a stopped or completed campaign, can no longer change.
 */
export async function updateCampaign(scope: Scope, campaignId: string, input: unknown): Promise<{ id: string }> {
  const values = parseInput(campaignFormSchema, input);
  const db = await getDb();
  const [current] = await db
    .select({ kind: campaigns.kind, status: campaigns.status })
    .from(campaigns)
    .where(and(eq(campaigns.id, campaignId), eq(campaigns.workspaceId, scope.workspaceId)));
  if (!current) throw new AppError('NOT_FOUND', 'This campaign does not exist in this workspace.');
  assertEditable(current);
  if (current.kind !== values.kind && current.status !== 'draft') {
    throw new AppError('CONFLICT', 'Only a draft can switch between automated and broadcast.', {
      fields: { kind: 'Only a draft can change its kind' },
    });
  }
  const stored = await toStored(scope, values);
  const [row] = await db
    .update(campaigns)
    .set({ name: values.name, kind: values.kind, ...stored, updatedAt: sql`now()` })
    // The status guard makes a concurrent start/stop win over a stale edit form.
    .where(and(eq(campaigns.id, campaignId), eq(campaigns.workspaceId, scope.workspaceId), eq(campaigns.status, current.status)))
    .returning({ id: campaigns.id });
  if (!row) throw new AppError('CONFLICT', 'The campaign changed while you were editing it. Reload and try again.');
  return row;
}

export function assertEditable(c: Pick<Campaign, 'kind' | 'status'>): void {
  if (c.status === 'stopped' || c.status === 'completed') {
    throw new AppError('CONFLICT', `A ${c.status} campaign can no longer be edited.`);
  }
  if (c.kind === 'broadcast' && c.status !== 'draft') {
    throw new AppError('CONFLICT', 'This broadcast already queued its audience and can no longer be edited. Stop it and create a new one.');
  }
}

/** Form values -> stored columns, after checking every referenced row belongs to this workspace. */
async function toStored(scope: Scope, v: CampaignFormValues) {
  const db = await getDb();
  const pool = [...new Set(v.senderPhoneIds)];
  const [templates, senders, pages] = await Promise.all([
    db
      .select({ id: messageTemplates.id })
      .from(messageTemplates)
      .where(and(eq(messageTemplates.id, v.templateId), eq(messageTemplates.workspaceId, scope.workspaceId), isNull(messageTemplates.archivedAt))),
    db
      .select({ id: senderPhones.id })
      .from(senderPhones)
      .where(and(inArray(senderPhones.id, pool), eq(senderPhones.workspaceId, scope.workspaceId))),
    v.kind === 'automated' && v.triggerLandingPageIds.length > 0
      ? db
          .select({ id: landingPages.id })
          .from(landingPages)
          .where(and(inArray(landingPages.id, v.triggerLandingPageIds), eq(landingPages.workspaceId, scope.workspaceId)))
      : Promise.resolve([]),
  ]);
  const fields: Record<string, string> = {};
  if (templates.length === 0) fields.templateId = 'This template does not exist in this workspace (or is archived)';
  if (senders.length !== pool.length) fields.senderPhoneIds = 'A chosen sender phone does not exist in this workspace';
  if (v.kind === 'automated' && pages.length !== new Set(v.triggerLandingPageIds).size) {
    fields.triggerLandingPageIds = 'A chosen landing page does not exist in this workspace';
  }

  let scheduledAt: Date | null = null;
  if (v.kind === 'broadcast' && v.scheduleMode === 'later' && v.scheduledAt) {
    // The wall-clock time is in the workspace's zone; the database converts it (no tz library here).
    const [row] = await execRows<{ at: string | Date; is_future: boolean }>(
      db,
      sql`select (${v.scheduledAt}::timestamp at time zone ${scope.timeZone}::text) as at,
                 (${v.scheduledAt}::timestamp at time zone ${scope.timeZone}::text) > now() as is_future`,
    );
    if (!row.is_future) fields.scheduledAt = 'Pick a time in the future';
    scheduledAt = new Date(row.at);
  }
  if (Object.keys(fields).length > 0) {
    throw new AppError('BAD_USER_INPUT', Object.values(fields)[0], { fields });
  }

  const sendWindow: SendWindow | null = v.windowEnabled
    ? { days: v.windowDays.map(Number).sort(), startHour: v.windowStartHour, endHour: v.windowEndHour }
    : null;
  const isAutomated = v.kind === 'automated';
  return {
    templateId: v.templateId,
    senderPhoneId: pool[0],
    senderPhoneIds: pool.length > 1 ? pool : [],
    trigger: {
      sources: isAutomated ? v.triggerSources : [],
      landingPageIds: isAutomated ? [...new Set(v.triggerLandingPageIds)] : [],
      tags: isAutomated ? splitTags(v.triggerTags) : [],
      onImport: isAutomated && v.onImport,
      // Only appointment campaigns carry the key, so capture triggers keep their stored shape.
      ...(isAutomated && v.triggerKind !== 'capture'
        ? { appointment: { event: v.triggerKind, ...(v.triggerKind === 'reminder' ? { hoursBefore: v.reminderHours } : {}) } }
        : {}),
    },
    delaySeconds: isAutomated && v.delayMode === 'minutes' ? v.delayMinutes * 60 : 0,
    sendWindow,
    segment: isAutomated ? null : (v.segment as Record<string, unknown>),
    scheduledAt,
  };
}
