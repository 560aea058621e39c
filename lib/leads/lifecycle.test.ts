import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { createLead as createLeadRow, createQueuedMessage, createSenderPhone, createWorkspace } from '@/db/factories';
import { leads } from '@/db/schema';
import { createAppointment, updateAppointment } from '@/lib/appointments/save-appointment';
import { applyMessageStatus } from '@/lib/webhooks/apply-message-status';
import { recordInboundMessage } from '@/lib/webhooks/record-inbound-message';
import { lifecycleFromHistory } from './lifecycle';
import { EMPTY_LEAD_FORM } from './schema';
import { updateLead } from './update-lead';

async function setup() {
  const ws = await createWorkspace();
  const sender = await createSenderPhone(ws.id);
  const lead = await createLeadRow(ws.id);
  return { ws, sender, lead };
}

async function stageOf(workspaceId: string, leadId: string) {
  const db = await getDb();
  const [row] = await db.select().from(leads).where(and(eq(leads.workspaceId, workspaceId), eq(leads.id, leadId)));
  return row.lifecycleStatus;
}

const now = () => new Date(Math.floor(Date.now() / 1000) * 1000);

async function deliver(workspaceId: string, senderPhoneId: string, lead: { id: string; phoneE164: string }, status: 'sent' | 'delivered' | 'read') {
  const db = await getDb();
  const msg = await createQueuedMessage(workspaceId, { leadId: lead.id, senderPhoneId, toPhone: lead.phoneE164, status: 'sent', providerMessageId: `wamid.${crypto.randomUUID()}` });
  await applyMessageStatus(db, { workspaceId, webhookEventId: null }, { id: msg.providerMessageId!, status, timestamp: now() });
}

async function reply(workspaceId: string, senderPhoneId: string, lead: { phoneE164: string }) {
  const db = await getDb();
  await recordInboundMessage(db, { workspaceId, senderPhoneId }, {
    from: lead.phoneE164.slice(1), id: `wamid.in.${crypto.randomUUID()}`, timestamp: now(), type: 'text', text: { body: 'Oi' },
  });
}

const inAWeek = () => new Date(Date.now() + 7 * 86_400_000);

describe('lead lifecycle', () => {
  it('new -> contacted only once a message is delivered (sent is not enough), read counts too', async () => {
    const { ws, sender, lead } = await setup();
    await deliver(ws.id, sender.id, lead, 'sent');
    expect(await stageOf(ws.id, lead.id)).toBe('new');
    await deliver(ws.id, sender.id, lead, 'read');
    expect(await stageOf(ws.id, lead.id)).toBe('contacted');
  });

  it('a reply makes the lead engaged; a later delivery does not move it back', async () => {
    const { ws, sender, lead } = await setup();
    await reply(ws.id, sender.id, lead);
    expect(await stageOf(ws.id, lead.id)).toBe('engaged');
    await deliver(ws.id, sender.id, lead, 'delivered');
    expect(await stageOf(ws.id, lead.id)).toBe('engaged');
  });

  it('an appointment booked -> qualified; completed -> customer; a cancelled one changes nothing', async () => {
    const { ws, sender, lead } = await setup();
    const other = await createLeadRow(ws.id);
    const cancelled = await createAppointment(ws.id, { leadId: other.id, title: 'Visit', startsAt: inAWeek(), status: 'cancelled' });
    expect(cancelled.status).toBe('cancelled');
    expect(await stageOf(ws.id, other.id)).toBe('new');

    await deliver(ws.id, sender.id, lead, 'delivered');
    const appt = await createAppointment(ws.id, { leadId: lead.id, title: 'Visit', startsAt: inAWeek() });
    expect(await stageOf(ws.id, lead.id)).toBe('qualified');
    await reply(ws.id, sender.id, lead);
    expect(await stageOf(ws.id, lead.id)).toBe('qualified');
    await updateAppointment(ws.id, appt.id, { status: 'completed' });
    expect(await stageOf(ws.id, lead.id)).toBe('customer');
  });

  it('a stage set by hand is not moved by later events, and lost is never left by an event', async () => {
    const { ws, sender, lead } = await setup();
    const ctx = { workspaceId: ws.id, defaultCountry: 'BR' };
    await updateLead(ctx, lead.id, { ...EMPTY_LEAD_FORM, name: 'Ana', phone: lead.phoneE164, lifecycleStatus: 'new' });
    await deliver(ws.id, sender.id, lead, 'delivered');
    expect(await stageOf(ws.id, lead.id)).toBe('contacted'); // saving the form unchanged is not a hand-set stage

    await updateLead(ctx, lead.id, { ...EMPTY_LEAD_FORM, name: 'Ana', phone: lead.phoneE164, lifecycleStatus: 'lost' });
    await reply(ws.id, sender.id, lead);
    await createAppointment(ws.id, { leadId: lead.id, title: 'Visit', startsAt: inAWeek() });
    expect(await stageOf(ws.id, lead.id)).toBe('lost');

    const second = await createLeadRow(ws.id);
    await updateLead(ctx, second.id, { ...EMPTY_LEAD_FORM, name: 'Bia', phone: second.phoneE164, lifecycleStatus: 'engaged' });
    const appt = await createAppointment(ws.id, { leadId: second.id, title: 'Visit', startsAt: inAWeek() });
    await updateAppointment(ws.id, appt.id, { status: 'completed' });
    expect(await stageOf(ws.id, second.id)).toBe('engaged');
  });

  it('demo leads follow the same rule as real ones (issue 15 item 7)', () => {
    expect(lifecycleFromHistory({ messageStatus: 'sent', replied: false })).toBe('new');
    expect(lifecycleFromHistory({ messageStatus: 'failed', replied: false })).toBe('new');
    expect(lifecycleFromHistory({ messageStatus: 'skipped', replied: false })).toBe('new');
    expect(lifecycleFromHistory({ messageStatus: 'delivered', replied: false })).toBe('contacted');
    expect(lifecycleFromHistory({ messageStatus: 'read', replied: false })).toBe('contacted');
    expect(lifecycleFromHistory({ messageStatus: 'read', replied: true })).toBe('engaged');
  });
});
