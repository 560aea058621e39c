import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { createCampaign, createSenderPhone as createPhoneRow, createTemplate, createWorkspace } from '@/db/factories';
import { senderPhones, whatsappTemplates } from '@/db/schema';
import { encryptSecret } from '@/lib/crypto/secret-box';
import { AppError } from '@/lib/errors';
import { env, resetEnvForTests } from '@/lib/env';
import { startFakeWhatsAppServer, type FakeWhatsAppServer } from '@/lib/whatsapp/fake/server';
import { captureOutput } from './test-kit';
import { createSenderPhone } from './create-sender-phone';
import { deleteSenderPhone } from './delete-sender-phone';
import { getSenderPhone } from './get-sender-phone';
import { listSenderPhones } from './list-sender-phones';
import { setSenderPhoneActive } from './set-sender-phone-active';
import { syncWhatsappTemplates } from './sync-whatsapp-templates';
import { updateSenderPhone } from './update-sender-phone';
import { verifySenderPhone } from './verify-sender-phone';

// Sender phones against a real database and the fake Cloud API over HTTP, with every log line
// captured: the token and app secret must be ciphertext at rest and absent from everything else.

const TOKEN = 'EAAGtestTOKENvalue-0123456789-leakcheck';
const APP_SECRET = 'appsecret-leakcheck-abcdef0123456789';
let server: FakeWhatsAppServer;
let output: ReturnType<typeof captureOutput>;
const previousBaseUrl = process.env.WHATSAPP_API_BASE_URL;

let n = 0;
const ids = () => {
  n += 1;
  return { phoneNumberId: `10700000000${String(n).padStart(4, '0')}`, wabaId: `20700000000${String(n).padStart(4, '0')}` };
};
// A new phone is saved only once the Graph API confirms it: the fake knows each form's number.
const form = (over: Record<string, unknown> = {}) => {
  const values = {
    label: 'Main number',
    ...ids(),
    accessToken: TOKEN,
    appSecret: APP_SECRET,
    webhookVerifyToken: 'verify-token-0123456789',
    rateLimitPerSecond: '80',
    isActive: true,
    ...over,
  };
  server.fake.addPhone({ phoneNumberId: values.phoneNumberId, wabaId: values.wabaId, accessToken: TOKEN, appSecret: APP_SECRET });
  return values;
};

beforeAll(async () => {
  server = await startFakeWhatsAppServer({ webhooks: { enabled: false } });
  // Install-level API address (WHATSAPP_API_BASE_URL): the form never carries a URL.
  process.env.WHATSAPP_API_BASE_URL = server.url;
  output = captureOutput();
});

afterAll(async () => {
  output.stop();
  await server.close();
  process.env.WHATSAPP_API_BASE_URL = previousBaseUrl;
  resetEnvForTests();
});

afterEach(() => {
  server.fake.setFailures({});
});

