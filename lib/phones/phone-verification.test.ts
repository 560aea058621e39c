import { createServer } from 'node:net';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { createWorkspace } from '@/db/factories';
import { senderPhones } from '@/db/schema';
import { getCampaignFormOptions } from '@/lib/campaigns/get-campaign-form-options';
import { env, overrideEnvForTests, resetEnvForTests } from '@/lib/env';
import { startFakeWhatsAppServer, type FakeWhatsAppServer } from '@/lib/whatsapp/fake/server';
import { addSandboxSenderPhone } from './add-sandbox-sender-phone';
import { createSenderPhone } from './create-sender-phone';
import { listSenderPhones } from './list-sender-phones';
import { updateSenderPhone } from './update-sender-phone';
import { verifySenderPhone } from './verify-sender-phone';

// Issue 14 finding 9 and issue 15 item 4: a phone number id is unique per workspace (and the
// error never mentions other workspaces); a new phone is checked against the Graph API (the fake
// Cloud API here, the sandbox in development) before it is saved; a phone whose check fails is
// not active, says what failed in our words, and is not offered to campaigns.

const TOKEN = 'EAAGverifyTOKEN-0123456789-abcdef';
const APP_SECRET = 'appsecret-verify-abcdef0123456789';
let server: FakeWhatsAppServer;
let restoreEnv: () => void;

let n = 0;
function registered(over: Record<string, unknown> = {}, inFake = true) {
  n += 1;
  const values = {
    label: `Number ${n}`,
    phoneNumberId: `10800000000${String(n).padStart(4, '0')}`,
    wabaId: `20800000000${String(n).padStart(4, '0')}`,
    accessToken: TOKEN,
    appSecret: APP_SECRET,
    webhookVerifyToken: 'verify-token-0123456789',
    rateLimitPerSecond: 80,
    isActive: true,
    ...over,
  };
  if (inFake) server.fake.addPhone({ phoneNumberId: values.phoneNumberId, wabaId: values.wabaId, accessToken: TOKEN, appSecret: APP_SECRET, displayPhoneNumber: '+55 11 4000-3000', verifiedName: 'Clinica Norte' });
  return values;
}
/** An address where nothing listens (a port just freed), for a real connection refusal. */
async function closedAddress(): Promise<string> {
  const srv = createServer();
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  const { port } = srv.address() as { port: number };
  await new Promise((resolve) => srv.close(resolve));
  return `http://127.0.0.1:${port}`;
}
const rowsOf = async (workspaceId: string) => (await getDb()).select().from(senderPhones).where(eq(senderPhones.workspaceId, workspaceId));

beforeAll(async () => {
  server = await startFakeWhatsAppServer({ webhooks: { enabled: false } });
  restoreEnv = overrideEnvForTests({ WHATSAPP_API_BASE_URL: server.url });
});

afterAll(async () => {
  restoreEnv();
  resetEnvForTests();
  await server.close();
});

describe('phone number id per workspace (finding 9)', () => {
  it('the same id may be connected in two workspaces; twice in one workspace is "already registered", nothing about others', async () => {
    const a = await createWorkspace();
    const b = await createWorkspace();
    const phone = registered();
    await createSenderPhone(a.id, phone);
    await createSenderPhone(b.id, { ...phone, label: 'Same number, other tenant' });
    expect(await rowsOf(b.id)).toHaveLength(1);
    const again = createSenderPhone(a.id, { ...phone, label: 'Twice' });
    await expect(again).rejects.toMatchObject({ code: 'CONFLICT', message: 'This phone number ID is already registered in this workspace.' });
    const err = (await again.catch((e: unknown) => e)) as Error & { fields?: Record<string, string> };
    expect(JSON.stringify({ message: err.message, fields: err.fields })).not.toMatch(/another|other workspace|tenant/i);

    // Editing another phone of A onto the same id: the same answer.
    const second = registered();
    const { id } = await createSenderPhone(a.id, second);
    await expect(updateSenderPhone(a.id, { ...second, id, phoneNumberId: phone.phoneNumberId, accessToken: '', appSecret: '' })).rejects.toMatchObject({
      code: 'CONFLICT',
      fields: { phoneNumberId: 'This phone number ID is already registered in this workspace' },
    });
  });
});

