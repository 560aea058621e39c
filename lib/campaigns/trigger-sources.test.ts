import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { createCampaign, createSenderPhone, createTemplate, uniquePhone } from '@/db/factories';
import { LEAD_SOURCES, leads, messages, type LeadSource } from '@/db/schema';
import { gql, workspaceWithKey } from '@/lib/graphql/test-kit';
import { importRows } from '@/lib/imports/import-rows';
import { createLandingPage } from '@/lib/landing-pages/save-landing-page';
import { submitLandingPage } from '@/lib/leadgen/submit-landing-page';
import { DEFAULT_FIELDS } from '@/lib/leadgen/schema';
import { createLead } from '@/lib/leads/create-lead';
import { EMPTY_LEAD_FORM } from '@/lib/leads/schema';
import { recordInboundMessage } from '@/lib/webhooks/record-inbound-message';

// Issue 15 item 2: every source the campaign form offers ("From sources") triggers an automated
// campaign through the real entry point of that source.

type Scene = { workspaceId: string; senderId: string; apiKey: string; userId: string };

async function scene(): Promise<Scene> {
  const { ws, key, user } = await workspaceWithKey();
  return { workspaceId: ws.id, senderId: (await createSenderPhone(ws.id)).id, apiKey: key, userId: user.id };
}

async function campaignFor(s: Scene, sources: LeadSource[], onImport = false) {
  const template = await createTemplate(s.workspaceId);
  return createCampaign(s.workspaceId, { templateId: template.id, senderPhoneId: s.senderId, trigger: { sources, landingPageIds: [], tags: [], onImport } });
}

async function messagesOf(campaignId: string) {
  const db = await getDb();
  return db.select({ leadId: messages.leadId, toPhone: messages.toPhone, status: messages.status }).from(messages).where(eq(messages.campaignId, campaignId));
}

const digits = (e164: string) => e164.slice(1);

/** Each source's own way in; returns the phone of the lead it brought. */
const ENTRY_POINTS: Record<LeadSource, (s: Scene) => Promise<string>> = {
  landing_page: async (s) => {
    const page = await createLandingPage(s.workspaceId, {
      title: 'Offer', slug: `offer-${randomUUID().slice(0, 8)}`, status: 'published', headline: 'Talk to us', description: '',
      brandColor: '#198754', buttonLabel: 'Message me', successMessage: 'Thanks!', redirectUrl: '', whatsappNumber: '', whatsappText: '',
      defaultCountry: 'BR', consentText: 'I agree.', tags: [], sourceLabel: '', campaignIds: [], corsOrigins: [], fields: DEFAULT_FIELDS, variants: [],
    });
    const phone = uniquePhone();
    const result = await submitLandingPage(page.slug, { name: 'Ana', phone, consent: 'on' }, { ip: '10.77.0.1', userAgent: 'vitest', referrer: null, landingUrl: null }, { channel: 'json' });
    expect(result).toMatchObject({ status: 'success' });
    return phone;
  },
  import: async (s) => {
    const phone = uniquePhone();
    await importRows(s.workspaceId, [{ phone, name: 'Bia' }], { fileName: 'leads.csv', triggerCampaigns: true, userId: s.userId });
    return phone;
  },
  api: async (s) => {
    const phone = uniquePhone();
    const answer = await gql(s.apiKey, 'mutation($input: UpsertLeadInput!) { upsertLead(input: $input) { created } }', {
      input: { phone, name: 'Caio', consentText: 'Signed up in our app', triggerCampaigns: true },
    });
    expect(answer.errors).toBeUndefined();
    return phone;
  },
  whatsapp: async (s) => {
    const phone = uniquePhone();
    const db = await getDb();
    await recordInboundMessage(db, { workspaceId: s.workspaceId, senderPhoneId: s.senderId }, {
      from: digits(phone), id: `wamid.${randomUUID()}`, timestamp: new Date(), type: 'text', text: { body: 'Oi, quero saber mais' },
    } as never, { wa_id: digits(phone), profile: { name: 'Dani' } } as never);
    return phone;
  },
  manual: async (s) => {
    const phone = uniquePhone();
    await createLead({ workspaceId: s.workspaceId, defaultCountry: 'BR', userId: s.userId }, { ...EMPTY_LEAD_FORM, name: 'Edu', phone, hasConsent: true, triggerCampaigns: true });
    return phone;
  },
};

