import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeWhatsAppServer, type FakeWhatsAppServer } from './fake/server';
import { sendMessage } from './send-message';
import type { SenderCredentials } from './types';

// Contract tests: our client against the fake Cloud API over real HTTP.

let server: FakeWhatsAppServer;
let creds: SenderCredentials;
const PHONE = { phoneNumberId: '109876543210001', wabaId: '209876543210001', accessToken: 'EAAtest-token', appSecret: 'app-secret-1' };

beforeAll(async () => {
  server = await startFakeWhatsAppServer({ webhooks: { enabled: false }, pairRateLimit: false });
  server.fake.addPhone(PHONE);
  server.fake.addTemplate(PHONE.wabaId, {
    name: 'welcome_v1',
    language: 'pt_BR',
    components: [{ type: 'BODY', text: 'Olá {{1}}, tudo bem?' }],
  });
  server.fake.addTemplate(PHONE.wabaId, { name: 'pending_one', language: 'pt_BR', status: 'PENDING', components: [] });
  creds = { ...PHONE, apiBaseUrl: server.url, apiVersion: 'v23.0' };
});

afterAll(async () => {
  await server.close();
});

beforeEach(() => {
  server.fake.reset();
  server.fake.setFailures({});
});

describe('sendMessage against the fake', () => {
  it('sends a text with the exact body and returns the wamid and wa_id', async () => {
    const r = await sendMessage(creds, { type: 'text', to: '+55 11 98765-4321', body: 'Oi Ana', bizOpaqueCallbackData: 'msg-1' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.providerMessageId).toMatch(/^wamid\./);
    expect(r.waId).toBe('5511987654321');
    expect(server.fake.sent).toHaveLength(1);
    expect(server.fake.sent[0].id).toBe(r.providerMessageId);
    expect(server.fake.sent[0].body).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: '5511987654321',
      type: 'text',
      text: { body: 'Oi Ana', preview_url: false },
      biz_opaque_callback_data: 'msg-1',
    });
    expect(server.fake.counters.requests['POST messages']).toBe(1);
  });

  it('sends an approved template with its components', async () => {
    const components = [{ type: 'body' as const, parameters: [{ type: 'text' as const, text: 'Ana' }] }];
    const r = await sendMessage(creds, { type: 'template', to: '5511900000001', name: 'welcome_v1', language: 'pt_BR', components });
    expect(r.ok).toBe(true);
    expect(server.fake.sent[0].body).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: '5511900000001',
      type: 'template',
      template: { name: 'welcome_v1', language: { code: 'pt_BR' }, components },
    });
  });

  it('maps template problems to give_up (132001 missing or not approved, 132000 param count)', async () => {
    const missing = await sendMessage(creds, { type: 'template', to: '5511900000002', name: 'nope', language: 'pt_BR', components: [] });
    expect(missing).toMatchObject({ ok: false, outcome: 'rejected', decision: 'give_up', error: { code: 132001 } });
    const pending = await sendMessage(creds, { type: 'template', to: '5511900000002', name: 'pending_one', language: 'pt_BR', components: [] });
    expect(pending).toMatchObject({ outcome: 'rejected', error: { code: 132001 } });
    const count = await sendMessage(creds, { type: 'template', to: '5511900000002', name: 'welcome_v1', language: 'pt_BR', components: [] });
    expect(count).toMatchObject({ outcome: 'rejected', decision: 'give_up', error: { code: 132000 } });
    expect(server.fake.counters.rejected).toEqual({ 132001: 2, 132000: 1 });
    expect(server.fake.sent).toHaveLength(0);
  });

  it.each([
    [131026, 'give_up'],
    [131047, 'give_up'],
    [131056, 'retry_recipient_later'],
    [130429, 'backoff_sender'],
    [131048, 'pause_sender'],
    [131000, 'retry'],
  ] as const)('injected error %i -> %s', async (code, decision) => {
    server.fake.setFailures({ byRecipient: { '5511900000003': code } });
    const r = await sendMessage(creds, { type: 'text', to: '+5511900000003', body: 'x' });
    expect(r).toMatchObject({ ok: false, outcome: 'rejected', decision, error: { code } });
    if (!r.ok && r.outcome === 'rejected') expect(r.error.fbtraceId).toBeTruthy();
  });

  it('an invalid token -> 190 with HTTP 401 -> token_invalid', async () => {
    const r = await sendMessage({ ...creds, accessToken: 'wrong' }, { type: 'text', to: '5511900000004', body: 'x' });
    expect(r).toMatchObject({ ok: false, outcome: 'rejected', decision: 'token_invalid', error: { code: 190, httpStatus: 401 } });
  });

  it('a 5xx with a Graph error body is rejected (retry); a bare 5xx is unknown', async () => {
    server.fake.setFailures({ byRecipient: { '5511900000005': '5xx', '5511900000006': '5xx_bare' } });
    const withBody = await sendMessage(creds, { type: 'text', to: '5511900000005', body: 'x' });
    expect(withBody).toMatchObject({ ok: false, outcome: 'rejected', decision: 'retry', error: { code: 1, httpStatus: 500 } });
    const bare = await sendMessage(creds, { type: 'text', to: '5511900000006', body: 'x' });
    expect(bare).toMatchObject({ ok: false, outcome: 'unknown' });
  });

  it('a timeout is unknown (the request reached the server)', async () => {
    server.fake.setFailures({ byRecipient: { '5511900000007': 'timeout_accepted' } });
    const started = Date.now();
    const r = await sendMessage(creds, { type: 'text', to: '5511900000007', body: 'x' }, { timeoutMs: 300 });
    expect(r).toEqual({ ok: false, outcome: 'unknown', reason: 'timeout' });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(server.fake.counters.timeouts).toBe(1);
    expect(server.fake.sent).toHaveLength(1); // the message did go out
  });

  it('a dropped connection is unknown', async () => {
    server.fake.setFailures({ byRecipient: { '5511900000008': 'drop' } });
    const r = await sendMessage(creds, { type: 'text', to: '5511900000008', body: 'x' });
    expect(r).toMatchObject({ ok: false, outcome: 'unknown' });
    expect(server.fake.counters.drops).toBe(1);
  });

  it('connection refused is not_sent', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', () => r()));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const r = await sendMessage({ ...creds, apiBaseUrl: `http://127.0.0.1:${port}` }, { type: 'text', to: '5511900000009', body: 'x' });
    expect(r).toEqual({ ok: false, outcome: 'not_sent', reason: 'ECONNREFUSED' });
  });

  it('an unresolvable host is not_sent', async () => {
    const r = await sendMessage({ ...creds, apiBaseUrl: 'http://whatslab-does-not-exist.invalid' }, { type: 'text', to: '5511900000009', body: 'x' });
    expect(r).toMatchObject({ ok: false, outcome: 'not_sent' });
  });

  it('the fake enforces the throughput cap (130429) and the pair rate limit (131056)', async () => {
    server.fake.addPhone({ ...PHONE, phoneNumberId: '109876543210002', throughputPerSecond: 2 });
    const slow = { ...creds, phoneNumberId: '109876543210002' };
    const results = await Promise.all([1, 2, 3].map((i) => sendMessage(slow, { type: 'text', to: `551190000010${i}`, body: 'x' })));
    expect(results.filter((r) => r.ok)).toHaveLength(2);
    expect(results.find((r) => !r.ok)).toMatchObject({ outcome: 'rejected', decision: 'backoff_sender', error: { code: 130429 } });

    server.fake.setPairRateLimit({ burst: 2, intervalMs: 60_000 });
    try {
      const pair = [];
      for (let i = 0; i < 3; i++) pair.push(await sendMessage(creds, { type: 'text', to: '5511900000200', body: `n${i}` }));
      expect(pair.map((r) => r.ok)).toEqual([true, true, false]);
      expect(pair[2]).toMatchObject({ decision: 'retry_recipient_later', error: { code: 131056 } });
    } finally {
      server.fake.setPairRateLimit(false);
    }
  });
});
