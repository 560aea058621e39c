import { randomUUID } from 'node:crypto';
import { getDb } from '@/db/client';
import { createCampaign, createLead, createQueuedMessage, createSenderPhone, createTemplate, createWorkspace } from '@/db/factories';
import * as s from '@/db/schema';
import { fromLocalInput } from '@/lib/appointments/local-time';

// A small workspace whose every event sits at a known local wall time, so that the expected
// figures (analytics.test.ts) are the same in every time zone. The range under test is
// 2026-03-05 .. 2026-03-11; in New York it holds the spring-forward day (8 March, 02:00 -> 03:00).

export const KNOWN_RANGE = { range: 'custom', from: '2026-03-05', to: '2026-03-11' } as const;

export async function seedKnownEvents(timezone: string) {
  const db = await getDb();
  const at = (local: string) => {
    const d = fromLocalInput(local, timezone);
    if (!d) throw new Error(local);
    return d;
  };
  const ws = await createWorkspace(undefined, { timezone });
  const p1 = await createSenderPhone(ws.id, { label: 'Phone one' });
  const p2 = await createSenderPhone(ws.id, { label: 'Phone two' });
  const t1 = await createTemplate(ws.id, { name: 'Template one' });
  const t2 = await createTemplate(ws.id, { name: 'Template two' });
  const c1 = await createCampaign(ws.id, { name: 'Campaign one', templateId: t1.id, senderPhoneId: p1.id });
  const c2 = await createCampaign(ws.id, { name: 'Campaign two', templateId: t2.id, senderPhoneId: p2.id });
  const [lp] = await db
    .insert(s.landingPages)
    .values({ workspaceId: ws.id, slug: `known-${randomUUID().slice(0, 8)}`, title: 'Known page', headline: 'Hi', consentText: 'Yes' })
    .returning();

  const lead = (source: s.LeadSource, created: string, extra: Partial<s.NewLead> = {}) =>
    createLead(ws.id, { source, createdAt: at(created), ...extra });
  const touch = (leadId: string, source: s.LeadSource, created: string, utm: { s?: string; c?: string } = {}, page?: string) =>
    db.insert(s.leadTouchpoints).values({
      workspaceId: ws.id, leadId, source, landingPageId: page ?? null, utmSource: utm.s ?? null, utmCampaign: utm.c ?? null, createdAt: at(created),
    });
  const message = (
    l: s.Lead,
    status: s.MessageStatus,
    times: { created: string; sent?: string; delivered?: string; read?: string },
    extra: Partial<Omit<s.NewMessage, 'senderPhoneId'>> & { senderPhoneId?: string } = {},
  ) =>
    createQueuedMessage(ws.id, {
      leadId: l.id, senderPhoneId: p1.id, toPhone: l.phoneE164, status,
      createdAt: at(times.created), queuedAt: at(times.created),
      sentAt: times.sent ? at(times.sent) : null,
      deliveredAt: times.delivered ? at(times.delivered) : null,
      readAt: times.read ? at(times.read) : null,
      ...extra,
    });
  const reply = (l: s.Lead, received: string) =>
    db.insert(s.inboundMessages).values({
      workspaceId: ws.id, leadId: l.id, providerMessageId: `wamid.${randomUUID()}`, type: 'text', text: 'Oi', payload: {}, receivedAt: at(received),
    });
  const appointment = (l: s.Lead, created: string, starts: string, status: s.Appointment['status']) =>
    db.insert(s.appointments).values({ workspaceId: ws.id, leadId: l.id, title: 'Visit', startsAt: at(starts), status, createdAt: at(created) });

  // L1: landing page, first touch utm ig/bf (a later touch says fb), read, replied after 1 h, attended.
  const l1 = await lead('landing_page', '2026-03-05T00:00');
  await touch(l1.id, 'landing_page', '2026-03-05T00:00', { s: 'ig', c: 'bf' }, lp.id);
  await touch(l1.id, 'landing_page', '2026-03-06T00:00', { s: 'fb', c: 'other' }, lp.id);
  await message(l1, 'read', { created: '2026-03-05T09:59', sent: '2026-03-05T10:00', delivered: '2026-03-05T10:01', read: '2026-03-05T10:05' }, { campaignId: c1.id, templateId: t1.id });
  await reply(l1, '2026-03-05T11:00');
  await appointment(l1, '2026-03-06T09:00', '2026-03-07T15:00', 'completed');

  // L2: on the daylight-saving day, delivered (no read receipt) but replied after 2 h; no-show.
  const l2 = await lead('landing_page', '2026-03-08T01:30');
  await touch(l2.id, 'landing_page', '2026-03-08T01:30', { s: 'ig', c: 'bf' }, lp.id);
  await message(l2, 'delivered', { created: '2026-03-08T03:29', sent: '2026-03-08T03:30', delivered: '2026-03-08T03:31' }, { campaignId: c1.id, templateId: t1.id });
  await reply(l2, '2026-03-08T05:30');
  await appointment(l2, '2026-03-09T10:00', '2026-03-10T10:00', 'no_show');

  // L3: import on the DST day; one message accepted then failed, one refused before sending; opts out.
  const l3 = await lead('import', '2026-03-08T03:30', { optedOutAt: at('2026-03-10T08:00') });
  await message(l3, 'failed', { created: '2026-03-09T11:59', sent: '2026-03-09T12:00' },
    { campaignId: c2.id, templateId: t2.id, senderPhoneId: p2.id, errorCode: 131026, errorTitle: 'Message undeliverable' });
  await message(l3, 'failed', { created: '2026-03-09T13:00' }, { errorCode: 131049, errorTitle: 'Healthy ecosystem engagement' });

  // L4: API, one minute before the range ends (already the next day in UTC); only a queued message.
  const l4 = await lead('api', '2026-03-11T23:59');
  await message(l4, 'queued', { created: '2026-03-11T23:59' });

  // L5: wrote first (not a reply), then read our answer without a delivered receipt and replied 15 min later.
  const l5 = await lead('whatsapp', '2026-03-06T12:00');
  await reply(l5, '2026-03-06T12:00');
  await message(l5, 'read', { created: '2026-03-06T12:04', sent: '2026-03-06T12:05', read: '2026-03-06T12:06' }, { isBusinessInitiated: false });
  await reply(l5, '2026-03-06T12:20');

  // L6: local midnight after the range: outside it.
  await lead('manual', '2026-03-12T00:00');

  // L7 and L8: the previous period. L7 opts out on 5 March before this period's message reaches it.
  const l7 = await lead('manual', '2026-03-04T20:00', { optedOutAt: at('2026-03-05T09:00') });
  await message(l7, 'delivered', { created: '2026-03-04T21:00', sent: '2026-03-04T21:00', delivered: '2026-03-04T21:01' });
  await message(l7, 'delivered', { created: '2026-03-06T09:00', sent: '2026-03-06T09:00', delivered: '2026-03-06T09:01' }, { campaignId: c1.id, templateId: t1.id });
  await lead('manual', '2026-03-04T23:59');

  return { ws, ids: { c1: c1.id, c2: c2.id, t1: t1.id, t2: t2.id, p1: p1.id, p2: p2.id, lp: lp.id } };
}
