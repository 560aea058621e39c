import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { createCampaign, createLead, createSenderPhone, createTemplate, createWorkspace } from '@/db/factories';
import { leads, messages } from '@/db/schema';
import { queueCampaignTestMessage } from '@/lib/campaigns/queue-campaign-test-message';
import { getLeadTimeline, type OutboundItem } from '@/lib/leads/get-lead-timeline';
import { startFakeWhatsAppServer, type FakeWhatsAppServer } from '@/lib/whatsapp/fake/server';
import { sendTemplateDraftNow } from './send-template-draft-now';

// Issue 15 item 12: a test sent from the template editor is in the lead's history, as one
// from the campaign page is.

let server: FakeWhatsAppServer;
beforeAll(async () => {
  server = await startFakeWhatsAppServer({ webhooks: { enabled: false }, pairRateLimit: false });
});
afterAll(async () => {
  await server.close();
});

const outbound = async (workspaceId: string, leadId: string) =>
  (await getLeadTimeline(workspaceId, leadId)).filter((i): i is OutboundItem => i.kind === 'outbound');

describe('test sends in the lead history', () => {
  // Opening (and migrating) the database belongs to no test's time budget.
  beforeAll(async () => {
    await getDb();
  });

  it('a template-editor test and a campaign test to the same lead both appear on its timeline', async () => {
    const ws = await createWorkspace();
    const sender = await createSenderPhone(ws.id, { apiBaseUrl: server.url, apiVersion: 'v23.0' });
    server.fake.addPhone({ phoneNumberId: sender.phoneNumberId, wabaId: sender.wabaId, accessToken: sender.accessToken, appSecret: sender.appSecret });
    const lead = await createLead(ws.id, { name: 'Bruno Lima', phoneE164: '+5511988887777' });
    const saved = await createTemplate(ws.id, { name: 'Boas-vindas', body: 'Oi {{first_name}}' });
    const campaign = await createCampaign(ws.id, { templateId: saved.id, senderPhoneId: sender.id, kind: 'broadcast', status: 'draft' });

    const sent = await sendTemplateDraftNow(ws.id, {
      senderPhoneId: sender.id,
      to: '(11) 98888-7777',
      leadId: lead.id,
      draft: { id: saved.id, name: 'Boas-vindas', kind: 'session_text', body: 'Oi {{first_name}}, teste' },
    });
    expect(sent).toMatchObject({ ok: true, text: 'Oi Bruno, teste' });
    await queueCampaignTestMessage(ws.id, { campaignId: campaign.id, phone: '+55 11 98888-7777' });

    const items = await outbound(ws.id, lead.id);
    expect(items).toHaveLength(2);
    const editorTest = items.find((i) => i.body === 'Oi Bruno, teste')!;
    expect(editorTest).toMatchObject({ status: 'sent', templateName: 'Boas-vindas', campaignName: null });
    expect(editorTest.events.map((e) => e.status)).toEqual(['sending', 'sent']);
    expect(items.find((i) => i !== editorTest)).toMatchObject({ status: 'queued', templateName: 'Boas-vindas' });

    // Meta got the row's id back as callback data, so its status webhooks settle this row.
    const db = await getDb();
    const [row] = await db.select().from(messages).where(eq(messages.id, editorTest.id));
    expect(row.providerMessageId).toBe((sent as { providerMessageId: string }).providerMessageId);
    expect(server.fake.sent.at(-1)!.body).toMatchObject({ biz_opaque_callback_data: row.id });
    // Not a campaign message, never claimed by a dispatcher.
    expect(row).toMatchObject({ campaignId: null, isBusinessInitiated: false, leaseOwner: null });
  });

  it('a test to a number no lead has creates a "Test recipient" lead holding it; a rejected send is kept as failed', async () => {
    const ws = await createWorkspace();
    const sender = await createSenderPhone(ws.id, { apiBaseUrl: server.url, apiVersion: 'v23.0' });
    server.fake.addPhone({ phoneNumberId: sender.phoneNumberId, wabaId: sender.wabaId, accessToken: sender.accessToken, appSecret: sender.appSecret });
    const draft = { name: 'Unsaved', kind: 'session_text', body: 'Oi {{first_name|você}}' };
    server.fake.setFailures({ byRecipient: { '5511977776666': 131026 } });
    const r = await sendTemplateDraftNow(ws.id, { senderPhoneId: sender.id, to: '+5511977776666', leadId: 'sample', draft });
    server.fake.setFailures({});
    expect(r).toMatchObject({ ok: false, failure: { code: 131026 } });

    const db = await getDb();
    const [recipient] = await db.select().from(leads).where(and(eq(leads.workspaceId, ws.id), eq(leads.phoneE164, '+5511977776666')));
    expect(recipient).toMatchObject({ name: 'Test recipient', tags: ['test-recipient'] });
    const [item] = await outbound(ws.id, recipient.id);
    expect(item).toMatchObject({ status: 'failed', templateName: null, body: 'Oi você', error: { code: 131026 } });
  });
});
