import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { createCampaign, createLead, createQueuedMessage, createSenderPhone, createTemplate } from '@/db/factories';
import * as s from '@/db/schema';
import { toGlobalId } from './relay';
import { codes, gql, workspaceWithKey } from './test-kit';

// Workspace A's write key against workspace B's ids: every query and mutation answers
// NOT_FOUND (never a hint that the id exists) and nothing of B changes.

let A: Awaited<ReturnType<typeof workspaceWithKey>>;
let ids: Record<string, string>;
let bLead: s.Lead;

beforeAll(async () => {
  A = await workspaceWithKey(['read', 'write']);
  const B = await workspaceWithKey(['read', 'write']);
  bLead = await createLead(B.ws.id, { name: 'Secret B', tags: ['b'] });
  const sender = await createSenderPhone(B.ws.id);
  const tpl = await createTemplate(B.ws.id);
  const campaign = await createCampaign(B.ws.id, { templateId: tpl.id, senderPhoneId: sender.id });
  const message = await createQueuedMessage(B.ws.id, { leadId: bLead.id, senderPhoneId: sender.id, toPhone: bLead.phoneE164 });
  const db = await getDb();
  const [appointment] = await db.insert(s.appointments).values({ workspaceId: B.ws.id, leadId: bLead.id, title: 'Visit', startsAt: new Date() }).returning();
  const [page] = await db
    .insert(s.landingPages)
    .values({ workspaceId: B.ws.id, slug: `b-${bLead.id.slice(0, 8)}`, title: 'B page', headline: 'B', consentText: 'ok' })
    .returning();
  ids = {
    lead: toGlobalId('Lead', bLead.id),
    sender: toGlobalId('SenderPhone', sender.id),
    template: toGlobalId('MessageTemplate', tpl.id),
    campaign: toGlobalId('Campaign', campaign.id),
    message: toGlobalId('Message', message.id),
    appointment: toGlobalId('Appointment', appointment.id),
    page: toGlobalId('LandingPage', page.id),
    workspace: toGlobalId('Workspace', B.ws.id),
  };
});

const phoneInput = `{ label: "x", phoneNumberId: "1234567", wabaId: "7654321", webhookVerifyToken: "verify-token-abcdefgh", accessToken: "EAAG-token-0123456789012", appSecret: "app-secret-0123456789" }`;

const operations = (): [string, string][] => [
  ['lead', `{ lead(id: "${ids.lead}") { name } }`],
  ...Object.entries(ids).map(([k, id]): [string, string] => [`node ${k}`, `{ node(id: "${id}") { id } }`]),
  ['campaign', `{ campaign(id: "${ids.campaign}") { name } }`],
  ['leads by landing page', `{ leads(filter: { landingPageId: "${ids.page}" }) { totalCount } }`],
  ['leads by campaign', `{ leads(filter: { campaignId: "${ids.campaign}" }) { totalCount } }`],
  ['messages by lead', `{ messages(filter: { leadId: "${ids.lead}" }) { totalCount } }`],
  ['messages by campaign', `{ messages(filter: { campaignId: "${ids.campaign}" }) { totalCount } }`],
  ['inbound by lead', `{ inboundMessages(filter: { leadId: "${ids.lead}" }) { totalCount } }`],
  ['appointments by lead', `{ appointments(filter: { leadId: "${ids.lead}" }) { totalCount } }`],
  ['updateLead', `mutation { updateLead(id: "${ids.lead}", input: { name: "hacked" }) { name } }`],
  ['deleteLeads', `mutation { deleteLeads(ids: ["${ids.lead}"]) { count } }`],
  ['tagLeads', `mutation { tagLeads(ids: ["${ids.lead}"], tag: "hacked") { tags } }`],
  ['untagLeads', `mutation { untagLeads(ids: ["${ids.lead}"], tag: "b") { tags } }`],
  ['optOutLead', `mutation { optOutLead(id: "${ids.lead}") { optedOut } }`],
  ['optInLead', `mutation { optInLead(id: "${ids.lead}") { optedOut } }`],
  ['sendMessage', `mutation { sendMessage(input: { leadId: "${ids.lead}", templateId: "${ids.template}", senderPhoneId: "${ids.sender}", idempotencyKey: "x" }) { created } }`],
  ['updateMessageTemplate', `mutation { updateMessageTemplate(id: "${ids.template}", input: { name: "h", kind: "session_text", body: "h" }) { name } }`],
  ['archiveMessageTemplate', `mutation { archiveMessageTemplate(id: "${ids.template}") }`],
  ['updateSenderPhone', `mutation { updateSenderPhone(id: "${ids.sender}", input: ${phoneInput}) { label } }`],
  ['verifySenderPhone', `mutation { verifySenderPhone(id: "${ids.sender}") { ok } }`],
  ['deactivateSenderPhone', `mutation { deactivateSenderPhone(id: "${ids.sender}") { isActive } }`],
  ['createCampaign with B template', `mutation { createCampaign(input: { name: "x", kind: AUTOMATED, templateId: "${ids.template}", senderPhoneIds: ["${ids.sender}"] }) { id } }`],
  ['updateCampaign', `mutation { updateCampaign(id: "${ids.campaign}", input: { name: "hacked" }) { name } }`],
  ['sendCampaignTest', `mutation { sendCampaignTest(id: "${ids.campaign}", phone: "+5511987659999") }`],
  ['createAppointment for B lead', `mutation { createAppointment(input: { leadId: "${ids.lead}", title: "x", startsAt: "2027-01-01T10:00:00Z" }) { id } }`],
  ['updateAppointment', `mutation { updateAppointment(id: "${ids.appointment}", input: { title: "hacked" }) { id } }`],
  ['cancelAppointment', `mutation { cancelAppointment(id: "${ids.appointment}") { id } }`],
  ...['startCampaign', 'pauseCampaign', 'resumeCampaign', 'stopCampaign'].map((op): [string, string] => [op, `mutation { ${op}(id: "${ids.campaign}") { status } }`]),
];

describe("workspace A's key against workspace B's ids", () => {
  it('answers NOT_FOUND to every query and mutation', async () => {
    const ops = operations();
    expect(ops.length).toBeGreaterThan(30);
    for (const [name, query] of ops) {
      const a = await gql(A.key, query);
      expect({ name, codes: codes(a) }).toEqual({ name, codes: ['NOT_FOUND'] });
      expect(JSON.stringify(a)).not.toContain('Secret B');
    }
  });

  it('left B untouched and does not list B in A', async () => {
    const db = await getDb();
    const [lead] = await db.select().from(s.leads).where(eq(s.leads.id, bLead.id));
    expect(lead).toMatchObject({ name: 'Secret B', tags: ['b'], optedOutAt: null });
    const list = await gql(A.key, '{ leads { totalCount } leadByPhone(phone: "' + bLead.phoneE164 + '") { id } messages { totalCount } campaigns { totalCount } senderPhones { totalCount } }');
    expect(list.data).toEqual({ leads: { totalCount: 0 }, leadByPhone: null, messages: { totalCount: 0 }, campaigns: { totalCount: 0 }, senderPhones: { totalCount: 0 } });
  });
});