describe('a new phone is verified before it is saved (finding 9, issue 15 item 4)', () => {
  it('saves a phone the Graph API confirms, with its details, as active', async () => {
    const ws = await createWorkspace();
    const before = server.fake.counters.requests['GET phone'] ?? 0;
    const { id } = await createSenderPhone(ws.id, registered());
    expect(server.fake.counters.requests['GET phone']).toBe(before + 1);
    const [row] = await rowsOf(ws.id);
    expect(row).toMatchObject({ id, status: 'active', displayPhoneNumber: '+55 11 4000-3000', verifiedName: 'Clinica Norte', verification: { ok: true } });
    expect(row.lastVerifiedAt).toBeInstanceOf(Date);
  });

  it('a wrong id, a wrong token or a network error saves nothing and says what failed, on the field to fix', async () => {
    const ws = await createWorkspace();
    await expect(createSenderPhone(ws.id, registered({}, false))).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
      message: expect.stringContaining('Wrong phone number ID'),
      fields: { phoneNumberId: expect.stringContaining('Wrong phone number ID') },
    });
    await expect(createSenderPhone(ws.id, registered({ accessToken: 'EAAGnot-the-right-token-00000000' }))).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
      message: expect.stringContaining('Wrong access token'),
      fields: { accessToken: 'Wrong access token' },
    });
    const restore = overrideEnvForTests({ WHATSAPP_API_BASE_URL: await closedAddress() });
    try {
      await expect(createSenderPhone(ws.id, registered())).rejects.toMatchObject({ code: 'UNAVAILABLE', message: expect.stringContaining('Network error') });
    } finally {
      restore();
    }
    expect(await rowsOf(ws.id)).toEqual([]);
  });

  it('a phone whose check later fails is not active, says why in our words, and is not offered to campaigns', async () => {
    const ws = await createWorkspace();
    const good = await createSenderPhone(ws.id, registered({ label: 'Good' }));
    const phone = registered({ label: 'Broken' });
    const { id } = await createSenderPhone(ws.id, phone);
    expect((await getCampaignFormOptions(ws.id)).senders.map((s) => s.label).sort()).toEqual(['Broken', 'Good']);

    // The number is moved to another account: this token no longer has access to it.
    server.fake.addPhone({ phoneNumberId: phone.phoneNumberId, wabaId: phone.wabaId, accessToken: 'EAAGanother-account-token-000000', appSecret: APP_SECRET });
    const result = await verifySenderPhone(ws.id, { id });
    expect(result).toMatchObject({ ok: false, failure: { kind: 'id', summary: expect.stringContaining('Wrong phone number ID'), code: 100 } });
    const listed = (await listSenderPhones(ws.id)).find((p) => p.id === id)!;
    expect(listed).toMatchObject({
      status: 'needs_attention',
      statusReason: expect.stringContaining('Wrong phone number ID'),
      verification: { ok: false, kind: 'id', summary: expect.stringContaining('Wrong phone number ID') },
    });
    expect((await getCampaignFormOptions(ws.id)).senders.map((s) => s.id)).toEqual([good.id]);

    // A new token that verifies brings it back.
    server.fake.addPhone({ phoneNumberId: phone.phoneNumberId, wabaId: phone.wabaId, accessToken: 'EAAGthe-new-right-token-0000000', appSecret: APP_SECRET });
    await updateSenderPhone(ws.id, { ...phone, id, accessToken: 'EAAGthe-new-right-token-0000000', appSecret: '' });
    expect((await listSenderPhones(ws.id)).find((p) => p.id === id)?.status).toBe('active');
    // Changing the id to one that does not verify: needs attention at once, with the reason.
    await updateSenderPhone(ws.id, { ...phone, id, phoneNumberId: '108999999999999', accessToken: '', appSecret: '' });
    expect((await listSenderPhones(ws.id)).find((p) => p.id === id)).toMatchObject({ status: 'needs_attention', statusReason: expect.stringContaining('Wrong phone number ID') });
    expect((await getCampaignFormOptions(ws.id)).senders.map((s) => s.id)).toEqual([good.id]);
  });

  it('a network error on Verify connection is explained as one, not as something Meta said', async () => {
    const ws = await createWorkspace();
    const { id } = await createSenderPhone(ws.id, registered());
    const db = await getDb();
    await db.update(senderPhones).set({ apiBaseUrl: await closedAddress() }).where(eq(senderPhones.id, id));
    const result = await verifySenderPhone(ws.id, { id });
    expect(result).toMatchObject({ ok: false, failure: { kind: 'network', summary: expect.stringContaining('Network error'), code: null, detail: 'ECONNREFUSED' } });
    // Not a rejection of the phone's details: the status stays as it was.
    expect((await listSenderPhones(ws.id))[0]).toMatchObject({ status: 'active', verification: { ok: false, kind: 'network' } });
  });
});

describe('the sandbox as a choice (issue 15 item 4)', () => {
  it('adds the built-in sandbox after checking it, once per workspace, only when the sandbox is enabled', async () => {
    const restore = overrideEnvForTests({ WHATSAPP_SANDBOX: '1' });
    try {
      expect(env().isSandboxEnabled).toBe(true);
      const ws = await createWorkspace();
      const other = await createWorkspace();
      const { id } = await addSandboxSenderPhone(ws.id, { label: 'Try it' });
      const [row] = await rowsOf(ws.id);
      expect(row).toMatchObject({ id, provider: 'sandbox', label: 'Try it', status: 'active', verifiedName: 'WhatsLab Sandbox', verification: { ok: true } });
      await expect(addSandboxSenderPhone(ws.id, { label: 'Again' })).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('already registered in this workspace') });
      await addSandboxSenderPhone(other.id, { label: 'Sandbox' });
      expect(await rowsOf(other.id)).toHaveLength(1);
      await expect(addSandboxSenderPhone(ws.id, { label: ' ' })).rejects.toMatchObject({ code: 'BAD_USER_INPUT', fields: { label: 'Give this phone a name' } });
    } finally {
      restore();
    }
    const restoreOff = overrideEnvForTests({ WHATSAPP_SANDBOX: '0' });
    try {
      const ws = await createWorkspace();
      await expect(addSandboxSenderPhone(ws.id, { label: 'Sandbox' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    } finally {
      restoreOff();
    }
  });
});
