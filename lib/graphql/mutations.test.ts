import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { getDb, type Db } from '@/db/client';
import { createLead, createSenderPhone, createTemplate, uniquePhone } from '@/db/factories';
import * as s from '@/db/schema';
import { decryptSecret } from '@/lib/crypto/secret-box';
import { overrideEnvForTests } from '@/lib/env';
import { startFakeWhatsAppServer } from '@/lib/whatsapp/fake/server';
import { toGlobalId } from './relay';
import { at, codes, gql, workspaceWithKey } from './test-kit';

// Mutations through POST /api/graphql with a write key; effects asserted in the database.

let db: Db;
let A: Awaited<ReturnType<typeof workspaceWithKey>>;
let readKey: string;
beforeAll(async () => {
  db = await getDb();
  A = await workspaceWithKey(['read', 'write']);
  readKey = (await import('@/lib/api-keys/create-api-key').then((m) => m.createApiKey(A.ws.id, A.user.id, { name: 'ro', scopes: ['read'] }))).key;
});

const leadRow = async (id: string) => (await db.select().from(s.leads).where(eq(s.leads.id, id)))[0];

describe('lead mutations', () => {
  it('upsertLead finds or creates by phone with an api touchpoint naming the key', async () => {
    const q = `mutation($input: UpsertLeadInput!) { upsertLead(input: $input) { created lead { id name phone tags attributes touchpoints { source utmSource } } } }`;
    const first = await gql(A.key, q, { input: { phone: '(11) 91234-0001', name: 'Caio', tags: ['api'], attributes: { plan: 'pro' }, utm: { source: 'crm' } } });
    expect(first.errors).toBeUndefined();
    expect(at(first, 'upsertLead.created')).toBe(true);
    expect(at(first, 'upsertLead.lead')).toMatchObject({ name: 'Caio', phone: '+5511912340001', tags: ['api'], attributes: { plan: 'pro' }, touchpoints: [{ source: 'API', utmSource: 'crm' }] });
    const again = await gql(A.key, q, { input: { phone: '+55 11 91234-0001', name: 'Other', tags: ['second'] } });
    expect(at(again, 'upsertLead.created')).toBe(false);
    expect(at(again, 'upsertLead.lead.id')).toBe(at(first, 'upsertLead.lead.id'));
    const rows = await db.select().from(s.leads).where(and(eq(s.leads.workspaceId, A.ws.id), eq(s.leads.phoneE164, '+5511912340001')));
    expect(rows).toHaveLength(1);
    expect(rows[0].name).toBe('Caio');
    expect(rows[0].tags.sort()).toEqual(['api', 'second']);
    const tps = await db.select().from(s.leadTouchpoints).where(eq(s.leadTouchpoints.leadId, rows[0].id));
    expect(tps.map((t) => [t.source, t.apiKeyId])).toEqual([['api', A.apiKey.id], ['api', A.apiKey.id]]);
  });

  it('invalid input is BAD_USER_INPUT with field paths', async () => {
    const bad = await gql(A.key, `mutation { upsertLead(input: { phone: "12", email: "nope" }) { created } }`);
    expect(codes(bad)).toEqual(['BAD_USER_INPUT']);
    expect(bad.errors![0].extensions!.fields).toHaveProperty('email');
    const badPhone = await gql(A.key, `mutation { upsertLead(input: { phone: "12" }) { created } }`);
    expect(codes(badPhone)).toEqual(['BAD_USER_INPUT']);
    expect(badPhone.errors![0].extensions!.fields).toHaveProperty('phone');
    const lead = await createLead(A.ws.id);
    const upd = await gql(A.key, `mutation($id: ID!) { updateLead(id: $id, input: { tags: ["ok", "a,b"] }) { id } }`, { id: toGlobalId('Lead', lead.id) });
    expect(codes(upd)).toEqual(['BAD_USER_INPUT']);
    expect(upd.errors![0].extensions!.fields).toHaveProperty(['tags.1']);
    const typeErr = await gql(A.key, `mutation { upsertLead(input: { phone: 5 }) { created } }`);
    expect(typeErr.status).toBe(400);
    expect(codes(typeErr)[0]).toMatch(/GRAPHQL_VALIDATION_FAILED|BAD_USER_INPUT/);
  });

  it('updateLead, tagLeads, untagLeads, optOutLead, optInLead, deleteLeads change the rows', async () => {
    const lead = await createLead(A.ws.id, { name: 'Old', tags: ['x'] });
    const id = toGlobalId('Lead', lead.id);
    const upd = await gql(A.key, `mutation($id: ID!) { updateLead(id: $id, input: { name: "New", lifecycleStatus: QUALIFIED, attributes: { city: "Rio" } }) { name lifecycleStatus attributes } }`, { id });
    expect(upd.errors).toBeUndefined();
    expect(upd.data).toEqual({ updateLead: { name: 'New', lifecycleStatus: 'QUALIFIED', attributes: { city: 'Rio' } } });
    expect((await leadRow(lead.id)).tags).toEqual(['x']);

    const tag = await gql(A.key, `mutation($ids: [ID!]!) { tagLeads(ids: $ids, tag: "hot") { tags } }`, { ids: [id] });
    expect(tag.data).toEqual({ tagLeads: [{ tags: ['x', 'hot'] }] });
    await gql(A.key, `mutation($ids: [ID!]!) { untagLeads(ids: $ids, tag: "x") { tags } }`, { ids: [id] });
    expect((await leadRow(lead.id)).tags).toEqual(['hot']);

    const out = await gql(A.key, `mutation($id: ID!) { optOutLead(id: $id) { optedOut optedOutAt } }`, { id });
    expect(at(out, 'optOutLead.optedOut')).toBe(true);
    expect((await leadRow(lead.id)).optedOutAt).not.toBeNull();
    await gql(A.key, `mutation($id: ID!) { optInLead(id: $id) { optedOut } }`, { id });
    expect((await leadRow(lead.id)).optedOutAt).toBeNull();

    const del = await gql(A.key, `mutation($ids: [ID!]!) { deleteLeads(ids: $ids) { count } }`, { ids: [id] });
    expect(del.data).toEqual({ deleteLeads: { count: 1 } });
    expect(await leadRow(lead.id)).toBeUndefined();
  });
});

