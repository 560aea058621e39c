import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { createLead, createQueuedMessage, createSenderPhone, createWorkspace } from '@/db/factories';
import * as s from '@/db/schema';
import { metaJson } from '@/lib/whatsapp/fake/fake-webhooks';
import { signWebhookBody } from '@/lib/whatsapp/signature';
import { MAX_WEBHOOK_BODY_BYTES } from './limits';
import { installWebhookFastDoor, webhookAnswerHeaders } from './webhook-fast-door';

// The door in front of Next on a Node server (decision 017): webhook POSTs are answered by the
// receiver with the route's limits and statuses; everything else reaches the server's own handler.

type Sender = Awaited<ReturnType<typeof createSenderPhone>>;
let server: http.Server;
let base: string;
let sender: Sender;
let wsId: string;

beforeAll(async () => {
  await getDb();
  const ws = await createWorkspace();
  wsId = ws.id;
  sender = await createSenderPhone(ws.id);
  installWebhookFastDoor();
  server = http.createServer((_req, res) => {
    res.writeHead(299);
    res.end('next');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const post = async (body: string, signature: string | null, extra: Record<string, string> = {}) => {
  const res = await fetch(`${base}/api/webhooks/whatsapp`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(signature ? { 'x-hub-signature-256': signature } : {}), ...extra },
    body,
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown>, headers: res.headers };
};

describe('webhook fast door', () => {
  it('applies a signed status and answers like the route; other requests reach the server', async () => {
    const lead = await createLead(wsId);
    const wamid = `wamid.${randomUUID()}`;
    const m = await createQueuedMessage(wsId, { leadId: lead.id, senderPhoneId: sender.id, toPhone: lead.phoneE164, status: 'sending', providerMessageId: wamid });
    const body = metaJson({
      object: 'whatsapp_business_account',
      entry: [{ id: sender.wabaId, changes: [{ field: 'messages', value: { metadata: { phone_number_id: sender.phoneNumberId }, statuses: [{ id: wamid, status: 'delivered', timestamp: '1767000000' }] } }] }],
    });
    const ok = await post(body, signWebhookBody(body, sender.appSecret));
    expect(ok).toMatchObject({ status: 200, json: { ok: true, processed: true } });
    expect(ok.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
    const [row] = await (await getDb()).select().from(s.messages).where(eq(s.messages.id, m.id));
    expect(row.status).toBe('delivered');
    expect((await post(body, signWebhookBody(body, sender.appSecret))).json).toMatchObject({ duplicate: true });
    expect((await post(body, signWebhookBody(body, 'wrong'))).status).toBe(401);
    expect((await post(body, null)).status).toBe(401);
    expect((await post('{"object":', signWebhookBody('{"object":', sender.appSecret))).status).toBe(400);
    expect((await fetch(`${base}/api/webhooks/whatsapp?hub.mode=subscribe`)).status).toBe(299);
    expect((await fetch(`${base}/api/health`, { method: 'POST' })).status).toBe(299);
  });

  it('answers 413 past the limit, declared or streamed', async () => {
    const big = 'x'.repeat(MAX_WEBHOOK_BODY_BYTES + 1);
    expect((await post(big, `sha256=${'0'.repeat(64)}`)).status).toBe(413);
    const streamed = await new Promise<number>((resolve, reject) => {
      const req = http.request(`${base}/api/webhooks/whatsapp`, { method: 'POST', headers: { 'transfer-encoding': 'chunked' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      for (let i = 0; i < 20; i++) req.write(Buffer.alloc(64 * 1024, 120));
      req.end();
    });
    expect(streamed).toBe(413);
  });

  it('sends the headers next.config.mjs gives every /api answer', async () => {
    const configPath = path.join(process.cwd(), 'next.config.mjs');
    for (const production of [false, true]) {
      const previous = process.env.NODE_ENV;
      (process.env as Record<string, string>).NODE_ENV = production ? 'production' : 'test';
      const config = (await import(/* @vite-ignore */ `${configPath}?production=${production}`)).default as { headers: () => Promise<{ source: string; headers: { key: string; value: string }[] }[]> };
      (process.env as Record<string, string>).NODE_ENV = previous!;
      const rules = await config.headers();
      const expected = Object.fromEntries(rules.filter((r) => r.source === '/:path*' || r.source === '/api/:path*').flatMap((r) => r.headers.map((h) => [h.key.toLowerCase(), h.value])));
      expect(webhookAnswerHeaders(production)).toEqual(expected);
    }
  });
});
