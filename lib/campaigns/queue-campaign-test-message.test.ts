import { and, count, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { createSenderPhone } from '@/db/factories';
import { messages } from '@/db/schema';
import { TEST_SEND_RATE } from '@/lib/messages/consume-test-send-quota';
import { sendTemplateDraftNow } from '@/lib/templates/send-template-draft-now';
import { queueCampaignTestMessage } from './queue-campaign-test-message';
import { createBroadcastScene } from './test-scene';

async function testMessagesOf(workspaceId: string): Promise<number> {
  const db = await getDb();
  const [{ n }] = await db
    .select({ n: count() })
    .from(messages)
    .where(and(eq(messages.workspaceId, workspaceId), sql`${messages.payload} ? 'testOfCampaignId'`));
  return n;
}

describe('campaign test send limit', () => {
  it('allows the same number of test sends a minute as the template editor, then answers RATE_LIMITED, per workspace', async () => {
    const { ws, campaign } = await createBroadcastScene();
    const other = await createBroadcastScene();
    expect(TEST_SEND_RATE).toEqual({ window: 60, max: 20 });

    for (let i = 0; i < TEST_SEND_RATE.max; i++) {
      await queueCampaignTestMessage(ws.id, { campaignId: campaign.id, phone: '+5511987650000' });
    }
    await expect(queueCampaignTestMessage(ws.id, { campaignId: campaign.id, phone: '+5511987650000' })).rejects.toMatchObject({
      code: 'RATE_LIMITED',
      httpStatus: 429,
      retryAfterSeconds: expect.any(Number),
      message: expect.stringContaining('Too many test messages'),
    });
    // Nothing was queued for the refused one.
    expect(await testMessagesOf(ws.id)).toBe(TEST_SEND_RATE.max);

    // Another workspace has its own allowance.
    await queueCampaignTestMessage(other.ws.id, { campaignId: other.campaign.id, phone: '+5511987650000' });
    expect(await testMessagesOf(other.ws.id)).toBe(1);

    // One shared rule: the template editor's test send is refused too, before anything is sent.
    const sender = await createSenderPhone(ws.id, { apiBaseUrl: 'http://127.0.0.1:9', apiVersion: 'v23.0' });
    const draft = { name: 'Unsaved', kind: 'session_text', body: 'Oi {{first_name|você}}' };
    await expect(sendTemplateDraftNow(ws.id, { senderPhoneId: sender.id, to: '+5511988887777', leadId: 'sample', draft })).rejects.toMatchObject({
      code: 'RATE_LIMITED',
    });
  });

  it('does not count a refused number against the limit', async () => {
    const { ws, campaign } = await createBroadcastScene();
    for (let i = 0; i < TEST_SEND_RATE.max + 5; i++) {
      await expect(queueCampaignTestMessage(ws.id, { campaignId: campaign.id, phone: '12' })).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    }
    await queueCampaignTestMessage(ws.id, { campaignId: campaign.id, phone: '+5511987650000' });
    expect(await testMessagesOf(ws.id)).toBe(1);
  });
});
