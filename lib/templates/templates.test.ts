import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { createLead, createSenderPhone, createWorkspace } from '@/db/factories';
import { messageTemplates, senderPhones, whatsappTemplates } from '@/db/schema';
import { captureOutput } from '@/lib/phones/test-kit';
import { startFakeWhatsAppServer, type FakeWhatsAppServer } from '@/lib/whatsapp/fake/server';
import { archiveTemplate } from './archive-template';
import { getFieldCoverage } from './get-field-coverage';
import { getTemplate } from './get-template';
import { listTemplates } from './list-templates';
import { saveTemplate } from './save-template';
import { searchPreviewLeads } from './search-preview-leads';
import { sendTemplateDraftNow } from './send-template-draft-now';

let server: FakeWhatsAppServer;
beforeAll(async () => {
  server = await startFakeWhatsAppServer({ webhooks: { enabled: false }, pairRateLimit: false });
});
afterAll(async () => {
  await server.close();
});

async function workspaceWithLeads() {
  const ws = await createWorkspace();
  await createLead(ws.id, { name: 'Ana Souza', email: 'ana@example.com', attributes: { city: 'Recife' } });
  await createLead(ws.id, { name: 'Bruno', email: null, attributes: { city: 'Natal' } });
  await createLead(ws.id, { name: null, email: null, attributes: {} });
  return ws;
}