describe('upsertLeads', () => {
  it('runs rows through the import engine with a result per row', async () => {
    const existing = await createLead(A.ws.id, { name: null, phoneE164: '+5511912349001' });
    const q = `mutation($inputs: [UpsertLeadsRowInput!]!) { upsertLeads(inputs: $inputs) { importId results { index outcome leadId reason } } }`;
    const a = await gql(A.key, q, {
      inputs: [
        { phone: '(11) 91234-9002', name: 'Nova', tags: ['bulk'], attributes: { Plan: 'gold' } },
        { phone: '+55 11 91234-9001', name: 'Filled' },
        { phone: '123', name: 'Broken' },
        { phone: '11912349002', name: 'Again' },
      ],
    });
    expect(a.errors).toBeUndefined();
    const results = at(a, 'upsertLeads.results') as { index: number; outcome: string; leadId: string | null; reason: string | null }[];
    expect(results.map((r) => r.outcome)).toEqual(['CREATED', 'UPDATED', 'INVALID', 'DUPLICATE']);
    expect(results[1].leadId).toBe(toGlobalId('Lead', existing.id));
    expect(results[2].reason).toBeTruthy();
    const [created] = await db.select().from(s.leads).where(and(eq(s.leads.workspaceId, A.ws.id), eq(s.leads.phoneE164, '+5511912349002')));
    expect(created).toMatchObject({ name: 'Nova', tags: ['bulk'], attributes: { plan: 'gold' }, source: 'import' });
    expect((await leadRow(existing.id)).name).toBe('Filled');

    const tooMany = await gql(A.key, q, { inputs: Array.from({ length: 1001 }, (_, i) => ({ phone: `+55119${String(i).padStart(8, '0')}` })) });
    expect(codes(tooMany)).toEqual(['BAD_USER_INPUT']);
  });
});

