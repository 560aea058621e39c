import { asc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { createLead as createLeadRow, createQueuedMessage, createSenderPhone, createWorkspace, uniquePhone } from '@/db/factories';
import { OUTBOUND_EVENT_TYPES, webhookDeliveries, webhookEndpoints } from '@/db/schema';
import { encryptSecret } from '@/lib/crypto/secret-box';
import { captureLead } from '@/lib/leads/capture-lead';
import { createLead } from '@/lib/leads/create-lead';
import { leadToForm } from '@/lib/leads/lead-to-form';
import { updateLead } from '@/lib/leads/update-lead';
import { applyMessageStatus } from '@/lib/webhooks/apply-message-status';
import { recordInboundMessage } from '@/lib/webhooks/record-inbound-message';

// Every change site writes its event in the change's own transaction.

async function listeningWorkspace() {
  const db = await getDb();
  const ws = await createWorkspace();
  await db.insert(webhookEndpoints).values({ workspaceId: ws.id, url: 'http://127.0.0.1:9/x', events: [...OUTBOUND_EVENT_TYPES], secretEnc: encryptSecret('s') });
  const events = async () =>
    (await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.workspaceId, ws.id)).orderBy(asc(webhookDeliveries.createdAt), asc(webhookDeliveries.id))).map(
      (d) => ({ type: d.eventType, data: d.payload }),
    );
  return { ws, events };
}

describe('outbound events at the change sites', () => {
  it('landing-page capture: lead.created, then lead.updated when the phone comes again', async () => {
    const { ws, events } = await listeningWorkspace();
    const phone = uniquePhone();
    const { lead } = await captureLead({ workspaceId: ws.id, phoneE164: phone, source: 'landing_page', name: 'Ana', touchpoint: {} });
    await captureLead({ workspaceId: ws.id, phoneE164: phone, source: 'landing_page', touchpoint: {} });
    expect(await events()).toMatchObject([
      { type: 'lead.created', data: { lead: { id: lead.id, phone, name: 'Ana' } } },
      { type: 'lead.updated', data: { lead: { id: lead.id } } },
    ]);
  });

  it('API capture without campaign triggers (upsertLead default) still writes lead.created, then lead.updated', async () => {
    const { ws, events } = await listeningWorkspace();
    const phone = uniquePhone();
    const { lead } = await captureLead({ workspaceId: ws.id, phoneE164: phone, source: 'api', name: 'Duda', triggerCampaigns: false, touchpoint: {} });
    await captureLead({ workspaceId: ws.id, phoneE164: phone, source: 'api', triggerCampaigns: false, touchpoint: {} });
    expect(await events()).toMatchObject([
      { type: 'lead.created', data: { lead: { id: lead.id, phone, name: 'Duda' } } },
      { type: 'lead.updated', data: { lead: { id: lead.id } } },
    ]);
  });

  it('admin form: lead.created on create; lead.updated and lead.opted_out when an edit opts the lead out', async () => {
    const { ws, events } = await listeningWorkspace();
    const ctx = { workspaceId: ws.id, defaultCountry: 'BR', userId: 'nobody' };
    const lead = await createLead(ctx, { ...leadToForm({ name: 'Bia', phoneE164: uniquePhone(), email: null, lifecycleStatus: 'new', tags: [], attributes: {}, consentAt: null, consentText: null, optedOutAt: null } as never), optedOut: false });
    await updateLead(ctx, lead.id, { ...leadToForm(lead), name: 'Bia Souza', optedOut: true });
    // Events of one transaction share created_at: compare without their order.
    expect((await events()).map((e) => e.type).sort()).toEqual(['lead.created', 'lead.opted_out', 'lead.updated']);
    expect((await events()).find((e) => e.type === 'lead.updated')).toMatchObject({ data: { lead: { name: 'Bia Souza' } } });
  });

  it('inbound WhatsApp: lead.created and inbound_message.received; a STOP adds lead.opted_out; a repeat adds nothing', async () => {
    const { ws, events } = await listeningWorkspace();
    const sender = await createSenderPhone(ws.id);
    const db = await getDb();
    const from = uniquePhone().slice(1);
    const msg = (id: string, body: string) => ({ from, id, timestamp: new Date(), type: 'text', text: { body } });
    await recordInboundMessage(db, { workspaceId: ws.id, senderPhoneId: sender.id }, msg(`wamid.${from}.1`, 'hi'), { wa_id: from, profile: { name: 'Caio' } });
    await recordInboundMessage(db, { workspaceId: ws.id, senderPhoneId: sender.id }, msg(`wamid.${from}.1`, 'hi'));
    await recordInboundMessage(db, { workspaceId: ws.id, senderPhoneId: sender.id }, msg(`wamid.${from}.2`, 'STOP'));
    const got = await events();
    expect(got).toHaveLength(4);
    expect(got).toEqual(expect.arrayContaining([
      expect.objectContaining({ type: 'lead.created', data: expect.objectContaining({ lead: expect.objectContaining({ name: 'Caio', source: 'whatsapp' }) }) }),
      expect.objectContaining({ type: 'inbound_message.received', data: { inboundMessage: expect.objectContaining({ text: 'hi', senderPhoneId: sender.id }) } }),
      expect.objectContaining({ type: 'inbound_message.received', data: { inboundMessage: expect.objectContaining({ text: 'STOP' }) } }),
      expect.objectContaining({ type: 'lead.opted_out', data: expect.objectContaining({ reason: 'keyword' }) }),
    ]));
  });

  it('status webhooks: message.status_changed once per status', async () => {
    const { ws, events } = await listeningWorkspace();
    const sender = await createSenderPhone(ws.id);
    const lead = await createLeadRow(ws.id);
    const m = await createQueuedMessage(ws.id, { leadId: lead.id, senderPhoneId: sender.id, toPhone: lead.phoneE164, providerMessageId: `wamid.${lead.id}` });
    const db = await getDb();
    const status = { id: `wamid.${lead.id}`, status: 'delivered' as const, timestamp: new Date() };
    await applyMessageStatus(db, { workspaceId: ws.id, webhookEventId: null }, status);
    await applyMessageStatus(db, { workspaceId: ws.id, webhookEventId: null }, status);
    expect(await events()).toMatchObject([{ type: 'message.status_changed', data: { message: { id: m.id, leadId: lead.id, status: 'delivered' } } }]);
  });

  it('a workspace without endpoints gets no outbox rows', async () => {
    const ws = await createWorkspace();
    await captureLead({ workspaceId: ws.id, phoneE164: uniquePhone(), source: 'landing_page', touchpoint: {} });
    const db = await getDb();
    expect(await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.workspaceId, ws.id))).toHaveLength(0);
  });
});
