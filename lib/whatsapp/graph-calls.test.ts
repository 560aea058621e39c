import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSenderPhone, createWorkspace } from '@/db/factories';
import { env } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { startFakeWhatsAppServer, type FakeWhatsAppServer } from './fake/server';
import { getPhoneDetails } from './get-phone-details';
import { listMessageTemplates } from './list-message-templates';
import { markAsRead } from './mark-as-read';
import { sandboxApiBaseUrl } from './fake/sandbox';
import { loadSenderCredentials } from './sender-credentials';
import type { SenderCredentials } from './types';

let server: FakeWhatsAppServer;
let creds: SenderCredentials;
const PHONE = { phoneNumberId: '108000000000001', wabaId: '208000000000001', accessToken: 'tok-graph', appSecret: 'sec-graph' };

beforeAll(async () => {
  server = await startFakeWhatsAppServer({ webhooks: { enabled: false } });
  server.fake.addPhone({ ...PHONE, displayPhoneNumber: '+1 555 123 4567', verifiedName: 'Clinica Sorriso', throughputPerSecond: 80 });
  for (let i = 0; i < 5; i++) {
    server.fake.addTemplate(PHONE.wabaId, { name: `tpl_${i}`, language: 'pt_BR', status: i === 4 ? 'REJECTED' : 'APPROVED', category: 'UTILITY', components: [{ type: 'BODY', text: `Body ${i} {{1}}` }] });
  }
  creds = { ...PHONE, apiBaseUrl: server.url, apiVersion: 'v23.0' };
});

afterAll(async () => {
  await server.close();
});

describe('Graph calls against the fake', () => {
  it('getPhoneDetails returns the display number, name, quality and throughput', async () => {
    const r = await getPhoneDetails(creds);
    expect(r).toEqual({
      ok: true,
      data: { id: PHONE.phoneNumberId, displayPhoneNumber: '+1 555 123 4567', verifiedName: 'Clinica Sorriso', qualityRating: 'GREEN', throughputLevel: 'STANDARD', status: 'CONNECTED' },
    });
  });

  it('getPhoneDetails with a bad token -> token_invalid', async () => {
    const r = await getPhoneDetails({ ...creds, accessToken: 'expired' });
    expect(r).toMatchObject({ ok: false, outcome: 'rejected', decision: 'token_invalid', error: { code: 190, httpStatus: 401 } });
  });

  it('listMessageTemplates follows paging.next', async () => {
    const before = server.fake.counters.requests['GET message_templates'] ?? 0;
    const r = await listMessageTemplates(creds, { pageSize: 2 });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.data.map((t) => `${t.name}:${t.status}`)).toEqual(['tpl_0:APPROVED', 'tpl_1:APPROVED', 'tpl_2:APPROVED', 'tpl_3:APPROVED', 'tpl_4:REJECTED']);
    expect(r.data[0]).toMatchObject({ language: 'pt_BR', category: 'UTILITY', components: [{ type: 'BODY', text: 'Body 0 {{1}}' }] });
    expect(server.fake.counters.requests['GET message_templates'] - before).toBe(3);
  });

  it('markAsRead posts status "read"', async () => {
    expect(await markAsRead(creds, 'wamid.inbound-1')).toEqual({ ok: true, data: { success: true } });
    expect(server.fake.counters.requests['POST read']).toBe(1);
  });
});

describe('loadSenderCredentials', () => {
  it('decrypts the token, falls back to env base URL and version, and is scoped by workspace', async () => {
    const ws = await createWorkspace();
    const other = await createWorkspace();
    const phone = await createSenderPhone(ws.id, { accessToken: 'EAA-secret-token' });
    const c = await loadSenderCredentials(ws.id, phone.id);
    expect(c).toEqual({
      phoneNumberId: phone.phoneNumberId,
      wabaId: phone.wabaId,
      accessToken: 'EAA-secret-token',
      apiBaseUrl: env().WHATSAPP_API_BASE_URL,
      apiVersion: env().WHATSAPP_API_VERSION,
    });
    const custom = await createSenderPhone(ws.id, { apiBaseUrl: 'http://127.0.0.1:9/graph', apiVersion: 'v99.0' });
    expect(await loadSenderCredentials(ws.id, custom.id)).toMatchObject({ apiBaseUrl: 'http://127.0.0.1:9/graph', apiVersion: 'v99.0' });
    await expect(loadSenderCredentials(other.id, phone.id)).rejects.toBeInstanceOf(AppError);
  });

  it('sends a sandbox sender through this process\'s own sandbox, whichever server stored its address', async () => {
    // A second server on the same database (another port) once left every sandbox sender
    // pointing at itself; after it stopped, sends failed with ECONNREFUSED.
    const ws = await createWorkspace();
    const stored = await createSenderPhone(ws.id, { provider: 'sandbox', apiBaseUrl: 'http://localhost:3999/api/sandbox/graph' });
    // (The sandbox is on for the embedded database, off on the PostgreSQL server unless asked for.)
    const expected = env().isSandboxEnabled ? sandboxApiBaseUrl() : 'http://localhost:3999/api/sandbox/graph';
    expect((await loadSenderCredentials(ws.id, stored.id)).apiBaseUrl).toBe(expected);
  });
});