describe('sendMessage', () => {
  it('queues once per idempotency key and returns the same message again', async () => {
    const lead = await createLead(A.ws.id);
    const tpl = await createTemplate(A.ws.id);
    const sender = await createSenderPhone(A.ws.id);
    const q = `mutation($input: SendMessageInput!) { sendMessage(input: $input) { created message { id status toPhone } } }`;
    const input = { phone: lead.phoneE164, templateId: toGlobalId('MessageTemplate', tpl.id), senderPhoneId: toGlobalId('SenderPhone', sender.id), idempotencyKey: 'order-42' };
    const one = await gql(A.key, q, { input });
    expect(one.errors).toBeUndefined();
    const two = await gql(A.key, q, { input: { ...input, phone: undefined, leadId: toGlobalId('Lead', lead.id) } });
    expect(at(one, 'sendMessage')).toMatchObject({ created: true, message: { status: 'QUEUED', toPhone: lead.phoneE164 } });
    expect(at(two, 'sendMessage.created')).toBe(false);
    expect(at(two, 'sendMessage.message.id')).toBe(at(one, 'sendMessage.message.id'));
    const rows = await db.select().from(s.messages).where(eq(s.messages.leadId, lead.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ templateId: tpl.id, senderPhoneId: sender.id, status: 'queued' });
  });
});

