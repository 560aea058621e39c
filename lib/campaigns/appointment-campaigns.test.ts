import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { createCampaign, createLead, createTemplate } from '@/db/factories';
import { messages, workspaces } from '@/db/schema';
import { createAppointment, updateAppointment } from '@/lib/appointments/save-appointment';
import { dispatchOnce } from '@/lib/dispatch/run-dispatcher';
import { REMINDER_AFTER_START_REASON } from '@/lib/dispatch/prepare-message';
import { createDispatchScene, getMessage, makeDue, sentFor } from '@/lib/dispatch/test-kit';
import { startFakeWhatsAppServer, type FakeWhatsAppServer } from '@/lib/whatsapp/fake/server';
import { APPOINTMENT_CANCELLED_REASON } from './queue-appointment-messages';

// Appointment campaigns through the real dispatcher and the fake Cloud API over HTTP.

let server: FakeWhatsAppServer;
let pass = 0;
const run = () => dispatchOnce({ workerId: `appt-worker-${++pass}`, kind: 'worker' });

beforeAll(async () => {
  server = await startFakeWhatsAppServer({ webhooks: { enabled: false }, pairRateLimit: false });
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => server.fake.reset());

const HOUR = 3_600_000;

async function scene(event: 'booked' | 'reminder' | 'no_show', hoursBefore?: number) {
  const s = await createDispatchScene(server);
  const db = await getDb();
  await db.update(workspaces).set({ timezone: 'America/Sao_Paulo', defaultCountry: 'BR' }).where(eq(workspaces.id, s.ws.id));
  const tpl = await createTemplate(s.ws.id, { body: 'Oi {{first_name}}: {{appointment_title}} em {{appointment_date}} às {{appointment_time}}' });
  const campaign = await createCampaign(s.ws.id, {
    templateId: tpl.id, senderPhoneId: s.phone.id,
    trigger: { sources: [], landingPageIds: [], tags: [], onImport: false, appointment: { event, hoursBefore } },
  });
  const lead = await createLead(s.ws.id, { name: 'Ana Souza' });
  return { ...s, campaign, lead };
}

async function messagesOf(campaignId: string) {
  const db = await getDb();
  return db.select().from(messages).where(eq(messages.campaignId, campaignId));
}

describe('appointment campaigns', () => {
  it('a reminder is queued N hours before the start, moves with the appointment and is skipped when cancelled', async () => {
    const s = await scene('reminder', 2);
    const startsAt = new Date('2030-03-10T17:00:00Z');
    const appt = await createAppointment(s.ws.id, { leadId: s.lead.id, title: 'Visita', startsAt });
    let [msg] = await messagesOf(s.campaign.id);
    expect(msg).toMatchObject({ status: 'queued', appointmentId: appt.id, nextAttemptAt: new Date('2030-03-10T15:00:00Z') });

    await updateAppointment(s.ws.id, appt.id, { startsAt: new Date('2030-03-11T13:30:00Z') });
    const after = await messagesOf(s.campaign.id);
    expect(after).toHaveLength(1);
    expect(after[0].nextAttemptAt).toEqual(new Date('2030-03-11T11:30:00Z'));

    await updateAppointment(s.ws.id, appt.id, { status: 'cancelled' });
    [msg] = await messagesOf(s.campaign.id);
    expect(msg).toMatchObject({ status: 'skipped', statusReason: APPOINTMENT_CANCELLED_REASON });
  });

  it('renders the appointment placeholders in the workspace zone and locale, and never sends a reminder after the start', async () => {
    const s = await scene('reminder', 2);
    const appt = await createAppointment(s.ws.id, { leadId: s.lead.id, title: 'Visita', startsAt: new Date('2030-03-10T17:00:00Z') });
    const [msg] = await messagesOf(s.campaign.id);
    await makeDue(msg.id);
    await run();
    expect(await getMessage(msg.id)).toMatchObject({ status: 'sent' });
    const sent = JSON.stringify(sentFor(server, msg.id));
    expect(sent).toContain('Oi Ana: Visita em 10 de março de 2030 às 14:00');

    // A second appointment that starts before its (forced-due) reminder is dispatched.
    const db = await getDb();
    const late = await createAppointment(s.ws.id, { leadId: s.lead.id, title: 'Outra', startsAt: new Date(Date.now() + 3 * HOUR) });
    const [lateMsg] = await db.select().from(messages).where(and(eq(messages.appointmentId, late.id)));
    await db.execute(sql`update appointments set starts_at = now() - interval '1 minute' where id = ${late.id}`);
    await makeDue(lateMsg.id);
    await run();
    expect(await getMessage(lateMsg.id)).toMatchObject({ status: 'skipped', statusReason: REMINDER_AFTER_START_REASON });
    expect(sentFor(server, lateMsg.id)).toHaveLength(0);
    void appt;
  });

  it('booked fires once when created (a later confirm does not repeat it); no-show fires on no-show; capture campaigns ignore appointments', async () => {
    const booked = await scene('booked');
    const a = await createAppointment(booked.ws.id, { leadId: booked.lead.id, title: 'Visita', startsAt: new Date(Date.now() + 48 * HOUR) });
    await updateAppointment(booked.ws.id, a.id, { status: 'confirmed' });
    expect(await messagesOf(booked.campaign.id)).toEqual([expect.objectContaining({ status: 'queued', payload: { appointmentEvent: 'booked' } })]);

    const noShow = await scene('no_show');
    const b = await createAppointment(noShow.ws.id, { leadId: noShow.lead.id, title: 'Visita', startsAt: new Date(Date.now() + HOUR) });
    expect(await messagesOf(noShow.campaign.id)).toEqual([]);
    await updateAppointment(noShow.ws.id, b.id, { status: 'no_show' });
    await updateAppointment(noShow.ws.id, b.id, { notes: 'called, no answer' });
    expect(await messagesOf(noShow.campaign.id)).toEqual([expect.objectContaining({ payload: { appointmentEvent: 'no_show' } })]);
  });

  it('a reminder whose time has already passed is not queued', async () => {
    const s = await scene('reminder', 24);
    await createAppointment(s.ws.id, { leadId: s.lead.id, title: 'Soon', startsAt: new Date(Date.now() + HOUR) });
    expect(await messagesOf(s.campaign.id)).toEqual([]);
  });
});

describe('the campaign form', () => {
  it('saves an appointment trigger (reminder hours only for reminders) and reads it back', async () => {
    const { createCampaign: saveCampaign } = await import('./save-campaign');
    const { campaignFormValues, newCampaignFormValues } = await import('./form-values');
    const s = await createDispatchScene(server);
    const tpl = await createTemplate(s.ws.id, { body: 'Lembrete: {{appointment_time}}' });
    const scope = { workspaceId: s.ws.id, timeZone: 'America/Sao_Paulo' };
    const base = { ...newCampaignFormValues('automated'), name: 'Reminder', templateId: tpl.id, senderPhoneIds: [s.phone.id] };
    const { id } = await saveCampaign(scope as never, { ...base, triggerKind: 'reminder', reminderHours: 2 });
    const db = await getDb();
    const { campaigns } = await import('@/db/schema');
    const [row] = await db.select().from(campaigns).where(eq(campaigns.id, id));
    expect(row.trigger.appointment).toEqual({ event: 'reminder', hoursBefore: 2 });
    expect(campaignFormValues(row, 'UTC')).toMatchObject({ triggerKind: 'reminder', reminderHours: 2 });
    await expect(saveCampaign(scope as never, { ...base, triggerKind: 'reminder', reminderHours: 0 })).rejects.toMatchObject({ fields: { reminderHours: expect.any(String) } });
    const capture = await saveCampaign(scope as never, { ...base, name: 'Welcome' });
    const [c] = await db.select().from(campaigns).where(eq(campaigns.id, capture.id));
    expect(c.trigger.appointment).toBeUndefined();
  });
});
