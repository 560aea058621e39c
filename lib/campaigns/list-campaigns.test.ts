import { describe, expect, it } from 'vitest';
import {
  createCampaign,
  createLead,
  createQueuedMessage,
  createSenderPhone,
  createTemplate,
  createWorkspace,
} from '@/db/factories';
import { getDb } from '@/db/client';
import { inboundMessages, type MessageStatus } from '@/db/schema';
import { listCampaigns } from './list-campaigns';

async function seedCampaign(statuses: MessageStatus[]) {
  const ws = await createWorkspace();
  const phone = await createSenderPhone(ws.id, { label: 'Sender A' });
  const template = await createTemplate(ws.id, { name: 'Welcome' });
  const campaign = await createCampaign(ws.id, { templateId: template.id, senderPhoneId: phone.id, name: 'Spring' });
  const lead = await createLead(ws.id);
  for (const status of statuses) {
    await createQueuedMessage(ws.id, { leadId: lead.id, senderPhoneId: phone.id, toPhone: lead.phoneE164, campaignId: campaign.id, status });
  }
  // A message outside any campaign is not counted for one.
  await createQueuedMessage(ws.id, { leadId: lead.id, senderPhoneId: phone.id, toPhone: lead.phoneE164, status: 'sent' });
  return { ws, campaign, lead, phone };
}

describe('listCampaigns', () => {
  it('lists campaigns with template, sender and message counts per status, per workspace', async () => {
    const { ws, campaign } = await seedCampaign(['queued', 'sent', 'sent', 'delivered', 'read', 'read', 'read', 'failed', 'skipped']);
    await seedCampaign(['sent', 'sent', 'failed']);

    const rows = await listCampaigns(ws.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: campaign.id, name: 'Spring', templateName: 'Welcome', senderLabel: 'Sender A' });
    expect(rows[0].counts).toEqual({ queued: 1, sending: 0, sent: 2, delivered: 1, read: 3, failed: 1, skipped: 1, unknown: 0 });
  });

  it('counts the leads who replied after the campaign’s message was sent', async () => {
    const { ws, campaign, lead, phone } = await seedCampaign([]);
    await createQueuedMessage(ws.id, {
      leadId: lead.id,
      senderPhoneId: phone.id,
      toPhone: lead.phoneE164,
      campaignId: campaign.id,
      status: 'read',
      sentAt: new Date('2026-01-01T10:00:00Z'),
    });
    const inbound = (at: string, id: string) =>
      ({ workspaceId: ws.id, leadId: lead.id, senderPhoneId: phone.id, providerMessageId: `wamid.${id}.${lead.id}`, type: 'text', payload: {}, receivedAt: new Date(at) });
    const db = await getDb();
    await db.insert(inboundMessages).values(inbound('2026-01-01T09:00:00Z', 'before'));
    expect((await listCampaigns(ws.id))[0].replied).toBe(0);
    await db.insert(inboundMessages).values(inbound('2026-01-01T11:00:00Z', 'after'));
    expect((await listCampaigns(ws.id))[0].replied).toBe(1);
  });

  it('gives zero counts to a campaign that has not sent anything', async () => {
    const { ws } = await seedCampaign([]);
    const [row] = await listCampaigns(ws.id);
    expect(Object.values(row.counts).every((n) => n === 0)).toBe(true);
  });
});
