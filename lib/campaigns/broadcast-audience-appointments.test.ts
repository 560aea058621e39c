import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { createCampaign, createLead, createQueuedMessage } from '@/db/factories';
import { appointments, campaigns, inboundMessages, messages } from '@/db/schema';
import { readStoredSegment, segmentSchema } from '@/lib/segments/schema';
import { previewBroadcastAudience } from './preview-broadcast-audience';
import { queueBroadcastMessages } from './queue-broadcast-messages';
import { AUDIENCE_SKIP_REASONS } from './skip-reasons';
import { createBroadcastScene } from './test-scene';

const hoursAgo = (h: number) => new Date(Date.now() - h * 3600_000);

describe('broadcast audience: appointments, recent replies and the frequency cap', () => {
  beforeAll(async () => {
    await getDb();
  });

  it('"no upcoming appointment, not messaged in 24 h" skips exactly the leads it should, with reasons', async () => {
    const { ws, sender, template, campaign } = await createBroadcastScene({ segment: { appointment: 'none', frequencyCapHours: '24' } });
    const db = await getDb();
    const other = await createCampaign(ws.id, { templateId: template.id, senderPhoneId: sender.id });
    const upcoming = await createLead(ws.id, { name: 'Upcoming' });
    const pastOnly = await createLead(ws.id, { name: 'Past appointment' });
    const cancelled = await createLead(ws.id, { name: 'Cancelled upcoming' });
    const recent = await createLead(ws.id, { name: 'Messaged 2 h ago' });
    const old = await createLead(ws.id, { name: 'Messaged 30 h ago' });
    const queuedOnly = await createLead(ws.id, { name: 'Only queued elsewhere' });
    const optedOut = await createLead(ws.id, { name: 'Opted out', optedOutAt: hoursAgo(1) });
    const plain = await createLead(ws.id, { name: 'Plain' });
    const appt = (leadId: string, startsAt: Date, status: 'scheduled' | 'cancelled' | 'completed') =>
      db.insert(appointments).values({ workspaceId: ws.id, leadId, title: 'Visit', startsAt, status });
    await appt(upcoming.id, new Date(Date.now() + 86_400_000), 'scheduled');
    await appt(pastOnly.id, hoursAgo(48), 'completed');
    await appt(cancelled.id, new Date(Date.now() + 86_400_000), 'cancelled');
    const sent = (leadId: string, at: Date, status: 'sent' | 'queued') =>
      createQueuedMessage(ws.id, { leadId, senderPhoneId: sender.id, toPhone: '+5511900000000', campaignId: other.id, status, sentAt: status === 'sent' ? at : null, sendingAt: status === 'sent' ? at : null, queuedAt: at });
    await sent(recent.id, hoursAgo(2), 'sent');
    await sent(old.id, hoursAgo(30), 'sent');
    await sent(queuedOnly.id, hoursAgo(1), 'queued');

    const preview = await previewBroadcastAudience(ws.id, campaign.id);
    expect(preview).toMatchObject({ total: 7, eligible: 5, skipped: { frequency_cap: 1, opted_out: 1 } });
    await queueBroadcastMessages(db, { campaign, segment: readStoredSegment(campaign.segment)!, timeZone: ws.timezone, isSessionText: true });
    const rows = await db.select().from(messages).where(eq(messages.campaignId, campaign.id));
    const byLead = new Map(rows.map((m) => [m.leadId, m]));
    expect(byLead.has(upcoming.id)).toBe(false);
    expect(byLead.get(recent.id)).toMatchObject({ status: 'skipped', statusReason: AUDIENCE_SKIP_REASONS.frequency_cap });
    expect(byLead.get(optedOut.id)).toMatchObject({ status: 'skipped', statusReason: AUDIENCE_SKIP_REASONS.opted_out });
    for (const l of [pastOnly, cancelled, old, queuedOnly, plain]) expect(byLead.get(l.id)?.status, l.name!).toBe('queued');
    expect(rows).toHaveLength(7);
  });

  it('filters by upcoming appointment, appointment status, and replies in the last N days', async () => {
    const { ws, campaign, sender } = await createBroadcastScene({ segment: { appointment: 'upcoming' } });
    const db = await getDb();
    const a = await createLead(ws.id);
    const b = await createLead(ws.id);
    await db.insert(appointments).values({ workspaceId: ws.id, leadId: a.id, title: 'Soon', startsAt: new Date(Date.now() + 3600_000), status: 'confirmed' });
    await db.insert(appointments).values({ workspaceId: ws.id, leadId: b.id, title: 'Missed', startsAt: hoursAgo(5), status: 'no_show' });
    await db.insert(inboundMessages).values({ workspaceId: ws.id, leadId: b.id, senderPhoneId: sender.id, providerMessageId: `wamid.${crypto.randomUUID()}`, type: 'text', payload: {}, receivedAt: hoursAgo(24 * 10) });
    expect((await previewBroadcastAudience(ws.id, campaign.id)).total).toBe(1);
    const set = async (segment: object) => {
      await db.update(campaigns).set({ segment: { ...campaign.segment, ...segment } }).where(eq(campaigns.id, campaign.id));
      return (await previewBroadcastAudience(ws.id, campaign.id)).total;
    };
    expect(await set({ appointment: 'any', appointmentStatuses: ['no_show'] })).toBe(1);
    expect(await set({ appointment: 'any', replied: 'yes', repliedDays: '30' })).toBe(1);
    expect(await set({ appointment: 'any', replied: 'yes', repliedDays: '7' })).toBe(0);
    expect(await set({ appointment: 'any', replied: 'no', repliedDays: '7' })).toBe(2);
  });

  it('refuses a cap or a day count that is not a whole number in range', () => {
    const base = readStoredSegment({})!;
    expect(segmentSchema.safeParse({ ...base, frequencyCapHours: '0' }).success).toBe(false);
    expect(segmentSchema.safeParse({ ...base, repliedDays: '1e3' }).success).toBe(false);
    expect(segmentSchema.safeParse({ ...base, frequencyCapHours: '48' }).success).toBe(true);
  });
});