describe('personalized messages', () => {
  it('measures how many leads lack each field', async () => {
    const ws = await workspaceWithLeads();
    const cov = await getFieldCoverage(ws.id);
    expect(cov, JSON.stringify(cov)).toEqual({
      totalLeads: 3,
      missing: { first_name: 1, name: 1, last_name: 2, email: 2, phone: 0, 'attr.city': 1 },
      attributeKeys: ['city'],
    });
  });

  it('saves a session text with fallbacks, refuses one with problems per field, edits and archives', async () => {
    const ws = await workspaceWithLeads();
    await expect(saveTemplate(ws.id, { name: 'Hi', kind: 'session_text', body: 'Oi {{frist_name}} {{email}}' })).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
      message: 'Please fix 2 problems first.',
      fields: { body: expect.stringContaining('Unknown placeholder {{frist_name}}') },
    });
    await expect(saveTemplate(ws.id, { name: 'Hi', kind: 'session_text', body: '{{email}}' })).rejects.toMatchObject({
      message: '{{email}} is empty for 67% of your leads (2 of 3): add a fallback, e.g. {{email|there}}',
    });
    const { id } = await saveTemplate(ws.id, { name: 'Welcome', kind: 'session_text', body: 'Oi {{first_name|tudo bem}}, de {{attr.city|sua cidade}}' });
    await saveTemplate(ws.id, { id, name: 'Welcome v2', kind: 'session_text', body: 'Olá {{first_name|você}}!' });
    expect(await getTemplate(ws.id, id)).toMatchObject({ name: 'Welcome v2', kind: 'session_text', body: 'Olá {{first_name|você}}!' });
    const other = await createWorkspace();
    await expect(saveTemplate(other.id, { id, name: 'x', kind: 'session_text', body: 'x' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await archiveTemplate(ws.id, { id });
    expect(await listTemplates(ws.id)).toEqual([]);
  });

  it('saves a WhatsApp template mapping only for an approved template with every parameter mapped', async () => {
    const ws = await workspaceWithLeads();
    const db = await getDb();
    const [approved, pending] = await db
      .insert(whatsappTemplates)
      .values([
        { workspaceId: ws.id, wabaId: '1', name: 'welcome_v1', language: 'pt_BR', status: 'APPROVED', components: [{ type: 'BODY', text: 'Olá {{1}}, de {{2}}' }] },
        { workspaceId: ws.id, wabaId: '1', name: 'promo', language: 'pt_BR', status: 'PENDING', components: [{ type: 'BODY', text: 'Oi' }] },
      ])
      .returning();
    const mapping = [
      { component: 'body', index: 1, name: '1', source: 'field', field: 'first_name', fallback: 'cliente' },
      { component: 'body', index: 2, name: '2', source: 'field', field: 'attr.city', fallback: 'sua cidade' },
    ];
    await expect(saveTemplate(ws.id, { name: 'W', kind: 'whatsapp_template', whatsappTemplateId: approved.id, parameterMapping: mapping.slice(0, 1) })).rejects.toMatchObject({
      fields: { parameterMapping: 'welcome_v1 takes 2 parameters (Body {{1}}, Body {{2}}); 1 is mapped' },
    });
    await expect(saveTemplate(ws.id, { name: 'P', kind: 'whatsapp_template', whatsappTemplateId: pending.id, parameterMapping: [] })).rejects.toMatchObject({
      fields: { whatsappTemplateId: expect.stringContaining('is PENDING') },
    });
    const { id } = await saveTemplate(ws.id, { name: 'W', kind: 'whatsapp_template', whatsappTemplateId: approved.id, parameterMapping: mapping });
    const [row] = await db.select().from(messageTemplates).where(eq(messageTemplates.id, id));
    expect(row).toMatchObject({ kind: 'whatsapp_template', waTemplateName: 'welcome_v1', waLanguage: 'pt_BR', body: 'Olá {{1}}, de {{2}}' });
    expect(row.parameterMapping).toEqual([
      { component: 'body', index: 1, name: '1', source: 'field', field: 'first_name', fallback: 'cliente' },
      { component: 'body', index: 2, name: '2', source: 'field', field: 'attr.city', fallback: 'sua cidade' },
    ]);
  });

  it('finds leads to preview with by name, email or phone digits, only in the workspace', async () => {
    const ws = await workspaceWithLeads();
    const other = await createWorkspace();
    await createLead(other.id, { name: 'Ana Other' });
    expect((await searchPreviewLeads(ws.id, { q: 'ana' })).map((l) => l.name)).toEqual(['Ana Souza']);
    expect(await searchPreviewLeads(ws.id, { q: '' })).toHaveLength(3);
    const [ana] = await searchPreviewLeads(ws.id, { q: 'ana@' });
    expect((await searchPreviewLeads(ws.id, { q: ana.phoneE164.slice(-6) })).map((l) => l.id)).toEqual([ana.id]);
  });

  it('sends a test through the chosen sender: the fake receives the rendered text; errors come back typed', async () => {
    const output = captureOutput();
    const ws = await workspaceWithLeads();
    const sender = await createSenderPhone(ws.id, { apiBaseUrl: server.url, apiVersion: 'v23.0' });
    server.fake.addPhone({ phoneNumberId: sender.phoneNumberId, wabaId: sender.wabaId, accessToken: sender.accessToken, appSecret: sender.appSecret });
    const [bruno] = await searchPreviewLeads(ws.id, { q: 'Bruno' });
    const draft = { name: 'Unsaved', kind: 'session_text', body: '*Oi* {{first_name|você}} de {{attr.city|sua cidade}}' };

    const r = await sendTemplateDraftNow(ws.id, { senderPhoneId: sender.id, to: '+55 (11) 98888-7777', leadId: bruno.id, draft });
    expect(r).toMatchObject({ ok: true, providerMessageId: expect.stringMatching(/^wamid\./), text: '*Oi* Bruno de Natal' });
    const sent = server.fake.sent.at(-1)!;
    expect(sent.to).toBe('5511988887777');
    expect(sent.body).toMatchObject({ type: 'text', text: { body: '*Oi* Bruno de Natal' } });

    const sample = await sendTemplateDraftNow(ws.id, { senderPhoneId: sender.id, to: '11988887777', leadId: 'sample', draft });
    expect(sample).toMatchObject({ ok: true, text: '*Oi* você de sua cidade' });

    await expect(sendTemplateDraftNow(ws.id, { senderPhoneId: sender.id, to: 'abc', leadId: 'sample', draft })).rejects.toMatchObject({ fields: { to: expect.stringContaining('Not a valid') } });

    server.fake.setFailures({ byRecipient: { '5511977776666': 131026 } });
    const undeliverable = await sendTemplateDraftNow(ws.id, { senderPhoneId: sender.id, to: '+5511977776666', leadId: 'sample', draft });
    expect(undeliverable).toMatchObject({ ok: false, failure: { code: 131026, decision: 'give_up', explanation: expect.stringContaining('could not deliver') } });
    server.fake.setFailures({});

    const db = await getDb();
    const bad = await createSenderPhone(ws.id, { apiBaseUrl: server.url, accessToken: 'not-the-token' });
    server.fake.addPhone({ phoneNumberId: bad.phoneNumberId, wabaId: bad.wabaId, accessToken: 'the-real-one', appSecret: 'x'.repeat(16) });
    const rejected = await sendTemplateDraftNow(ws.id, { senderPhoneId: bad.id, to: '+5511988887777', leadId: 'sample', draft });
    expect(rejected).toMatchObject({ ok: false, failure: { code: 190, decision: 'token_invalid' } });
    const [flagged] = await db.select().from(senderPhones).where(eq(senderPhones.id, bad.id));
    expect(flagged.status).toBe('needs_attention');
    output.stop();
    for (const secret of [sender.accessToken, sender.appSecret, bad.accessToken]) {
      expect(JSON.stringify([r, sample, undeliverable, rejected])).not.toContain(secret);
      expect(output.lines.join('\n')).not.toContain(secret);
    }
  });
});

describe('getTemplate', () => {
  it('turns a stored fallback map into inline fallbacks and links a WhatsApp template by name and language', async () => {
    const ws = await createWorkspace();
    const db = await getDb();
    const [text] = await db
      .insert(messageTemplates)
      .values({ workspaceId: ws.id, name: 'Old', kind: 'session_text', body: 'Oi {{first_name}} {{ email }} {{attr.city|x}}', fallbacks: { first_name: 'tudo bem', 'attr.city': 'y' } })
      .returning();
    expect((await getTemplate(ws.id, text.id)).body).toBe('Oi {{first_name|tudo bem}} {{ email }} {{attr.city|x}}');
    const [synced] = await db.insert(whatsappTemplates).values({ workspaceId: ws.id, wabaId: '9', name: 'welcome_v1', language: 'pt_BR', status: 'APPROVED' }).returning();
    const [wa] = await db
      .insert(messageTemplates)
      .values({ workspaceId: ws.id, name: 'WA', kind: 'whatsapp_template', waTemplateName: 'welcome_v1', waLanguage: 'pt_BR' })
      .returning();
    expect((await getTemplate(ws.id, wa.id)).whatsappTemplateId).toBe(synced.id);
  });
});
