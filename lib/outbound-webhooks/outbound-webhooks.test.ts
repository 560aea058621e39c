import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { createUser, createWorkspace, uniquePhone } from '@/db/factories';
import { webhookDeliveries, webhookEndpoints, type OutboundEventType } from '@/db/schema';
import { overrideEnvForTests } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { drainDueMessages, startDispatcherLoop } from '@/lib/dispatch/run-dispatcher';
import { captureLead } from '@/lib/leads/capture-lead';
import { isBlockedAddress } from './address-guard';
import { claimDueDeliveries } from './claim-due-deliveries';
import { createWebhookEndpoint } from './create-webhook-endpoint';
import { emitOutboundEvent } from './emit-outbound-event';
import { setWebhookEndpointEnabled } from './manage-webhook-endpoint';
import { resendWebhookDelivery } from './resend-webhook-delivery';
import { runDeliveryPass, sendClaimedDelivery } from './run-delivery-pass';

// A receiver as an integrator would write it: answers from a script (500, 500, 200 ...),
// records every request, and processes each event id once.
type Received = { body: string; headers: http.IncomingHttpHeaders };
function startReceiver(script: number[] = []) {
  const received: Received[] = [];
  const processed: string[] = []; // event ids handled, each once
  const server = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => {
      received.push({ body, headers: req.headers });
      const status = script.shift() ?? 200;
      if (status === 0) return; // hangs: never answers
      if (status === 200) {
        const id = String(req.headers['whatslab-event-id']);
        if (!processed.includes(id)) processed.push(id);
      }
      res.statusCode = status;
      res.end(status === 200 ? 'ok' : 'receiver is down');
    });
  });
  const ready = new Promise<string>((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`)));
  return { received, processed, ready, close: () => new Promise<void>((r) => server.close(() => r())) };
}

async function endpointFor(url: string, events: OutboundEventType[] = ['lead.created', 'lead.updated']) {
  const ws = await createWorkspace();
  const user = await createUser(undefined, { workspaceId: ws.id });
  const created = await createWebhookEndpoint({ workspaceId: ws.id, userId: user.id }, { url, description: 'test', events });
  return { ws, ...created };
}

/** Runs delivery passes until `until()` holds (retries are due within milliseconds here). */
async function passUntil(until: () => Promise<boolean> | boolean, opts: { workerId?: string } = {}) {
  const db = await getDb();
  for (let i = 0; i < 200; i++) {
    if (await until()) return;
    await runDeliveryPass(db, { workerId: opts.workerId ?? 'test-worker', retryBaseMs: 1, retryMaxMs: 5 });
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('condition not reached');
}

async function deliveriesOf(endpointId: string) {
  const db = await getDb();
  return db.select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, endpointId));
}

async function loadSnippet(): Promise<(body: string, header: string, secret: string, tolerance?: number) => boolean> {
  const md = readFileSync(path.join(process.cwd(), 'docs/webhooks.md'), 'utf8');
  const code = /<!-- verify-snippet -->\s*```js\n([\s\S]*?)```/.exec(md)?.[1];
  if (!code) throw new Error('verification snippet not found in docs/webhooks.md');
  const dir = path.join(process.cwd(), '.data/test');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `verify-snippet-${process.pid}.mjs`);
  writeFileSync(file, code);
  const mod = (await import(/* @vite-ignore */ pathToFileURL(file).href)) as { verifyWhatsLabSignature: ReturnType<typeof loadSnippet> extends Promise<infer F> ? F : never };
  return mod.verifyWhatsLabSignature;
}

describe('outbound webhooks', () => {
  const receivers: ReturnType<typeof startReceiver>[] = [];
  const receiver = (script?: number[]) => {
    const r = startReceiver(script);
    receivers.push(r);
    return r;
  };
  afterAll(async () => {
    await Promise.all(receivers.map((r) => r.close()));
  });

  it('signs each delivery so that the documented snippet verifies it (and rejects a tampered body)', async () => {
    const r = receiver();
    const { ws, id, secret } = await endpointFor(await r.ready);
    expect(secret).toMatch(/^whsec_/);
    const lead = await captureLead({ workspaceId: ws.id, phoneE164: uniquePhone(), source: 'landing_page', name: 'Ana', touchpoint: {} });
    await passUntil(() => r.received.length === 1);

    const verify = await loadSnippet();
    const { body, headers } = r.received[0];
    const header = String(headers['whatslab-signature']);
    expect(verify(body, header, secret)).toBe(true);
    expect(verify(body.replace('Ana', 'Eve'), header, secret)).toBe(false);
    expect(verify(body, header, `${secret}x`)).toBe(false);
    const event = JSON.parse(body) as { id: string; type: string; workspaceId: string; data: { lead: { id: string; name: string } } };
    expect(event).toMatchObject({ type: 'lead.created', workspaceId: ws.id, data: { lead: { id: lead.lead.id, name: 'Ana' } } });
    expect(headers['whatslab-event-id']).toBe(event.id);
    const [row] = await deliveriesOf(id);
    expect(row).toMatchObject({ status: 'delivered', attempts: 1, lastStatusCode: 200, eventId: event.id });
    // The secret is stored encrypted, never as given.
    const db = await getDb();
    const [ep] = await db.select({ secretEnc: webhookEndpoints.secretEnc }).from(webhookEndpoints).where(eq(webhookEndpoints.id, id));
    expect(ep.secretEnc).not.toContain(secret);
  });

  it('retries a receiver that fails twice: it gets the event exactly once, with the same id on every attempt', async () => {
    const r = receiver([500, 503, 200]);
    const { ws, id } = await endpointFor(await r.ready);
    await captureLead({ workspaceId: ws.id, phoneE164: uniquePhone(), source: 'landing_page', touchpoint: {} });
    await passUntil(async () => (await deliveriesOf(id))[0]?.status === 'delivered');

    expect(r.received).toHaveLength(3);
    const ids = new Set(r.received.map((x) => x.headers['whatslab-event-id']));
    expect(ids.size).toBe(1);
    expect(new Set(r.received.map((x) => x.body)).size).toBe(1);
    expect(r.processed).toEqual([r.received[0].headers['whatslab-event-id']]);
    const [row] = await deliveriesOf(id);
    expect(row).toMatchObject({ status: 'delivered', attempts: 3, lastStatusCode: 200, lastError: null });
    // Nothing more goes out once delivered.
    await runDeliveryPass(await getDb(), { workerId: 'test-worker' });
    expect(r.received).toHaveLength(3);
  });

  it('re-delivers an event whose worker died mid-delivery once its lease runs out; the receiver dedups by id', async () => {
    const r = receiver();
    const { ws, id } = await endpointFor(await r.ready);
    await captureLead({ workspaceId: ws.id, phoneE164: uniquePhone(), source: 'landing_page', touchpoint: {} });
    const db = await getDb();
    // A worker claims and posts, then dies before recording the answer.
    const [claim] = await claimDueDeliveries(db, { workerId: 'dead-worker', limit: 10, leaseSeconds: 1 });
    expect(claim.endpointId).toBe(id);
    expect((await sendClaimedDelivery(claim)).ok).toBe(true);
    // While its lease lives nobody else takes it.
    expect((await runDeliveryPass(db, { workerId: 'live-worker' })).claimed).toBe(0);
    await passUntil(async () => (await deliveriesOf(id))[0]?.status === 'delivered', { workerId: 'live-worker' });

    expect(r.received).toHaveLength(2);
    expect(r.received[0].headers['whatslab-event-id']).toBe(r.received[1].headers['whatslab-event-id']);
    expect(r.processed).toEqual([r.received[0].headers['whatslab-event-id']]);
    const [row] = await deliveriesOf(id);
    expect(row).toMatchObject({ status: 'delivered', attempts: 2 });
  });

  it('is delivered by the dispatcher: the cron drain and the long-running loop', async () => {
    const r = receiver();
    const { ws, id } = await endpointFor(await r.ready);
    await captureLead({ workspaceId: ws.id, phoneE164: uniquePhone(), source: 'landing_page', touchpoint: {} });
    await drainDueMessages({ workerId: 'cron-test', kind: 'cron', budgetMs: 5_000 });
    expect(r.received).toHaveLength(1);
    expect((await deliveriesOf(id))[0].status).toBe('delivered');

    const loop = startDispatcherLoop({ workerId: 'loop-test', kind: 'worker', intervalMs: 50 });
    try {
      await captureLead({ workspaceId: ws.id, phoneE164: uniquePhone(), source: 'landing_page', touchpoint: {} });
      await expect.poll(() => r.received.length, { timeout: 10_000 }).toBe(2);
    } finally {
      await loop.stop();
    }
  });

  it('cuts off a receiver that never answers at the timeout, and retries it', async () => {
    const r = receiver([0, 200]);
    const { ws, id } = await endpointFor(await r.ready);
    await captureLead({ workspaceId: ws.id, phoneE164: uniquePhone(), source: 'landing_page', touchpoint: {} });
    const db = await getDb();
    await runDeliveryPass(db, { workerId: 'w', timeoutMs: 300, retryBaseMs: 1, retryMaxMs: 5 });
    const [first] = await deliveriesOf(id);
    expect(first).toMatchObject({ status: 'pending', attempts: 1, lastStatusCode: null });
    expect(first.lastError).toMatch(/no answer within 300 ms/);
    await passUntil(async () => (await deliveriesOf(id))[0]?.status === 'delivered');
    expect(r.received).toHaveLength(2);
  });

  it('emits only to enabled endpoints of the same workspace that want the event type', async () => {
    const r = receiver();
    const url = await r.ready;
    const a = await endpointFor(url, ['lead.opted_out']);
    const b = await endpointFor(url, ['lead.created']);
    const db = await getDb();
    await db.transaction((tx) => emitOutboundEvent(tx, a.ws.id, 'lead.created', { x: 1 }));
    expect(await deliveriesOf(a.id)).toHaveLength(0);
    expect(await deliveriesOf(b.id)).toHaveLength(0);
    await db.transaction((tx) => emitOutboundEvent(tx, b.ws.id, 'lead.created', { x: 1 }));
    expect(await deliveriesOf(b.id)).toHaveLength(1);
    // Rolled back with the change: no event.
    await db
      .transaction(async (tx) => {
        await emitOutboundEvent(tx, b.ws.id, 'lead.created', { x: 2 });
        throw new Error('rollback');
      })
      .catch(() => undefined);
    expect(await deliveriesOf(b.id)).toHaveLength(1);
    await setWebhookEndpointEnabled(b.ws.id, { id: b.id, enabled: false });
    await db.transaction((tx) => emitOutboundEvent(tx, b.ws.id, 'lead.created', { x: 3 }));
    expect(await deliveriesOf(b.id)).toHaveLength(1);
    // Another workspace cannot switch it back on.
    await expect(setWebhookEndpointEnabled(a.ws.id, { id: b.id, enabled: true })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('disables an endpoint that has failed for 24 hours and says why; gives up a delivery after its 24 hours', async () => {
    const r = receiver([500, 500, 500]);
    const { ws, id } = await endpointFor(await r.ready);
    await captureLead({ workspaceId: ws.id, phoneE164: uniquePhone(), source: 'landing_page', touchpoint: {} });
    const db = await getDb();
    await db.update(webhookEndpoints).set({ failingSince: sql`now() - interval '25 hours'` }).where(eq(webhookEndpoints.id, id));
    await db.update(webhookDeliveries).set({ giveUpAt: sql`now() + interval '1 second'` }).where(eq(webhookDeliveries.endpointId, id));
    await runDeliveryPass(db, { workerId: 'w', retryBaseMs: 60_000 });

    const [ep] = await db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, id));
    expect(ep.isEnabled).toBe(false);
    expect(ep.disabledReason).toMatch(/failed for 24 hours.*HTTP 500: receiver is down/);
    const [row] = await deliveriesOf(id);
    expect(row).toMatchObject({ status: 'failed', attempts: 1, lastStatusCode: 500 });

    // Resend queues the same event again; it goes out once the admin enables the endpoint.
    await resendWebhookDelivery(ws.id, { id: row.id });
    await setWebhookEndpointEnabled(ws.id, { id, enabled: true });
    r.received.length = 0;
    await passUntil(async () => (await deliveriesOf(id))[0]?.status === 'delivered');
    expect(r.received[0].headers['whatslab-event-id']).toBe(row.eventId);
    const [after] = await db.select().from(webhookEndpoints).where(and(eq(webhookEndpoints.id, id)));
    expect(after).toMatchObject({ isEnabled: true, disabledReason: null, failingSince: null });
  });

  describe('in production mode', () => {
    let restore: () => void = () => undefined;
    beforeAll(() => {
      restore = overrideEnvForTests({ NODE_ENV: 'production', OUTBOUND_WEBHOOKS_ALLOW_PRIVATE: undefined });
    });
    afterAll(() => restore());

    it('classifies loopback, private, link-local and metadata addresses as blocked', () => {
      for (const ip of ['127.0.0.1', '10.1.2.3', '172.16.0.1', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', 'fd00:ec2::254', 'fe80::1', '::ffff:127.0.0.1', '::ffff:7f00:1', '::ffff:a9fe:a9fe', '64:ff9b::a00:1']) {
        expect(isBlockedAddress(ip), ip).toBe(true);
      }
      for (const ip of ['8.8.8.8', '93.184.216.34', '2606:4700:4700::1111', '::ffff:8.8.8.8']) expect(isBlockedAddress(ip), ip).toBe(false);
    });

    it('refuses to save a URL that is or resolves to a private address', async () => {
      const ws = await createWorkspace();
      for (const url of ['http://127.0.0.1:9/hook', 'http://169.254.169.254/latest/meta-data', 'http://[::1]/x', 'http://10.0.0.5/x', 'http://localhost:9/hook']) {
        const err = await createWebhookEndpoint({ workspaceId: ws.id, userId: null }, { url, description: '', events: ['lead.created'] }).catch((e: unknown) => e);
        expect(err, url).toBeInstanceOf(AppError);
        expect((err as AppError).code).toBe('BAD_USER_INPUT');
        expect((err as AppError).fields?.url).toMatch(/private or local/);
      }
      const db = await getDb();
      expect(await db.select().from(webhookEndpoints).where(eq(webhookEndpoints.workspaceId, ws.id))).toHaveLength(0);
    });

    it('refuses at delivery time too, checking the address actually connected to', async () => {
      const r = receiver();
      const url = await r.ready;
      // Saved while private addresses were allowed (or DNS changed since): both an IP literal
      // and a name resolved at connection time are refused.
      const undo = overrideEnvForTests({ OUTBOUND_WEBHOOKS_ALLOW_PRIVATE: '1' });
      const literal = await endpointFor(url);
      const named = await endpointFor(url.replace('127.0.0.1', 'localhost'));
      undo();
      const db = await getDb();
      await captureLead({ workspaceId: literal.ws.id, phoneE164: uniquePhone(), source: 'landing_page', touchpoint: {} });
      await captureLead({ workspaceId: named.ws.id, phoneE164: uniquePhone(), source: 'landing_page', touchpoint: {} });
      await runDeliveryPass(db, { workerId: 'w', retryBaseMs: 60_000 });

      expect(r.received).toHaveLength(0);
      const [a] = await deliveriesOf(literal.id);
      const [b] = await deliveriesOf(named.id);
      expect(a).toMatchObject({ status: 'pending', attempts: 1, lastStatusCode: null });
      expect(a.lastError).toMatch(/private or local/);
      expect(b.lastError).toMatch(/localhost resolves to .*private or local/);
    });
  });
});