describe('templates, sender phones and campaigns', () => {
  it('creates, updates and archives a message template', async () => {
    const c = await gql(A.key, `mutation { createMessageTemplate(input: { name: "Hi", kind: "session_text", body: "Hello {{first_name|there}}" }) { id name body } }`);
    expect(c.errors).toBeUndefined();
    const id = at(c, 'createMessageTemplate.id');
    const u = await gql(A.key, `mutation($id: ID!) { updateMessageTemplate(id: $id, input: { name: "Hi 2", kind: "session_text", body: "Hey" }) { name body } }`, { id });
    expect(u.data).toEqual({ updateMessageTemplate: { name: 'Hi 2', body: 'Hey' } });
    const bad = await gql(A.key, `mutation { createMessageTemplate(input: { name: "", kind: "session_text", body: "x" }) { id } }`);
    expect(codes(bad)).toEqual(['BAD_USER_INPUT']);
    expect(bad.errors![0].extensions!.fields).toHaveProperty('name');
    await gql(A.key, `mutation($id: ID!) { archiveMessageTemplate(id: $id) }`, { id });
    const rows = await db.select().from(s.messageTemplates).where(and(eq(s.messageTemplates.workspaceId, A.ws.id), eq(s.messageTemplates.name, 'Hi 2')));
    expect(rows[0].archivedAt).not.toBeNull();
  });

  it('registers a sender phone with write-only secrets, updates and deactivates it', async () => {
    const token = 'EAAG-token-that-must-never-come-back-0001';
    const input = { label: 'Sales', phoneNumberId: '1234567890123', wabaId: '9876543210', webhookVerifyToken: 'verify-token-abcdefgh', accessToken: token, appSecret: 'app-secret-0123456789' };
    // A new phone is saved only once the Graph API (here the fake, as WHATSAPP_API_BASE_URL) confirms it.
    const server = await startFakeWhatsAppServer({ webhooks: { enabled: false } });
    const restoreEnv = overrideEnvForTests({ WHATSAPP_API_BASE_URL: server.url });
    onTestFinished(async () => {
      restoreEnv();
      await server.close();
    });
    const unknown = await gql(A.key, `mutation($input: SenderPhoneInput!) { createSenderPhone(input: $input) { id } }`, { input });
    expect(codes(unknown)).toEqual(['BAD_USER_INPUT']);
    expect(JSON.stringify(unknown)).not.toContain(token);
    server.fake.addPhone({ phoneNumberId: input.phoneNumberId, wabaId: input.wabaId, accessToken: token, appSecret: input.appSecret });
    const c = await gql(A.key, `mutation($input: SenderPhoneInput!) { createSenderPhone(input: $input) { id label isActive } }`, { input });
    expect(c.errors).toBeUndefined();
    expect(JSON.stringify(c)).not.toContain(token);
    const [row] = await db.select().from(s.senderPhones).where(eq(s.senderPhones.phoneNumberId, '1234567890123'));
    expect(row.accessTokenEnc).not.toContain(token);
    expect(decryptSecret(row.accessTokenEnc)).toBe(token);
    const id = at(c, 'createSenderPhone.id');
    const u = await gql(A.key, `mutation($id: ID!, $input: SenderPhoneInput!) { updateSenderPhone(id: $id, input: $input) { label } }`, {
      id,
      input: { ...input, label: 'Sales 2', accessToken: null, appSecret: null },
    });
    expect(u.data).toEqual({ updateSenderPhone: { label: 'Sales 2' } });
    const [kept] = await db.select().from(s.senderPhones).where(eq(s.senderPhones.id, row.id));
    expect(decryptSecret(kept.accessTokenEnc)).toBe(token);
    const d = await gql(A.key, `mutation($id: ID!) { deactivateSenderPhone(id: $id) { isActive } }`, { id });
    expect(d.data).toEqual({ deactivateSenderPhone: { isActive: false } });
    const all = await gql(A.key, `{ senderPhones { edges { node { label } } } }`);
    expect(JSON.stringify(all)).not.toContain(token);
  });

  it('creates an automated campaign, pauses, resumes and stops it', async () => {
    const tpl = await createTemplate(A.ws.id);
    const sender = await createSenderPhone(A.ws.id);
    const c = await gql(A.key, `mutation($input: CampaignInput!) { createCampaign(input: $input) { id name status kind } }`, {
      input: { name: 'Welcome', kind: 'AUTOMATED', templateId: toGlobalId('MessageTemplate', tpl.id), senderPhoneIds: [toGlobalId('SenderPhone', sender.id)], triggerSources: ['API'] },
    });
    expect(c.errors).toBeUndefined();
    const id = at(c, 'createCampaign.id');
    const u = await gql(A.key, `mutation($id: ID!) { updateCampaign(id: $id, input: { name: "Welcome 2" }) { name } }`, { id });
    expect(u.data).toEqual({ updateCampaign: { name: 'Welcome 2' } });
    const statuses: unknown[] = [];
    for (const op of ['startCampaign', 'pauseCampaign', 'resumeCampaign', 'stopCampaign']) {
      const r = await gql(A.key, `mutation($id: ID!) { ${op}(id: $id) { status } }`, { id });
      expect(r.errors).toBeUndefined();
      statuses.push(at(r, `${op}.status`));
    }
    expect(statuses).toEqual(['ACTIVE', 'PAUSED', 'ACTIVE', 'STOPPED']);

    // An API lead with triggerCampaigns: true gets the automated campaign's message.
    const c2 = await gql(A.key, `mutation($input: CampaignInput!) { createCampaign(input: $input) { id } }`, {
      input: { name: 'Api welcome', kind: 'AUTOMATED', templateId: toGlobalId('MessageTemplate', tpl.id), senderPhoneIds: [toGlobalId('SenderPhone', sender.id)], triggerSources: ['API'] },
    });
    await gql(A.key, `mutation($id: ID!) { startCampaign(id: $id) { status } }`, { id: at(c2, 'createCampaign.id') });
    const quiet = await gql(A.key, `mutation { upsertLead(input: { phone: "${uniquePhone()}" }) { queuedMessageIds } }`);
    expect(at(quiet, 'upsertLead.queuedMessageIds')).toEqual([]);
    const loud = await gql(A.key, `mutation { upsertLead(input: { phone: "${uniquePhone()}", triggerCampaigns: true }) { queuedMessageIds } }`);
    expect(at(loud, 'upsertLead.queuedMessageIds')).toHaveLength(1);
  });
});

