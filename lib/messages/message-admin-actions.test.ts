import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { createCampaign, createLead, createQueuedMessage, createSenderPhone, createTemplate, createWorkspace } from '@/db/factories';
import { messageEvents, messages, type NewMessage } from '@/db/schema';
import { cancelMessage } from './cancel-message';
import { getQueueOverview } from './get-queue-overview';
import { listMessageLog, messageLogQuerySchema } from './list-message-log';
import { retryMessage } from './retry-message';

async function scene() {
  const ws = await createWorkspace();
  const sender = await createSenderPhone(ws.id, { label: 'Main', rateLimitPerSecond: 80 });
  const lead = await createLead(ws.id);
  const make = (o: Partial<Omit<NewMessage, 'senderPhoneId'>> & { senderPhoneId?: string } = {}) =>
    createQueuedMessage(ws.id, { leadId: lead.id, senderPhoneId: sender.id, toPhone: lead.phoneE164, ...o });
  return { ws, sender, lead, make };
}

const row = async (id: string) => (await (await getDb()).select().from(messages).where(eq(messages.id, id)))[0];

describe('retry and cancel one message', () => {
  it('retries failed and unknown messages only, with an admin event', async () => {
    const { ws, make } = await scene();
    const failed = await make({ status: 'failed', attempts: 5, errorCode: 131026, statusReason: 'undeliverable' });
    const unknown = await make({ status: 'unknown', attempts: 1 });
    const sent = await make({ status: 'sent' });
    await retryMessage(ws.id, { messageId: failed.id });
    await retryMessage(ws.id, { messageId: unknown.id });
    expect(await row(failed.id)).toMatchObject({ status: 'queued', attempts: 0, statusReason: 'retry requested by an admin' });
    expect((await row(unknown.id)).status).toBe('queued');
    await expect(retryMessage(ws.id, { messageId: sent.id })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(retryMessage(ws.id, { messageId: 'nope' })).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    const events = await (await getDb()).select().from(messageEvents).where(eq(messageEvents.messageId, failed.id));
    expect(events.map((e) => [e.status, e.source])).toEqual([['queued', 'admin']]);
  });

  it('does not retry a message of a stopped campaign', async () => {
    const { ws, sender, make } = await scene();
    const template = await createTemplate(ws.id);
    const campaign = await createCampaign(ws.id, { templateId: template.id, senderPhoneId: sender.id, status: 'stopped' });
    const failed = await make({ status: 'failed', campaignId: campaign.id });
    await expect(retryMessage(ws.id, { messageId: failed.id })).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('cancels a queued message (even one a worker has claimed) and nothing else', async () => {
    const { ws, make } = await scene();
    const queued = await make({ leaseOwner: 'worker-1', leaseExpiresAt: new Date(Date.now() + 60_000) });
    const sending = await make({ status: 'sending' });
    await cancelMessage(ws.id, { messageId: queued.id });
    expect(await row(queued.id)).toMatchObject({ status: 'skipped', statusReason: 'cancelled by an admin', leaseOwner: null });
    await expect(cancelMessage(ws.id, { messageId: sending.id })).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('never touches another workspace’s message', async () => {
    const mine = await scene();
    const theirs = await scene();
    const failed = await theirs.make({ status: 'failed' });
    const queued = await theirs.make();
    await expect(retryMessage(mine.ws.id, { messageId: failed.id })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(cancelMessage(mine.ws.id, { messageId: queued.id })).rejects.toMatchObject({ code: 'CONFLICT' });
    expect((await row(failed.id)).status).toBe('failed');
    expect((await row(queued.id)).status).toBe('queued');
  });
});

describe('message log filters and queue overview', () => {
  it('filters by reason, campaign, sender and day (workspace time zone)', async () => {
    const { ws, sender, make } = await scene();
    const other = await createSenderPhone(ws.id, { label: 'Other' });
    const template = await createTemplate(ws.id);
    const campaign = await createCampaign(ws.id, { templateId: template.id, senderPhoneId: sender.id });
    const a = await make({ status: 'skipped', statusReason: 'lead opted out', campaignId: campaign.id, createdAt: new Date('2026-03-10T12:00:00Z') });
    const b = await make({ status: 'failed', errorCode: 131026, senderPhoneId: other.id, createdAt: new Date('2026-03-11T02:00:00Z') });
    await make({ createdAt: new Date('2026-03-12T12:00:00Z') });
    const q = (p: Record<string, string>) => listMessageLog(ws.id, messageLogQuerySchema.parse(p), { timeZone: 'America/Sao_Paulo' });
    expect((await q({ reason: 'OPTED' })).map((m) => m.id)).toEqual([a.id]);
    expect((await q({ reason: '131026' })).map((m) => m.id)).toEqual([b.id]);
    expect((await q({ campaign: campaign.id })).map((m) => m.id)).toEqual([a.id]);
    expect((await q({ sender: other.id })).map((m) => m.id)).toEqual([b.id]);
    // 2026-03-11T02:00Z is still 10 March in São Paulo.
    expect((await q({ from: '2026-03-10', to: '2026-03-10' })).map((m) => m.id).sort()).toEqual([a.id, b.id].sort());
    expect(messageLogQuerySchema.parse({ campaign: 'x', from: '10/03/2026' })).toEqual({});
  });

  it('counts due, scheduled, held and in-flight messages per sender, and the last minute’s rate', async () => {
    const { ws, sender, make } = await scene();
    const soon = new Date(Date.now() + 3600_000);
    await make();
    await make();
    await make({ nextAttemptAt: soon });
    await make({ nextAttemptAt: soon, statusReason: 'campaign paused' });
    await make({ status: 'sending', sendingAt: new Date() });
    await make({ status: 'sent', sendingAt: new Date(Date.now() - 10_000) });
    await make({ status: 'sent', sendingAt: new Date(Date.now() - 3600_000) });
    await make({ status: 'unknown' });
    const other = await scene();
    await other.make();
    const overview = await getQueueOverview(ws.id);
    expect(overview.senders).toEqual([
      expect.objectContaining({ senderPhoneId: sender.id, dueNow: 2, scheduled: 1, held: 1, sending: 1, capPerSecond: 80, ratePerSecond: 0 }),
    ]);
    expect(overview.heldReasons).toEqual([{ reason: 'campaign paused', count: 1 }]);
    expect(overview.unknown).toBe(1);
    // 2 sends started in the last minute -> 2/60 per second, rounded to one decimal.
    await make({ status: 'sent', sendingAt: new Date() });
    await make({ status: 'sent', sendingAt: new Date() });
    await make({ status: 'sent', sendingAt: new Date() });
    expect((await getQueueOverview(ws.id)).senders[0].ratePerSecond).toBe(Math.round((5 / 60) * 10) / 10);
  });
});