describe('automated campaigns triggered by each lead source', () => {
  // Opening (and migrating) the database belongs to no test's time budget.
  beforeAll(async () => {
    await getDb();
  });

  it('covers every source the campaign form offers', () => {
    expect(Object.keys(ENTRY_POINTS).sort()).toEqual([...LEAD_SOURCES].sort());
  });

  for (const source of LEAD_SOURCES) {
    it(`a campaign "from ${source}" queues one message for a new ${source} lead, and a campaign for another source none`, async () => {
      const s = await scene();
      const wanted = await campaignFor(s, [source]);
      const other = await campaignFor(s, [source === 'api' ? 'landing_page' : 'api']);
      const phone = await ENTRY_POINTS[source](s);
      const db = await getDb();
      const [lead] = await db.select().from(leads).where(and(eq(leads.workspaceId, s.workspaceId), eq(leads.phoneE164, phone)));
      expect(lead.source).toBe(source);
      expect(await messagesOf(wanted.id)).toEqual([{ leadId: lead.id, toPhone: phone, status: 'queued' }]);
      expect(await messagesOf(other.id)).toEqual([]);
    });
  }

  it('manual and WhatsApp leads need their source ticked: an "any source" campaign does not message them', async () => {
    const s = await scene();
    const any = await campaignFor(s, []);
    await ENTRY_POINTS.manual(s);
    await ENTRY_POINTS.whatsapp(s);
    expect(await messagesOf(any.id)).toEqual([]);
    await ENTRY_POINTS.landing_page(s);
    expect(await messagesOf(any.id)).toHaveLength(1);
  });

  it('a manual lead queues nothing without consent or with the box unticked', async () => {
    const s = await scene();
    const manual = await campaignFor(s, ['manual']);
    const ctx = { workspaceId: s.workspaceId, defaultCountry: 'BR', userId: s.userId };
    await createLead(ctx, { ...EMPTY_LEAD_FORM, phone: uniquePhone(), hasConsent: false, triggerCampaigns: true });
    await createLead(ctx, { ...EMPTY_LEAD_FORM, phone: uniquePhone(), hasConsent: true, triggerCampaigns: false });
    await createLead(ctx, { ...EMPTY_LEAD_FORM, phone: uniquePhone(), hasConsent: true, optedOut: true, triggerCampaigns: true });
    expect(await messagesOf(manual.id)).toEqual([]);
  });

  it('a first WhatsApp message that says STOP opts out before the campaign looks', async () => {
    const s = await scene();
    const wa = await campaignFor(s, ['whatsapp']);
    const phone = uniquePhone();
    const db = await getDb();
    await recordInboundMessage(db, { workspaceId: s.workspaceId, senderPhoneId: s.senderId }, {
      from: digits(phone), id: `wamid.${randomUUID()}`, timestamp: new Date(), type: 'text', text: { body: 'STOP' },
    } as never);
    expect(await messagesOf(wa.id)).toEqual([]);
    // A second message from a known lead is not a new lead: still nothing.
    await recordInboundMessage(db, { workspaceId: s.workspaceId, senderPhoneId: s.senderId }, {
      from: digits(phone), id: `wamid.${randomUUID()}`, timestamp: new Date(), type: 'text', text: { body: 'START' },
    } as never);
    expect(await messagesOf(wa.id)).toEqual([]);
  });

  it('an import queues nothing for a campaign that lists Import when the import does not ask for campaigns', async () => {
    const s = await scene();
    const imp = await campaignFor(s, ['import']);
    await importRows(s.workspaceId, [{ phone: uniquePhone() }], { fileName: 'quiet.csv', triggerCampaigns: false, userId: s.userId });
    expect(await messagesOf(imp.id)).toEqual([]);
  });
});