describe('appointments', () => {
  it('creates, updates, lists and cancels an appointment', async () => {
    const lead = await createLead(A.ws.id);
    const c = await gql(A.key, `mutation($in: CreateAppointmentInput!) { createAppointment(input: $in) { id title status startsAt lead { phone } } }`, {
      in: { leadId: toGlobalId('Lead', lead.id), title: 'Visit', startsAt: '2027-01-10T14:00:00.000Z', endsAt: '2027-01-10T15:00:00.000Z', externalId: 'cal-1' },
    });
    expect(c.errors).toBeUndefined();
    expect(at(c, 'createAppointment')).toMatchObject({ title: 'Visit', status: 'SCHEDULED', startsAt: '2027-01-10T14:00:00.000Z', lead: { phone: lead.phoneE164 } });
    const id = at(c, 'createAppointment.id');
    const bad = await gql(A.key, `mutation($id: ID!) { updateAppointment(id: $id, input: { endsAt: "2027-01-10T13:00:00Z" }) { id } }`, { id });
    expect(codes(bad)).toEqual(['BAD_USER_INPUT']);
    expect(bad.errors![0].extensions!.fields).toHaveProperty('endsAt');
    const u = await gql(A.key, `mutation($id: ID!) { updateAppointment(id: $id, input: { status: CONFIRMED }) { status title } }`, { id });
    expect(at(u, 'updateAppointment')).toEqual({ status: 'CONFIRMED', title: 'Visit' });
    const listed = await gql(A.key, `query($lead: ID!) { appointments(filter: { leadId: $lead }) { totalCount edges { node { externalId } } } lead(id: $lead) { appointments { status } } }`, { lead: toGlobalId('Lead', lead.id) });
    expect(listed.data).toEqual({ appointments: { totalCount: 1, edges: [{ node: { externalId: 'cal-1' } }] }, lead: { appointments: [{ status: 'CONFIRMED' }] } });
    await gql(A.key, `mutation($id: ID!) { cancelAppointment(id: $id) { status } }`, { id });
    const [row] = await db.select().from(s.appointments).where(eq(s.appointments.leadId, lead.id));
    expect(row.status).toBe('cancelled');
  });
});

describe('scopes and keys', () => {
  it('a read key cannot mutate (FORBIDDEN) and nothing changes', async () => {
    const phone = uniquePhone();
    const r = await gql(readKey, `mutation { upsertLead(input: { phone: "${phone}" }) { created } }`);
    expect(codes(r)).toEqual(['FORBIDDEN']);
    expect(await db.select().from(s.leads).where(eq(s.leads.phoneE164, phone))).toHaveLength(0);
  });

  it('refuses revoked and expired keys', async () => {
    const { key, apiKey, ws } = await workspaceWithKey(['read']);
    expect((await gql(key, '{ viewer { scopes } }')).status).toBe(200);
    const { revokeApiKey } = await import('@/lib/api-keys/revoke-api-key');
    await revokeApiKey(ws.id, { id: apiKey.id });
    const revoked = await gql(key, '{ viewer { scopes } }');
    expect(revoked.status).toBe(401);
    expect(codes(revoked)).toEqual(['UNAUTHENTICATED']);

    const other = await workspaceWithKey(['read']);
    await db.update(s.apiKeys).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(s.apiKeys.id, other.apiKey.id));
    const expired = await gql(other.key, '{ viewer { scopes } }');
    expect(expired.status).toBe(401);
    expect(codes(expired)).toEqual(['UNAUTHENTICATED']);
  });

  it('records last use and keeps only the hash', async () => {
    const { key, apiKey } = await workspaceWithKey(['read']);
    await gql(key, '{ viewer { scopes } }');
    const [row] = await db.select().from(s.apiKeys).where(eq(s.apiKeys.id, apiKey.id));
    expect(row.lastUsedAt).not.toBeNull();
    expect(row.keyHash).not.toContain(key.slice(8));
    expect(row.prefix).toBe(key.slice(0, 12));
    expect(key).toMatch(/^wl_live_[A-Za-z0-9]{32}$/);
  });
});
