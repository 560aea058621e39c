import { and, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { execRows, getDb } from '@/db/client';
import { createCampaign, createLead, createQueuedMessage, createSenderPhone, createTemplate, createWorkspace } from '@/db/factories';
import { auditLog, campaigns, imports, importChanges, inboundMessages, leadChanges, leads, leadTouchpoints, messageEvents, messages } from '@/db/schema';
import { createAppointment } from '@/lib/appointments/save-appointment';
import { queueBroadcastMessages } from '@/lib/campaigns/queue-broadcast-messages';
import { queueCampaignMessages } from '@/lib/campaigns/queue-campaign-messages';
import { AppError } from '@/lib/errors';
import { EMPTY_SEGMENT } from '@/lib/segments/schema';
import { countEmailDuplicates, mergeEmailDuplicates } from './merge-email-duplicates';
import { mergeLeads } from './merge-leads';
import { MERGE_SKIP_REASON } from './merge-messages';
import { undoLeadMerge } from './undo-lead-merge';

/** Every row of the given leads in every table a merge touches, exactly (to_jsonb), in a stable order. */
async function dump(ids: string[]) {
  const db = await getDb();
  const list = sql`(select jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb)::uuid)`;
  const q = (table: string, where: ReturnType<typeof sql>) =>
    execRows<{ r: unknown }>(db, sql`select to_jsonb(t) as r from ${sql.identifier(table)} t where ${where} order by to_jsonb(t)::text`);
  return {
    leads: await q('leads', sql`t.id in ${list}`),
    touchpoints: await q('lead_touchpoints', sql`t.lead_id in ${list}`),
    messages: await q('messages', sql`t.lead_id in ${list}`),
    events: await q('message_events', sql`t.message_id in (select id from messages where lead_id in ${list})`),
    inbound: await q('inbound_messages', sql`t.lead_id in ${list}`),
    appointments: await q('appointments', sql`t.lead_id in ${list}`),
    appointmentChanges: await q('appointment_changes', sql`t.lead_id in ${list}`),
    importChanges: await q('import_changes', sql`t.lead_id in ${list}`),
    leadChanges: await q('lead_changes', sql`t.lead_id in ${list}`),
  };
}

async function scene() {
  const db = await getDb();
  const ws = await createWorkspace();
  const sender = await createSenderPhone(ws.id, { provider: 'sandbox' });
  const template = await createTemplate(ws.id);
  const older = new Date(Date.now() - 86_400_000 * 3);
  // The same person twice: an old import without the 9th digit, and a newer landing-page lead.
  const survivor = await createLead(ws.id, {
    phoneE164: '+5511987651234', name: 'Ana', email: null, tags: ['vip'], attributes: { city: 'SP', plan: 'gold' },
    consentAt: new Date(Date.now() - 86_400_000), consentSource: 'landing_page', source: 'landing_page',
  });
  const merged = await createLead(ws.id, {
    phoneE164: '+551187651234', name: 'Ana Souza', email: 'ana@example.com', tags: ['imported'], attributes: { city: 'Rio' },
    consentAt: older, consentSource: 'import', source: 'import', createdAt: older, updatedAt: older,
    optedOutAt: new Date(Date.now() - 3600_000),
  });
  const both = [survivor, merged];
  // A campaign that messaged both (sent), one that messaged only the merged lead, and one
  // still queued for both (the person must get it once).
  const sentToBoth = await createCampaign(ws.id, { templateId: template.id, senderPhoneId: sender.id });
  const onlyMerged = await createCampaign(ws.id, { templateId: template.id, senderPhoneId: sender.id, kind: 'broadcast', segment: EMPTY_SEGMENT });
  const queuedBoth = await createCampaign(ws.id, { templateId: template.id, senderPhoneId: sender.id, status: 'paused' });
  for (const l of both) {
    const m = await createQueuedMessage(ws.id, {
      leadId: l.id, senderPhoneId: sender.id, toPhone: l.phoneE164, campaignId: sentToBoth.id, status: 'sent', sentAt: new Date(),
      idempotencyKey: `campaign:${sentToBoth.id}:lead:${l.id}`,
    });
    await db.insert(messageEvents).values({ workspaceId: ws.id, messageId: m.id, status: 'sent', source: 'dispatcher' });
    await createQueuedMessage(ws.id, {
      leadId: l.id, senderPhoneId: sender.id, toPhone: l.phoneE164, campaignId: queuedBoth.id, idempotencyKey: `campaign:${queuedBoth.id}:lead:${l.id}`,
    });
    await db.insert(leadTouchpoints).values({ workspaceId: ws.id, leadId: l.id, source: l.source, utmSource: `u-${l.id.slice(0, 4)}` });
    await db.insert(inboundMessages).values({
      workspaceId: ws.id, leadId: l.id, providerMessageId: `wamid.${crypto.randomUUID()}`, type: 'text', text: 'Oi', payload: {}, receivedAt: new Date(),
    });
    await db.insert(leadChanges).values({ workspaceId: ws.id, leadId: l.id, field: 'name', previous: null, next: l.name, channel: 'admin' });
    await createAppointment(ws.id, { leadId: l.id, title: `Visit ${l.name}`, startsAt: new Date(Date.now() + 86_400_000 * 2).toISOString(), status: 'scheduled' });
  }
  await createQueuedMessage(ws.id, {
    leadId: merged.id, senderPhoneId: sender.id, toPhone: merged.phoneE164, campaignId: onlyMerged.id, status: 'delivered',
    idempotencyKey: `campaign:${onlyMerged.id}:lead:${merged.id}`,
  });
  const [imp] = await db.insert(imports).values({ workspaceId: ws.id, fileName: 'old.csv', status: 'completed' }).returning();
  await db.insert(importChanges).values({ importId: imp.id, phoneE164: merged.phoneE164, leadId: merged.id, rowNumber: 2, outcome: 'created' });
  // The lead rows as the database holds them now (createAppointment may have moved the stage).
  const [s] = await db.select().from(leads).where(eq(leads.id, survivor.id));
  return { ws, sender, survivor: s, merged, sentToBoth, onlyMerged, queuedBoth };
}

describe('mergeLeads and undoLeadMerge', () => {
  beforeAll(async () => {
    await getDb();
  });

  it('moves every row, keeps the opt-out and the earliest consent, never re-sends, and undo restores every row exactly', async () => {
    const { ws, survivor, merged, sentToBoth, onlyMerged, queuedBoth } = await scene();
    const db = await getDb();
    const before = await dump([survivor.id, merged.id]);

    const record = await mergeLeads({ workspaceId: ws.id, userId: null }, { survivorId: survivor.id, mergedId: merged.id, choices: { phone: 'survivor', email: 'merged', name: 'survivor', attributes: 'merged' } });
    const [after] = await db.select().from(leads).where(eq(leads.id, survivor.id));
    expect(await db.select().from(leads).where(eq(leads.id, merged.id))).toHaveLength(0);
    expect(after).toMatchObject({ phoneE164: '+5511987651234', email: 'ana@example.com', name: 'Ana', source: 'import', consentSource: 'import' });
    expect(after.tags.sort()).toEqual(['imported', 'vip']);
    expect(after.attributes).toEqual({ city: 'Rio', plan: 'gold' }); // the chosen side wins conflicts
    expect(after.optedOutAt).not.toBeNull(); // the opt-out on the merged lead survives
    expect(after.createdAt.getTime()).toBe(merged.createdAt.getTime());

    // Every row now belongs to the survivor.
    const moved = await dump([survivor.id]);
    for (const key of ['touchpoints', 'messages', 'inbound', 'appointments', 'appointmentChanges', 'importChanges'] as const) {
      expect(moved[key].length, key).toBe(before[key].length);
    }
    // The queued campaign reaches the person once: the merged lead's copy is skipped with a reason.
    const queued = await db.select().from(messages).where(eq(messages.campaignId, queuedBoth.id));
    expect(queued.map((m) => m.status).sort()).toEqual(['queued', 'skipped']);
    expect(queued.find((m) => m.status === 'skipped')!.statusReason).toBe(MERGE_SKIP_REASON);
    expect(queued.find((m) => m.status === 'queued')!.toPhone).toBe('+5511987651234');

    // Queuing the campaigns again for the survivor sends nothing new.
    const count = async () => (await db.select().from(messages).where(eq(messages.workspaceId, ws.id))).length;
    const n = await count();
    await db.transaction(async (tx) => {
      await tx.update(leads).set({ optedOutAt: null }).where(eq(leads.id, survivor.id)); // even if it opted in again
      const [l] = await tx.select().from(leads).where(eq(leads.id, survivor.id));
      await queueCampaignMessages(tx, l, { source: 'landing_page' });
    });
    const [broadcast] = await db.select().from(campaigns).where(eq(campaigns.id, onlyMerged.id));
    await queueBroadcastMessages(db, { campaign: broadcast, segment: EMPTY_SEGMENT, timeZone: 'UTC', isSessionText: false });
    expect(await count()).toBe(n);
    expect((await db.select().from(messages).where(and(eq(messages.campaignId, sentToBoth.id), eq(messages.leadId, survivor.id)))).length).toBe(2);
    await db.update(leads).set({ optedOutAt: after.optedOutAt }).where(eq(leads.id, survivor.id));

    const audit = await db.select().from(auditLog).where(eq(auditLog.workspaceId, ws.id));
    expect(audit.map((a) => a.action)).toEqual(['lead.merged']);
    expect(audit[0].data).toMatchObject({ mergeId: record.id, mergedLeadId: merged.id });

    await undoLeadMerge({ workspaceId: ws.id, userId: null }, { mergeId: record.id });
    expect(await dump([survivor.id, merged.id])).toEqual(before);
    await expect(undoLeadMerge({ workspaceId: ws.id }, { mergeId: record.id })).rejects.toThrow(AppError);
  });

  it('refuses another workspace, the same lead twice, and an undo after a newer merge into the same lead', async () => {
    const { ws, survivor, merged } = await scene();
    const other = await createWorkspace();
    await expect(mergeLeads({ workspaceId: other.id }, { survivorId: survivor.id, mergedId: merged.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(mergeLeads({ workspaceId: ws.id }, { survivorId: survivor.id, mergedId: survivor.id })).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    await expect(mergeLeads({ workspaceId: ws.id }, { survivorId: 'nope', mergedId: merged.id })).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    const first = await mergeLeads({ workspaceId: ws.id }, { survivorId: survivor.id, mergedId: merged.id });
    const third = await createLead(ws.id, { email: 'ana@example.com' });
    await mergeLeads({ workspaceId: ws.id }, { survivorId: survivor.id, mergedId: third.id });
    await expect(undoLeadMerge({ workspaceId: ws.id }, { mergeId: first.id })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(undoLeadMerge({ workspaceId: other.id }, { mergeId: first.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('mergeEmailDuplicates', () => {
  it('counts first, then merges each group into its most recently updated lead', async () => {
    const ws = await createWorkspace();
    const old = new Date(Date.now() - 86_400_000);
    await createLead(ws.id, { email: 'x@example.com', updatedAt: old });
    const newest = await createLead(ws.id, { email: 'X@example.com' });
    await createLead(ws.id, { email: 'x@example.com', updatedAt: old });
    await createLead(ws.id, { email: 'y@example.com' });
    await createLead(ws.id, { email: 'y@example.com', updatedAt: old });
    await createLead(ws.id, { email: 'z@example.com' });
    expect(await countEmailDuplicates(ws.id)).toEqual({ groups: 2, leadsToMerge: 3 });
    expect(await mergeEmailDuplicates({ workspaceId: ws.id })).toEqual({ merged: 3, remaining: 0 });
    const db = await getDb();
    const left = await db.select().from(leads).where(eq(leads.workspaceId, ws.id));
    expect(left).toHaveLength(3);
    expect(left.map((l) => l.id)).toContain(newest.id);
  });
});
