import { and, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { execRows, getDb } from '@/db/client';
import { createLead, createQueuedMessage } from '@/db/factories';
import { campaigns, inboundMessages, messages } from '@/db/schema';
import { AppError } from '@/lib/errors';
import { pauseCampaign } from './pause-campaign';
import { previewBroadcastAudience } from './preview-broadcast-audience';
import { queueBroadcastMessages } from './queue-broadcast-messages';
import { resumeCampaign } from './resume-campaign';
import { retryFailedMessages } from './retry-failed-messages';
import { queueCampaignTestMessage } from './queue-campaign-test-message';
import { AUDIENCE_SKIP_REASONS } from './skip-reasons';
import { startCampaign } from './start-campaign';
import { stopCampaign } from './stop-campaign';
import { campaignMessageCounts, createBroadcastScene, insertLeads } from './test-scene';

async function startWithTest(workspaceId: string, campaignId: string) {
  await queueCampaignTestMessage(workspaceId, { campaignId, phone: '+5511987650000' });
  return startCampaign(workspaceId, campaignId);
}

describe('broadcast audience preview', () => {
  it('counts the segment and each skip reason in SQL, and the start queues exactly that', async () => {
    const { ws, campaign } = await createBroadcastScene({
      sender: { provider: 'cloud_api' },
      segment: { tags: ['spring'] },
      workspace: { dailyRecipientCap: 3 },
    });
    await insertLeads(ws.id, 5, { tags: ['spring'], lastInboundHoursAgo: 1 }); // eligible: inside the 24 h window
    await insertLeads(ws.id, 2, { tags: ['spring'], optedOut: true, lastInboundHoursAgo: 1 });
    await insertLeads(ws.id, 3, { tags: ['spring'] }); // never wrote: session text cannot go
    await insertLeads(ws.id, 4, { tags: ['autumn'], lastInboundHoursAgo: 1 }); // outside the segment
    // The same WhatsApp user twice (Brazil's 9th digit): only the older lead gets it.
    const recent = new Date(Date.now() - 3600_000);
    await createLead(ws.id, { tags: ['spring'], waId: '5511912345678', phoneE164: '+5511912345678', lastInboundAt: recent });
    await createLead(ws.id, { tags: ['spring'], waId: '5511912345678', phoneE164: '+551112345678', lastInboundAt: recent });
    // A number that is not E.164 (old data).
    await createLead(ws.id, { tags: ['spring'], phoneE164: '12345', lastInboundAt: recent });

    const preview = await previewBroadcastAudience(ws.id, campaign.id);
    expect(preview).toMatchObject({
      total: 13,
      eligible: 6,
      alreadyQueued: 0,
      skipped: { opted_out: 2, no_service_window: 3, duplicate_recipient: 1, invalid_phone: 1 },
      dailyCap: 3,
      reachedLast24h: 0,
      overDailyCap: 3, // 6 eligible Cloud API recipients, a cap of 3: three wait
    });

    const started = await startWithTest(ws.id, campaign.id);
    expect(started).toEqual({ kind: 'broadcast', queued: 6, skipped: 7 });
    const counts = await campaignMessageCounts(campaign.id);
    expect(counts.total).toBe(preview.total);
    expect(counts.rows.filter((r) => r.status === 'skipped').map((r) => [r.reason, r.n]).sort()).toEqual(
      [
        [AUDIENCE_SKIP_REASONS.duplicate_recipient, 1],
        [AUDIENCE_SKIP_REASONS.invalid_phone, 1],
        [AUDIENCE_SKIP_REASONS.no_service_window, 3],
        [AUDIENCE_SKIP_REASONS.opted_out, 2],
      ].sort(),
    );
    // After the start, the same preview says everyone already has the message.
    expect((await previewBroadcastAudience(ws.id, campaign.id)).alreadyQueued).toBe(13);
  });

  it('does not skip session text for the sandbox sender, and an approved template needs no window', async () => {
    const sandbox = await createBroadcastScene({ segment: {} });
    await insertLeads(sandbox.ws.id, 4);
    expect((await previewBroadcastAudience(sandbox.ws.id, sandbox.campaign.id)).eligible).toBe(4);

    const cloud = await createBroadcastScene({ sender: { provider: 'cloud_api' }, templateKind: 'whatsapp_template' });
    await insertLeads(cloud.ws.id, 4);
    const preview = await previewBroadcastAudience(cloud.ws.id, cloud.campaign.id);
    expect(preview.eligible).toBe(4);
    expect(preview.skipped.no_service_window).toBe(0);
  });

  it('filters by source, tags, lifecycle status, attributes, created range and replies', async () => {
    const { ws, campaign, sender } = await createBroadcastScene();
    const db = await getDb();
    const match = await createLead(ws.id, {
      source: 'import',
      tags: ['vip'],
      lifecycleStatus: 'qualified',
      attributes: { plan: 'Gold', city: 'Recife' },
      createdAt: new Date('2026-03-10T12:00:00Z'),
    });
    await createLead(ws.id, { source: 'api', tags: ['vip'], lifecycleStatus: 'qualified', attributes: { plan: 'gold' }, createdAt: new Date('2026-03-10T12:00:00Z') });
    await createLead(ws.id, { source: 'import', tags: ['vip'], lifecycleStatus: 'new', attributes: { plan: 'gold' }, createdAt: new Date('2026-03-10T12:00:00Z') });
    await createLead(ws.id, { source: 'import', tags: ['vip'], lifecycleStatus: 'qualified', attributes: { plan: 'silver' }, createdAt: new Date('2026-03-10T12:00:00Z') });
    await createLead(ws.id, { source: 'import', tags: ['vip'], lifecycleStatus: 'qualified', attributes: { plan: 'gold' }, createdAt: new Date('2026-04-10T12:00:00Z') });
    const silent = await createLead(ws.id, { source: 'import', tags: ['vip', 'x'], lifecycleStatus: 'qualified', attributes: { plan: 'GOLD' }, createdAt: new Date('2026-03-11T02:00:00Z') });
    await db.insert(inboundMessages).values({
      workspaceId: ws.id,
      leadId: match.id,
      senderPhoneId: sender.id,
      providerMessageId: `wamid.in.${match.id}`,
      type: 'text',
      text: 'hi',
      payload: {},
      receivedAt: new Date('2026-03-12T00:00:00Z'),
    });
    const base = {
      sources: ['import'],
      tags: ['vip'],
      lifecycleStatuses: ['qualified'],
      attributes: [{ key: 'plan', op: 'equals', value: 'gold' }],
      createdFrom: '2026-03-01',
      // 2026-03-11T02:00Z is still 10 March in São Paulo (UTC-3): inside the range.
      createdTo: '2026-03-10',
      replied: 'any',
    };
    const countWith = async (segment: Record<string, unknown>) => {
      await db.update(campaigns).set({ segment }).where(eq(campaigns.id, campaign.id));
      return (await previewBroadcastAudience(ws.id, campaign.id)).total;
    };
    expect(await countWith(base)).toBe(2);
    expect(await countWith({ ...base, replied: 'yes' })).toBe(1);
    expect(await countWith({ ...base, replied: 'no' })).toBe(1);
    expect(await countWith({ ...base, attributes: [{ key: 'city', op: 'contains', value: 'reci' }] })).toBe(1);
    // Without the plan filter, the "silver" lead has no city either.
    expect(await countWith({ ...base, attributes: [{ key: 'city', op: 'missing', value: '' }] })).toBe(2);
    expect(await countWith({ ...base, tags: ['x'] })).toBe(1);
    void silent;
    // A stored segment that does not parse is refused, never widened to "everyone".
    await expect(countWith({ tags: 'not-a-list' })).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
  });
});

describe('starting a broadcast', () => {
  it('needs a test send first', async () => {
    const { ws, campaign } = await createBroadcastScene();
    await insertLeads(ws.id, 3);
    await expect(startCampaign(ws.id, campaign.id)).rejects.toMatchObject({ code: 'CONFLICT', message: /test message first/ });
    const test = await queueCampaignTestMessage(ws.id, { campaignId: campaign.id, phone: '(11) 98888-7777' });
    const [row] = await (await getDb()).select().from(messages).where(eq(messages.id, test.messageId));
    // Outside the campaign's counts and its one-per-lead key; marked as a test of it.
    expect(row).toMatchObject({ campaignId: null, toPhone: '+5511988887777', status: 'queued', payload: { testOfCampaignId: campaign.id } });
    await expect(queueCampaignTestMessage(ws.id, { campaignId: campaign.id, phone: '12' })).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: { phone: expect.any(String) },
    });
  });

  it('twice, sequentially or at the same moment, never doubles a message', async () => {
    const { ws, campaign } = await createBroadcastScene();
    await insertLeads(ws.id, 300);
    await queueCampaignTestMessage(ws.id, { campaignId: campaign.id, phone: '+5511987650000' });
    const results = await Promise.allSettled([startCampaign(ws.id, campaign.id), startCampaign(ws.id, campaign.id)]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r) => r.status === 'rejected');
    expect((rejected as PromiseRejectedResult).reason).toBeInstanceOf(AppError);
    await expect(startCampaign(ws.id, campaign.id)).rejects.toMatchObject({ code: 'CONFLICT' });

    // Even the queueing statement itself, run again on purpose, adds nothing.
    const db = await getDb();
    const [c] = await db.select().from(campaigns).where(eq(campaigns.id, campaign.id));
    const { EMPTY_SEGMENT } = await import('@/lib/segments/schema');
    expect(await queueBroadcastMessages(db, { campaign: c, segment: EMPTY_SEGMENT, timeZone: 'UTC', isSessionText: true })).toEqual({ queued: 0, skipped: 0 });
    const counts = await campaignMessageCounts(campaign.id);
    // 300 leads plus the test recipient (a lead too, created by the test send).
    expect(counts.byStatus).toEqual({ queued: 301 });
    const [dupes] = await execRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from (select lead_id from messages where campaign_id = ${campaign.id}::uuid group by lead_id having count(*) > 1) d`,
    );
    expect(Number(dupes.n)).toBe(0);
  });

  it('queues a scheduled broadcast for its time, spreading a pool of senders by lead', async () => {
    const scheduledAt = new Date(Date.now() + 3 * 3600_000);
    const { ws, campaign, sender } = await createBroadcastScene({ campaign: { scheduledAt } });
    const { createSenderPhone } = await import('@/db/factories');
    const second = await createSenderPhone(ws.id, { provider: 'sandbox', label: 'Second' });
    const db = await getDb();
    await db.update(campaigns).set({ senderPhoneIds: [sender.id, second.id] }).where(eq(campaigns.id, campaign.id));
    await insertLeads(ws.id, 200);
    await startWithTest(ws.id, campaign.id);
    const rows = await execRows<{ sender_phone_id: string; n: number; due: Date | string }>(
      db,
      sql`select sender_phone_id, count(*)::int as n, min(next_attempt_at) as due from messages
           where campaign_id = ${campaign.id}::uuid group by 1`,
    );
    expect(rows).toHaveLength(2);
    for (const r of rows) {
      expect(Number(r.n)).toBeGreaterThan(50); // an even-ish split of 200
      expect(Math.abs(new Date(r.due).getTime() - scheduledAt.getTime())).toBeLessThan(1000);
    }
  });
});

describe('pause, resume and stop', () => {
  it('pause holds queued messages out of the dispatcher’s reach; resume restores their own due times', async () => {
    const { ws, campaign } = await createBroadcastScene();
    await insertLeads(ws.id, 19);
    await startWithTest(ws.id, campaign.id); // 19 leads + the test recipient: 20 messages
    const db = await getDb();
    // One message is already sent, one was scheduled in an hour: pausing touches neither's history.
    const [sent] = await db.select({ id: messages.id }).from(messages).where(eq(messages.campaignId, campaign.id)).limit(1);
    await db.update(messages).set({ status: 'sent', sentAt: new Date() }).where(eq(messages.id, sent.id));
    const [later] = await db
      .select({ id: messages.id })
      .from(messages)
      .where(and(eq(messages.campaignId, campaign.id), eq(messages.status, 'queued')))
      .limit(1);
    const inAnHour = new Date(Date.now() + 3600_000);
    await db.update(messages).set({ nextAttemptAt: inAnHour }).where(eq(messages.id, later.id));

    expect(await pauseCampaign(ws.id, campaign.id)).toEqual({ held: 19 });
    const [due] = await execRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from messages where campaign_id = ${campaign.id}::uuid and status = 'queued' and next_attempt_at <= now() + interval '1 day'`,
    );
    expect(Number(due.n)).toBe(0);
    const paused = await db.select().from(messages).where(and(eq(messages.campaignId, campaign.id), eq(messages.status, 'queued')));
    expect(paused.every((m) => m.statusReason === 'campaign paused')).toBe(true);
    await expect(pauseCampaign(ws.id, campaign.id)).rejects.toMatchObject({ code: 'CONFLICT' });

    expect(await resumeCampaign(ws.id, campaign.id)).toEqual({ released: 19 });
    const [back] = await db.select().from(messages).where(eq(messages.id, later.id));
    expect(Math.abs(back.nextAttemptAt.getTime() - inAnHour.getTime())).toBeLessThan(1000);
    expect(back.statusReason).toBeNull();
    const [s] = await db.select().from(messages).where(eq(messages.id, sent.id));
    expect(s.status).toBe('sent');
    const [c] = await db.select().from(campaigns).where(eq(campaigns.id, campaign.id));
    expect(c.status).toBe('active');
  });

  it('stop skips every queued message with its reason and leaves sent ones alone; it is final', async () => {
    const { ws, campaign } = await createBroadcastScene();
    await insertLeads(ws.id, 9);
    await startWithTest(ws.id, campaign.id); // 9 leads + the test recipient: 10 messages
    const db = await getDb();
    const [one] = await db.select({ id: messages.id }).from(messages).where(eq(messages.campaignId, campaign.id)).limit(1);
    await db.update(messages).set({ status: 'delivered' }).where(eq(messages.id, one.id));
    await pauseCampaign(ws.id, campaign.id);
    expect(await stopCampaign(ws.id, campaign.id)).toEqual({ skipped: 9 });
    const counts = await campaignMessageCounts(campaign.id);
    expect(counts.rows.sort((a, b) => a.status.localeCompare(b.status))).toEqual([
      { status: 'delivered', reason: null, n: 1 },
      { status: 'skipped', reason: 'campaign stopped', n: 9 },
    ]);
    await expect(resumeCampaign(ws.id, campaign.id)).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(stopCampaign(ws.id, campaign.id)).rejects.toMatchObject({ code: 'CONFLICT' });
  });
});

