import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { createLead, createQueuedMessage, createSenderPhone, createWorkspace } from '@/db/factories';
import { inboundMessages, type MessageStatus } from '@/db/schema';
import { getDashboardCounts } from './get-dashboard-counts';

// São Paulo is UTC-3 all year (no daylight saving since 2019), so local days are easy to place.
const NOW = new Date('2026-03-10T12:00:00Z'); // 09:00 local on Tue 10 March
const at = (iso: string) => new Date(iso);

async function seedWorkspace(opts: { timezone: string }) {
  const ws = await createWorkspace(undefined, { timezone: opts.timezone });
  const phone = await createSenderPhone(ws.id);
  const leadAt = (iso: string) => createLead(ws.id, { createdAt: at(iso) });
  const lead = await leadAt('2026-03-10T03:30:00Z'); // 00:30 local on 10 March
  await leadAt('2026-03-10T02:30:00Z'); // 23:30 local on 9 March (UTC already says the 10th)
  await leadAt('2026-03-04T03:00:00Z'); // local midnight starting 4 March: first day of the window
  await leadAt('2026-03-04T02:59:59Z'); // one second earlier: 3 March, outside the window
  await leadAt('2026-02-01T12:00:00Z'); // long ago: only in the total

  const message = (status: MessageStatus, times: { sentAt?: Date; deliveredAt?: Date; readAt?: Date } = {}) =>
    createQueuedMessage(ws.id, { leadId: lead.id, senderPhoneId: phone.id, toPhone: lead.phoneE164, status, ...times });
  await message('queued');
  await message('sending');
  await message('sent', { sentAt: at('2026-03-09T15:00:00Z') });
  await message('delivered', { sentAt: at('2026-03-09T15:00:00Z'), deliveredAt: at('2026-03-09T15:00:05Z') });
  // Sent late on the 8th locally, delivered and read after local midnight: two different days.
  await message('read', {
    sentAt: at('2026-03-09T02:50:00Z'),
    deliveredAt: at('2026-03-09T03:10:00Z'),
    readAt: at('2026-03-09T04:00:00Z'),
  });
  // Meta sometimes reports read without a delivered receipt first.
  await message('read', { sentAt: at('2026-03-10T10:00:00Z'), readAt: at('2026-03-10T10:01:00Z') });
  await message('failed');
  await message('skipped');
  await message('unknown');

  const db = await getDb();
  for (const text of ['Oi', 'Pode me ligar?']) {
    await db.insert(inboundMessages).values({
      workspaceId: ws.id,
      leadId: lead.id,
      providerMessageId: `wamid.${randomUUID()}`,
      type: 'text',
      text,
      payload: {},
      receivedAt: at('2026-03-09T16:00:00Z'),
    });
  }
  return ws;
}

describe('getDashboardCounts', () => {
  let wsId: string;
  let otherWsId: string;

  beforeAll(async () => {
    wsId = (await seedWorkspace({ timezone: 'America/Sao_Paulo' })).id;
    // The same rows in a second workspace must not leak into the first one's numbers.
    otherWsId = (await seedWorkspace({ timezone: 'America/Sao_Paulo' })).id;
    const extra = await createWorkspace();
    await createLead(otherWsId);
    await createLead(extra.id);
  });

  it('counts leads, messages by status and replies of this workspace only', async () => {
    const c = await getDashboardCounts(wsId, { now: NOW });
    expect(c.timezone).toBe('America/Sao_Paulo');
    expect(c.totalLeads).toBe(5);
    expect(c.leadsLast7Days).toBe(3);
    expect(c.messagesByStatus).toEqual({
      queued: 1,
      sending: 1,
      sent: 1,
      delivered: 1,
      read: 2,
      failed: 1,
      skipped: 1,
      unknown: 1,
    });
    expect(c.totalMessages).toBe(9);
    expect(c.inboundReplies).toBe(2);

    const other = await getDashboardCounts(otherWsId, { now: NOW });
    expect(other.totalLeads).toBe(6);
  });

  it('buckets the last 7 days by local calendar day, oldest first', async () => {
    const c = await getDashboardCounts(wsId, { now: NOW });
    expect(c.daily.map((d) => d.day)).toEqual([
      '2026-03-04',
      '2026-03-05',
      '2026-03-06',
      '2026-03-07',
      '2026-03-08',
      '2026-03-09',
      '2026-03-10',
    ]);
    const byDay = Object.fromEntries(c.daily.map((d) => [d.day, d]));
    expect(byDay['2026-03-04']).toEqual({ day: '2026-03-04', leads: 1, sent: 0, delivered: 0 });
    expect(byDay['2026-03-08']).toEqual({ day: '2026-03-08', leads: 0, sent: 1, delivered: 0 });
    expect(byDay['2026-03-09']).toEqual({ day: '2026-03-09', leads: 1, sent: 2, delivered: 2 });
    expect(byDay['2026-03-10']).toEqual({ day: '2026-03-10', leads: 1, sent: 1, delivered: 1 });
  });

  it('follows the workspace time zone', async () => {
    const tokyo = await seedWorkspace({ timezone: 'Asia/Tokyo' }); // UTC+9
    const c = await getDashboardCounts(tokyo.id, { now: NOW }); // 21:00 on 10 March in Tokyo
    const byDay = Object.fromEntries(c.daily.map((d) => [d.day, d.leads]));
    // 02:30Z and 03:30Z on the 10th are both 10 March in Tokyo; 03:00Z on the 4th is noon there.
    expect(byDay['2026-03-10']).toBe(2);
    expect(byDay['2026-03-04']).toBe(2);
  });

  it('gives zeros, not gaps, for an empty workspace', async () => {
    const empty = await createWorkspace();
    const c = await getDashboardCounts(empty.id, { now: NOW });
    expect(c.totalLeads).toBe(0);
    expect(c.totalMessages).toBe(0);
    expect(c.daily).toHaveLength(7);
    expect(c.daily.every((d) => d.leads === 0 && d.sent === 0 && d.delivered === 0)).toBe(true);
  });
});