describe('sender phones', () => {
  it('stores the token and app secret as ciphertext, and no API base URL from the form', async () => {
    const ws = await createWorkspace();
    const { id } = await createSenderPhone(ws.id, form({ apiBaseUrl: 'http://169.254.169.254/latest' }));
    const db = await getDb();
    const [row] = await db.select().from(senderPhones).where(eq(senderPhones.id, id));
    expect(row.accessTokenEnc).toMatch(/^v1:/);
    expect(row.appSecretEnc).toMatch(/^v1:/);
    expect(row.apiBaseUrl).toBeNull();
    expect(row.rateLimitPerSecond).toBe(80);
    const raw = JSON.stringify(row);
    expect(raw).not.toContain(TOKEN);
    expect(raw).not.toContain(APP_SECRET);
    // Not even part of the plaintext survives.
    expect(raw).not.toContain(TOKEN.slice(-8));
  });

  it('answers field-level errors for bad input and a taken phone number id', async () => {
    const ws = await createWorkspace();
    const bad = createSenderPhone(ws.id, form({ label: '', phoneNumberId: '+55 11 9999', accessToken: '', rateLimitPerSecond: '5000', webhookVerifyToken: 'short' }));
    await expect(bad).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: {
        label: 'Give this phone a name',
        phoneNumberId: expect.stringContaining('digits only'),
        accessToken: 'Paste the access token',
        rateLimitPerSecond: expect.stringContaining('1,000'),
        webhookVerifyToken: 'Use at least 16 characters',
      },
    });
    const first = form();
    await createSenderPhone(ws.id, first);
    await expect(createSenderPhone(ws.id, { ...form(), phoneNumberId: first.phoneNumberId })).rejects.toMatchObject({
      code: 'CONFLICT',
      fields: { phoneNumberId: expect.stringContaining('already registered') },
    });
  });

  it('edits keep the stored secrets when left empty, replace them when given, and stay in the workspace', async () => {
    const ws = await createWorkspace();
    const other = await createWorkspace();
    const data = form();
    const { id } = await createSenderPhone(ws.id, data);
    const db = await getDb();
    const [before] = await db.select().from(senderPhones).where(eq(senderPhones.id, id));
    await updateSenderPhone(ws.id, { ...data, id, label: 'Renamed', accessToken: '', appSecret: '', rateLimitPerSecond: 20 });
    const [kept] = await db.select().from(senderPhones).where(eq(senderPhones.id, id));
    expect(kept).toMatchObject({ label: 'Renamed', rateLimitPerSecond: 20, accessTokenEnc: before.accessTokenEnc, appSecretEnc: before.appSecretEnc });
    await updateSenderPhone(ws.id, { ...data, id, accessToken: 'EAAGreplacement-token-000000000', appSecret: '' });
    const [replaced] = await db.select().from(senderPhones).where(eq(senderPhones.id, id));
    expect(replaced.accessTokenEnc).not.toBe(before.accessTokenEnc);
    expect(replaced.appSecretEnc).toBe(before.appSecretEnc);
    await expect(updateSenderPhone(other.id, { ...data, id, label: 'Hijack' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const edit = await getSenderPhone(ws.id, id);
    expect(edit).toMatchObject({ hasAccessToken: true, hasAppSecret: true, label: data.label });
    expect(Object.keys(edit).join()).not.toMatch(/Enc/);
  });

  it('verifies against the API: details on success, 190 marks the sender as needing attention, 100 explains a wrong id', async () => {
    const ws = await createWorkspace();
    const data = form();
    server.fake.addPhone({ phoneNumberId: data.phoneNumberId, wabaId: data.wabaId, accessToken: TOKEN, appSecret: APP_SECRET, displayPhoneNumber: '+55 11 4000-1000', verifiedName: 'Clinica Sorriso', qualityRating: 'GREEN' });
    const { id } = await createSenderPhone(ws.id, data);

    const ok = await verifySenderPhone(ws.id, { id });
    expect(ok).toEqual({
      ok: true,
      details: { id: data.phoneNumberId, displayPhoneNumber: '+55 11 4000-1000', verifiedName: 'Clinica Sorriso', qualityRating: 'GREEN', throughputLevel: 'STANDARD', status: 'CONNECTED' },
    });
    const db = await getDb();
    const [row] = await db.select().from(senderPhones).where(eq(senderPhones.id, id));
    expect(row).toMatchObject({ displayPhoneNumber: '+55 11 4000-1000', verifiedName: 'Clinica Sorriso', status: 'active' });
    expect(row.lastVerifiedAt).toBeInstanceOf(Date);

    await updateSenderPhone(ws.id, { ...data, id, accessToken: 'EAAGexpired-token-0000000000000', appSecret: '' });
    const expired = await verifySenderPhone(ws.id, { id });
    expect(expired).toMatchObject({ ok: false, failure: { code: 190, explanation: expect.stringContaining('expired or been revoked') } });
    const [flagged] = await db.select().from(senderPhones).where(eq(senderPhones.id, id));
    expect(flagged.status).toBe('needs_attention');
    expect(flagged.statusReason).toContain('code 190');

    // A new, valid token plus a successful verification ends "needs attention".
    await updateSenderPhone(ws.id, { ...data, id, accessToken: TOKEN, appSecret: '' });
    expect((await verifySenderPhone(ws.id, { id })).ok).toBe(true);
    const [healed] = await db.select().from(senderPhones).where(eq(senderPhones.id, id));
    expect(healed).toMatchObject({ status: 'active', statusReason: null });

    // A wrong id (here: the number was removed from the account) is explained, and since issue 15
    // such a phone needs attention instead of staying active.
    const wrong = form();
    const { id: wrongId } = await createSenderPhone(ws.id, wrong);
    await db.update(senderPhones).set({ phoneNumberId: '109999999999999' }).where(eq(senderPhones.id, wrongId));
    const unknown = await verifySenderPhone(ws.id, { id: wrongId });
    expect(unknown).toMatchObject({ ok: false, failure: { code: 100, explanation: expect.stringContaining('phone number ID') } });
    const [flaggedId] = await db.select().from(senderPhones).where(eq(senderPhones.id, wrongId));
    expect(flaggedId.status).toBe('needs_attention');
  });

  it('syncs every page of templates, upserts, and marks ones Meta no longer lists', async () => {
    const ws = await createWorkspace();
    const data = form();
    server.fake.addPhone({ phoneNumberId: data.phoneNumberId, wabaId: data.wabaId, accessToken: TOKEN, appSecret: APP_SECRET });
    for (let i = 0; i < 120; i++) {
      server.fake.addTemplate(data.wabaId, { name: `tpl_${String(i).padStart(3, '0')}`, language: 'pt_BR', status: i % 10 === 0 ? 'PENDING' : 'APPROVED', category: 'MARKETING', components: [{ type: 'BODY', text: `Oi {{1}} #${i}` }] });
    }
    const { id } = await createSenderPhone(ws.id, data);
    const before = server.fake.counters.requests['GET message_templates'] ?? 0;
    expect(await syncWhatsappTemplates(ws.id, { id })).toEqual({ ok: true, total: 120, approved: 108, removed: 0 });
    expect(server.fake.counters.requests['GET message_templates'] - before).toBe(2); // 100 + 20
    // Again: nothing duplicated.
    expect(await syncWhatsappTemplates(ws.id, { id })).toMatchObject({ ok: true, total: 120 });
    const db = await getDb();
    const rows = await db.select().from(whatsappTemplates).where(eq(whatsappTemplates.workspaceId, ws.id));
    expect(rows).toHaveLength(120);
    expect(rows.find((r) => r.name === 'tpl_001')).toMatchObject({ language: 'pt_BR', category: 'MARKETING', status: 'APPROVED', components: [{ type: 'BODY', text: 'Oi {{1}} #1' }] });

    // Someone deletes templates in WhatsApp Manager: another sync marks them.
    const other = form();
    server.fake.addPhone({ phoneNumberId: other.phoneNumberId, wabaId: other.wabaId, accessToken: TOKEN, appSecret: APP_SECRET });
    server.fake.addTemplate(other.wabaId, { name: 'only_one', language: 'en_US', components: [] });
    const { id: otherId } = await createSenderPhone(ws.id, other);
    await syncWhatsappTemplates(ws.id, { id: otherId });
    await db.update(whatsappTemplates).set({ wabaId: other.wabaId, name: 'was_deleted' }).where(eq(whatsappTemplates.name, 'tpl_119'));
    expect(await syncWhatsappTemplates(ws.id, { id: otherId })).toMatchObject({ ok: true, total: 1, removed: 1 });
    const [gone] = await db.select().from(whatsappTemplates).where(eq(whatsappTemplates.name, 'was_deleted'));
    expect(gone.status).toBe('DELETED');
  });

  it('deactivates, refuses to delete a phone campaigns use, and deletes otherwise', async () => {
    const ws = await createWorkspace();
    const { id } = await createSenderPhone(ws.id, form());
    await setSenderPhoneActive(ws.id, { id, isActive: false });
    expect((await listSenderPhones(ws.id))[0].isActive).toBe(false);
    const used = await createPhoneRow(ws.id);
    const tpl = await createTemplate(ws.id);
    await createCampaign(ws.id, { templateId: tpl.id, senderPhoneId: used.id });
    await expect(deleteSenderPhone(ws.id, { id: used.id })).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('1 campaign uses') });
    const other = await createWorkspace();
    await expect(deleteSenderPhone(other.id, { id })).rejects.toBeInstanceOf(AppError);
    await deleteSenderPhone(ws.id, { id });
    expect((await listSenderPhones(ws.id)).map((p) => p.id)).toEqual([used.id]);
  });

  it('a token that no longer decrypts (ENCRYPTION_KEY changed) marks the sender and says why', async () => {
    const ws = await createWorkspace();
    const { id } = await createSenderPhone(ws.id, form());
    const db = await getDb();
    await db.update(senderPhones).set({ accessTokenEnc: encryptSecret(TOKEN, randomBytes(32)) }).where(eq(senderPhones.id, id));
    expect(await verifySenderPhone(ws.id, { id })).toMatchObject({ ok: false, failure: { code: null, explanation: expect.stringContaining('ENCRYPTION_KEY') } });
    const [row] = await db.select().from(senderPhones).where(eq(senderPhones.id, id));
    expect(row.status).toBe('needs_attention');
    // The capture works: the warning was recorded (without any secret, checked below).
    expect(output.lines.join('\n')).toContain('sender credentials could not be decrypted');
  });

  it('never logs the token or app secret (captured stdout, stderr and console)', () => {
    expect(env().LOG_LEVEL).toBe('debug');
    const all = output.lines.join('\n');
    expect(all).not.toContain(TOKEN);
    expect(all).not.toContain(APP_SECRET);
  });
});
