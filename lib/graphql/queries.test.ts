import { describe, expect, it } from 'vitest';
import { createLead, createQueuedMessage, createSenderPhone, createTemplate, createCampaign } from '@/db/factories';
import { at, codes, gql, workspaceWithKey } from './test-kit';
import { toGlobalId } from './relay';

describe('queries with a read key', () => {
  it('answers viewer, leads, lead, leadByPhone, messages, campaigns, senderPhones, appointments, dashboard', async () => {
    const { ws, key } = await workspaceWithKey(['read']);
    const lead = await createLead(ws.id, { name: 'Bia', phoneE164: '+5511987650001', tags: ['vip'] });
    const sender = await createSenderPhone(ws.id, { accessToken: 'token-never-shown-123456' });
    const tpl = await createTemplate(ws.id);
    const campaign = await createCampaign(ws.id, { templateId: tpl.id, senderPhoneId: sender.id });
    await createQueuedMessage(ws.id, { leadId: lead.id, senderPhoneId: sender.id, toPhone: lead.phoneE164, campaignId: campaign.id });

    const a = await gql(key, `{
      viewer { workspace { name } scopes authenticatedWith }
      leads(first: 10) { totalCount edges { cursor node { id name phone tags lastMessage { status } } } pageInfo { hasNextPage endCursor } }
      byPhone: leadByPhone(phone: "(11) 98765-0001") { name }
      messages(filter: { leadId: "${toGlobalId('Lead', lead.id)}" }) { totalCount edges { node { status toPhone } } }
      campaigns { edges { node { name stats { queued total } } } }
      campaign(id: "${toGlobalId('Campaign', campaign.id)}") { name stats { queued total replied } }
      senderPhones { edges { node { label status isActive } } }
      appointments { totalCount }
      messageTemplates { totalCount }
      landingPages { totalCount }
      imports { totalCount }
      dashboard { totalLeads messagesByStatus { queued } daily { day } }
    }`);
    expect(JSON.stringify(a.errors)).toBeUndefined();
    expect(a.status).toBe(200);
    expect(at(a, 'viewer')).toEqual({ workspace: { name: ws.name }, scopes: ['READ'], authenticatedWith: 'API_KEY' });
    expect(at(a, 'leads.totalCount')).toBe(1);
    expect(at(a, 'leads.edges.0.node')).toMatchObject({ name: 'Bia', phone: '+5511987650001', tags: ['vip'], lastMessage: { status: 'QUEUED' } });
    expect(at(a, 'byPhone')).toEqual({ name: 'Bia' });
    expect(at(a, 'messages.totalCount')).toBe(1);
    expect(at(a, 'campaigns.edges.0.node.stats')).toEqual({ queued: 1, total: 1 });
    expect(at(a, 'campaign.stats')).toMatchObject({ queued: 1, total: 1, replied: 0 });
    expect(at(a, 'senderPhones.edges')).toHaveLength(1);
    expect(JSON.stringify(a)).not.toContain('token-never-shown');
    expect(at(a, 'dashboard.totalLeads')).toBe(1);
    expect(at(a, 'dashboard.daily')).toHaveLength(7);

    const byId = await gql(key, `query($id: ID!) { lead(id: $id) { name attributes consent { at } } node(id: $id) { ... on Lead { phone } } }`, {
      id: toGlobalId('Lead', lead.id),
    });
    expect(byId.errors).toBeUndefined();
    expect(byId.data).toEqual({ lead: { name: 'Bia', attributes: {}, consent: null }, node: { phone: '+5511987650001' } });
  });

  it('refuses a missing or unknown key with UNAUTHENTICATED and 401', async () => {
    for (const key of [null, 'wl_live_00000000000000000000000000000000', 'nonsense']) {
      const a = await gql(key, '{ viewer { scopes } }');
      expect(a.status).toBe(401);
      expect(codes(a)).toEqual(['UNAUTHENTICATED']);
    }
  });
});
