import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { execRows, getDb } from '@/db/client';
import { createLead, createSenderPhone, createTemplate, createWorkspace } from '@/db/factories';
import { campaigns, landingPages } from '@/db/schema';
import { EMPTY_SEGMENT } from '@/lib/segments/schema';
import { campaignFormValues, newCampaignFormValues } from './form-values';
import { queueCampaignMessages } from './queue-campaign-messages';
import { createCampaign, updateCampaign } from './save-campaign';
import type { CampaignFormValues } from './schema';

async function scene() {
  const ws = await createWorkspace();
  const sender = await createSenderPhone(ws.id, { provider: 'sandbox' });
  const template = await createTemplate(ws.id);
  const scope = { workspaceId: ws.id, timeZone: 'America/Sao_Paulo' };
  const values = (o: Partial<CampaignFormValues> = {}): CampaignFormValues => ({
    ...newCampaignFormValues('automated', { templateId: template.id, senderPhoneId: sender.id }),
    name: 'Welcome',
    ...o,
  });
  return { ws, sender, template, scope, values };
}

const load = async (id: string) => (await (await getDb()).select().from(campaigns).where(eq(campaigns.id, id)))[0];

describe('saving a campaign', () => {
  it('stores an automated campaign’s trigger, delay, window and pool as a draft, and reads back the same form', async () => {
    const { ws, sender, scope, values } = await scene();
    const second = await createSenderPhone(ws.id, { provider: 'sandbox' });
    const [lp] = await (await getDb())
      .insert(landingPages)
      .values({ workspaceId: ws.id, slug: `lp-${ws.id.slice(0, 8)}`, title: 'Promo', headline: 'Hi', consentText: 'ok' })
      .returning();
    const input = values({
      senderPhoneIds: [sender.id, second.id],
      triggerSources: ['landing_page'],
      triggerLandingPageIds: [lp.id],
      triggerTags: ' vip,  spring ,vip,',
      onImport: true,
      delayMode: 'minutes',
      delayMinutes: 15,
      windowEnabled: true,
      windowDays: ['5', '1'],
      windowStartHour: 22,
      windowEndHour: 6,
    });
    const { id } = await createCampaign(scope, input);
    const c = await load(id);
    expect(c).toMatchObject({
      status: 'draft',
      kind: 'automated',
      senderPhoneId: sender.id,
      senderPhoneIds: [sender.id, second.id],
      trigger: { sources: ['landing_page'], landingPageIds: [lp.id], tags: ['vip', 'spring'], onImport: true },
      delaySeconds: 900,
      sendWindow: { days: [1, 5], startHour: 22, endHour: 6 },
      segment: null,
    });
    expect(campaignFormValues(c, scope.timeZone)).toEqual({ ...input, triggerTags: 'vip, spring', windowDays: ['1', '5'] });
  });

  it('gives field errors for bad input and for rows of another workspace', async () => {
    const { scope, values } = await scene();
    const other = await scene();
    await expect(createCampaign(scope, { ...values(), name: ' ', senderPhoneIds: [] })).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: { name: 'Give the campaign a name', senderPhoneIds: 'Choose at least one sender phone' },
    });
    await expect(createCampaign(scope, values({ templateId: other.template.id, senderPhoneIds: [other.sender.id] }))).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: { templateId: expect.stringContaining('does not exist'), senderPhoneIds: expect.stringContaining('does not exist') },
    });
    await expect(createCampaign(scope, values({ kind: 'broadcast', scheduleMode: 'later', scheduledAt: '2020-01-01T10:00' }))).rejects.toMatchObject({
      fields: { scheduledAt: 'Pick a time in the future' },
    });
    await expect(createCampaign(scope, values({ windowEnabled: true, windowDays: [] }))).rejects.toMatchObject({ fields: { windowDays: 'Pick at least one day' } });
  });

  it('stores a broadcast’s segment and schedule in the workspace time zone; a started broadcast can no longer change', async () => {
    const { scope, values } = await scene();
    const { id } = await createCampaign(
      scope,
      values({ kind: 'broadcast', scheduleMode: 'later', scheduledAt: '2099-06-01T09:30', segment: { ...EMPTY_SEGMENT, tags: ['vip'] } }),
    );
    const c = await load(id);
    expect(c.scheduledAt?.toISOString()).toBe('2099-06-01T12:30:00.000Z'); // São Paulo is UTC-3
    expect(c.segment).toMatchObject({ tags: ['vip'] });
    expect(c.trigger).toEqual({ sources: [], landingPageIds: [], tags: [], onImport: false });

    await (await getDb()).update(campaigns).set({ status: 'active' }).where(eq(campaigns.id, id));
    await expect(updateCampaign(scope, id, values({ kind: 'broadcast', name: 'Renamed' }))).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('lets a running automated campaign change its rules but not its kind; never another workspace’s', async () => {
    const { scope, values } = await scene();
    const other = await scene();
    const { id } = await createCampaign(scope, values());
    await (await getDb()).update(campaigns).set({ status: 'active' }).where(eq(campaigns.id, id));
    await updateCampaign(scope, id, values({ name: 'Renamed', triggerTags: 'late' }));
    expect(await load(id)).toMatchObject({ name: 'Renamed', status: 'active', trigger: { tags: ['late'] } });
    await expect(updateCampaign(scope, id, values({ kind: 'broadcast' }))).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(updateCampaign(other.scope, id, other.values())).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('automated campaigns with a pool of senders', () => {
  it('give each new lead one phone of the pool, the same one every time, spread over the pool', async () => {
    const { ws, sender, scope, values } = await scene();
    const second = await createSenderPhone(ws.id, { provider: 'sandbox' });
    const { id } = await createCampaign(scope, values({ senderPhoneIds: [sender.id, second.id] }));
    await (await getDb()).update(campaigns).set({ status: 'active' }).where(eq(campaigns.id, id));
    const db = await getDb();
    for (let i = 0; i < 40; i++) {
      const lead = await createLead(ws.id, { source: 'landing_page' });
      await db.transaction((tx) => queueCampaignMessages(tx, lead, { source: 'landing_page' }));
    }
    const rows = await execRows<{ sender_phone_id: string; n: number }>(
      db,
      sql`select sender_phone_id, count(*)::int as n from messages where campaign_id = ${id}::uuid group by 1`,
    );
    expect(rows.map((r) => r.sender_phone_id).sort()).toEqual([sender.id, second.id].sort());
    expect(rows.every((r) => Number(r.n) >= 8)).toBe(true);
  });
});

describe('campaignSenderSql', () => {
  it('picks the same sender in SQL as poolSenderSql does', async () => {
    const { ws, sender, scope, values } = await scene();
    const second = await createSenderPhone(ws.id, { provider: 'sandbox' });
    const { id } = await createCampaign(scope, values({ senderPhoneIds: [sender.id, second.id] }));
    const single = await createCampaign(scope, values());
    const lead = await createLead(ws.id);
    const { campaignSenderSql, poolSenderSql } = await import('./sender-pool');
    const db = await getDb();
    const [row] = await execRows<{ pooled: string; alone: string; expected: string }>(
      db,
      sql`select (select ${campaignSenderSql('c', sql`${lead.id}::uuid`)} from campaigns c where c.id = ${id}::uuid) as pooled,
                 (select ${campaignSenderSql('c', sql`${lead.id}::uuid`)} from campaigns c where c.id = ${single.id}::uuid) as alone,
                 ${poolSenderSql([sender.id, second.id], sql`${lead.id}::uuid`)} as expected`,
    );
    expect(row.pooled).toBe(row.expected);
    expect(row.alone).toBe(sender.id);
  });
});

describe('an automated campaign paused while leads arrive', () => {
  it('queues their messages held, and resume makes them due after their own delay', async () => {
    const { ws, scope, values } = await scene();
    const { id } = await createCampaign(scope, values({ delayMode: 'minutes', delayMinutes: 10 }));
    const db = await getDb();
    await db.update(campaigns).set({ status: 'paused' }).where(eq(campaigns.id, id));
    const lead = await createLead(ws.id, { source: 'landing_page' });
    await db.transaction((tx) => queueCampaignMessages(tx, lead, { source: 'landing_page' }));
    const held = async () =>
      (
        await execRows<{ reason: string | null; mins: number }>(
          db,
          sql`select status_reason as reason, extract(epoch from next_attempt_at - now()) / 60 as mins from messages where campaign_id = ${id}::uuid`,
        )
      ).map((r) => ({ reason: r.reason, mins: Math.round(Number(r.mins)) }));
    const [before] = await held();
    expect(before.reason).toBe('campaign paused');
    expect(before.mins).toBeGreaterThan(50 * 365 * 24 * 60);
    const { resumeCampaign } = await import('./resume-campaign');
    expect(await resumeCampaign(ws.id, id)).toEqual({ released: 1 });
    expect(await held()).toEqual([{ reason: null, mins: 10 }]);
  });
});