describe('retry failed messages', () => {
  it('requeues only the retryable failures of this campaign', async () => {
    const { ws, campaign, sender } = await createBroadcastScene();
    const other = await createBroadcastScene();
    const db = await getDb();
    await db.update(campaigns).set({ status: 'active' }).where(eq(campaigns.id, campaign.id));
    const make = async (overrides: Parameters<typeof createQueuedMessage>[1] extends infer T ? Partial<T> : never) => {
      const lead = await createLead(ws.id);
      return createQueuedMessage(ws.id, { leadId: lead.id, senderPhoneId: sender.id, toPhone: lead.phoneE164, campaignId: campaign.id, ...overrides });
    };
    const gaveUp = await make({ status: 'failed', attempts: 5, statusReason: 'gave up after max attempts: service unavailable', errorCode: 131016 });
    const throttled = await make({ status: 'failed', attempts: 5, errorCode: 130429, statusReason: 'throughput' });
    const undeliverable = await make({ status: 'failed', errorCode: 131026, statusReason: 'Message undeliverable' });
    const badTemplate = await make({ status: 'failed', statusReason: 'no value or fallback for {{first_name}}' });
    const sent = await make({ status: 'sent' });
    // Another workspace's retryable failure is untouched.
    const otherLead = await createLead(other.ws.id);
    const foreign = await createQueuedMessage(other.ws.id, {
      leadId: otherLead.id,
      senderPhoneId: other.sender.id,
      toPhone: otherLead.phoneE164,
      campaignId: other.campaign.id,
      status: 'failed',
      errorCode: 131016,
    });

    expect(await retryFailedMessages(ws.id, campaign.id)).toEqual({ requeued: 2 });
    const status = async (id: string) => (await db.select().from(messages).where(eq(messages.id, id)))[0];
    expect(await status(gaveUp.id)).toMatchObject({ status: 'queued', attempts: 0, statusReason: 'retry requested by an admin' });
    expect((await status(throttled.id)).status).toBe('queued');
    expect((await status(undeliverable.id)).status).toBe('failed');
    expect((await status(badTemplate.id)).status).toBe('failed');
    expect((await status(sent.id)).status).toBe('sent');
    expect((await status(foreign.id)).status).toBe('failed');
    // The campaign of another workspace cannot be reached through this one.
    await expect(retryFailedMessages(ws.id, other.campaign.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('workspace scoping', () => {
  it('never starts, pauses, stops or previews another workspace’s campaign', async () => {
    const mine = await createBroadcastScene();
    const theirs = await createBroadcastScene();
    await insertLeads(theirs.ws.id, 5);
    await queueCampaignTestMessage(theirs.ws.id, { campaignId: theirs.campaign.id, phone: '+5511987650001' });
    for (const op of [startCampaign, pauseCampaign, resumeCampaign, stopCampaign, previewBroadcastAudience]) {
      await expect(op(mine.ws.id, theirs.campaign.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    }
    await expect(queueCampaignTestMessage(mine.ws.id, { campaignId: theirs.campaign.id, phone: '+5511987650002' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const db = await getDb();
    const [c] = await db.select().from(campaigns).where(eq(campaigns.id, theirs.campaign.id));
    expect(c.status).toBe('draft');
    // A broadcast's audience is this workspace's leads only.
    await startWithTest(mine.ws.id, mine.campaign.id);
    const counts = await campaignMessageCounts(mine.campaign.id);
    expect(counts.total).toBe(1); // only the test recipient lead of this workspace
  });
});
