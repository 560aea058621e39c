import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { execRows, getDb } from '@/db/client';
import { createLead, createTemplate } from '@/db/factories';
import { leads, messages, senderPhones, workspaces } from '@/db/schema';
import { startFakeWhatsAppServer, type FakeWhatsAppServer } from '@/lib/whatsapp/fake/server';
import { RECIPIENT_CAP_REASON } from './daily-recipient-cap';
import { dispatchOnce } from './run-dispatcher';
import { createDispatchScene, eventStatuses, forgetPairGates, getMessage, makeDue, sentFor } from './test-kit';

// The dispatcher against the fake Cloud API over real HTTP and a real database: what Meta
// receives, and what each answer does to the message row.

let server: FakeWhatsAppServer;
let pass = 0;
const run = (extra: Partial<Parameters<typeof dispatchOnce>[0]> = {}) =>
  dispatchOnce({ workerId: `test-worker-${++pass}`, kind: 'worker', ...extra });

beforeAll(async () => {
  server = await startFakeWhatsAppServer({ webhooks: { enabled: false }, pairRateLimit: false });
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  server.fake.reset();
  server.fake.setFailures({});
});

describe('dispatching a queued message', () => {
  it('sends once, rendered with the lead data current at send time, and records it as sent', async () => {
    const db = await getDb();
    const scene = await createDispatchScene(server);
    const tpl = await createTemplate(scene.ws.id, {
      body: 'Hi {{first_name|there}}, welcome from {{attr.city}}!',
      fallbacks: { 'attr.city': 'our team' },
    });
    const lead = await createLead(scene.ws.id, { name: 'Ana Souza', attributes: { city: 'Recife' } });
    const msg = await scene.queue({ leadId: lead.id, toPhone: lead.phoneE164, templateId: tpl.id, renderedBody: null });
    // Edited after queueing: the message must use the new name.
    await db.update(leads).set({ name: 'Bia Lima' }).where(eq(leads.id, lead.id));

    const counts = await run();
    expect(counts.sent).toBeGreaterThanOrEqual(1);

    const sent = sentFor(server, msg.id);
    expect(sent).toHaveLength(1);
    expect(sent[0].body.text).toEqual({ body: 'Hi Bia, welcome from Recife!', preview_url: false });
    expect(sent[0].to).toBe(lead.phoneE164.slice(1));

    const row = await getMessage(msg.id);
    expect(row).toMatchObject({
      status: 'sent',
      providerMessageId: sent[0].id,
      waId: sent[0].waId,
      renderedBody: 'Hi Bia, welcome from Recife!',
      attempts: 1,
      leaseOwner: null,
      statusReason: null,
    });
    expect(row.sentAt).toBeInstanceOf(Date);
    expect(await eventStatuses(msg.id)).toEqual(['sending', 'sent']);

    await run();
    expect(sentFor(server, msg.id)).toHaveLength(1);
  });

  it('sends an explicit body as is when the message has no template', async () => {
    const scene = await createDispatchScene(server);
    const msg = await scene.queue({ renderedBody: 'Literal {{first_name}} text' });
    await run();
    expect(sentFor(server, msg.id).map((s) => s.body.text)).toEqual([{ body: 'Literal {{first_name}} text', preview_url: false }]);
    expect((await getMessage(msg.id)).status).toBe('sent');
  });

  it('sends a WhatsApp template with parameters from the lead', async () => {
    const scene = await createDispatchScene(server);
    server.fake.addTemplate(scene.phone.wabaId, {
      name: 'welcome_v1',
      language: 'pt_BR',
      components: [{ type: 'BODY', text: 'Olá {{1}}, tudo bem?' }],
    });
    const tpl = await createTemplate(scene.ws.id, {
      kind: 'whatsapp_template',
      body: 'Olá {{1}}, tudo bem?',
      waTemplateName: 'welcome_v1',
      waLanguage: 'pt_BR',
      parameterMapping: [{ component: 'body', index: 1, source: 'field', field: 'first_name', fallback: 'cliente' }],
    });
    const msg = await scene.queue({ kind: 'template', templateId: tpl.id, renderedBody: null, leadName: 'Carla Dias' });
    await run();
    const [sent] = sentFor(server, msg.id);
    expect(sent.body.template).toEqual({
      name: 'welcome_v1',
      language: { code: 'pt_BR' },
      components: [{ type: 'body', parameters: [{ type: 'text', text: 'Carla' }] }],
    });
    expect(await getMessage(msg.id)).toMatchObject({ status: 'sent', renderedBody: 'Olá Carla, tudo bem?' });
  });
});

describe('answers from Meta', () => {
  it('requeues a retryable error with a later next_attempt_at, then sends on the next try', async () => {
    const scene = await createDispatchScene(server);
    const msg = await scene.queue();
    server.fake.setFailures({ byRecipient: { [msg.toPhone.slice(1)]: { failure: 131000, times: 1 } } });

    await run();
    const row = await getMessage(msg.id);
    expect(row).toMatchObject({ status: 'queued', attempts: 1, errorCode: 131000, leaseOwner: null });
    expect(row.statusReason).toContain('131000');
    // 131000 asks for at least 10 s (classify-error.ts): measured from the requeue itself (its
    // updated_at, the same statement's clock), not from now, which a slow machine moves on.
    const [{ ahead }] = await execRows<{ ahead: boolean }>(
      await getDb(),
      sql`select next_attempt_at >= updated_at + interval '9 seconds' as ahead from messages where id = ${msg.id}`,
    );
    expect(ahead).toBe(true);
    await run();
    expect(sentFor(server, msg.id)).toHaveLength(0);

    await makeDue(msg.id);
    await forgetPairGates(); // the retry goes to the same recipient: 6 s must have passed
    await run();
    expect(sentFor(server, msg.id)).toHaveLength(1);
    expect(await getMessage(msg.id)).toMatchObject({ status: 'sent', attempts: 2 });
    expect(await eventStatuses(msg.id)).toEqual(['sending', 'retry_scheduled', 'sending', 'sent']);
  });

  it('fails a message out of attempts instead of requeueing it', async () => {
    const scene = await createDispatchScene(server);
    const msg = await scene.queue({ maxAttempts: 1 });
    server.fake.setFailures({ byRecipient: { [msg.toPhone.slice(1)]: 131016 } });
    await run();
    const row = await getMessage(msg.id);
    expect(row).toMatchObject({ status: 'failed', attempts: 1, errorCode: 131016 });
    expect(row.statusReason).toMatch(/gave up after max attempts/);
  });

  it('fails a message Meta refuses for good, with its error code and title', async () => {
    const scene = await createDispatchScene(server);
    const msg = await scene.queue();
    server.fake.setFailures({ byRecipient: { [msg.toPhone.slice(1)]: 131026 } });
    await run();
    const row = await getMessage(msg.id);
    expect(row).toMatchObject({ status: 'failed', errorCode: 131026, leaseOwner: null });
    expect(row.errorTitle).toBeTruthy();
    expect(row.failedAt).toBeInstanceOf(Date);
    await makeDue(msg.id);
    await run();
    expect(server.fake.counters.requests['POST messages']).toBe(1);
  });

  it('marks a timed-out call unknown and never sends it again on later passes', async () => {
    const scene = await createDispatchScene(server);
    const msg = await scene.queue();
    server.fake.setFailures({ byRecipient: { [msg.toPhone.slice(1)]: 'timeout_accepted' } });
    await run({ apiTimeoutMs: 300 });
    const row = await getMessage(msg.id);
    expect(row.status).toBe('unknown');
    expect(row.statusReason).toMatch(/unknown/);
    server.fake.setFailures({});
    await makeDue(msg.id);
    await run();
    await run();
    expect(server.fake.counters.requests['POST messages']).toBe(1);
    expect((await getMessage(msg.id)).status).toBe('unknown');
  });

  it('requeues a call that never left this machine', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const scene = await createDispatchScene(server, { apiBaseUrl: `http://127.0.0.1:${port}` });
    const msg = await scene.queue();
    await run();
    const row = await getMessage(msg.id);
    expect(row).toMatchObject({ status: 'queued', attempts: 1 });
    expect(row.statusReason).toMatch(/^not sent/);
  });

  it('pauses the sender on a spam limit and holds its messages while paused', async () => {
    const db = await getDb();
    const scene = await createDispatchScene(server);
    const first = await scene.queue();
    server.fake.setFailures({ byRecipient: { [first.toPhone.slice(1)]: 131048 } });
    await run();
    const [sender] = await db.select().from(senderPhones).where(eq(senderPhones.id, scene.phone.id));
    expect(sender.status).toBe('paused');
    expect(sender.pausedUntil!.getTime()).toBeGreaterThan(Date.now() + 30 * 60_000);
    expect(await getMessage(first.id)).toMatchObject({ status: 'queued', errorCode: 131048 });

    const second = await scene.queue();
    await run();
    expect(sentFor(server, second.id)).toHaveLength(0);
    expect(await getMessage(second.id)).toMatchObject({ status: 'queued', attempts: 0, leaseOwner: null });
    expect((await getMessage(second.id)).statusReason).toMatch(/paused/);

    // Once the pause is over the sender resumes by itself.
    await db.update(senderPhones).set({ pausedUntil: sql`now() - interval '1 second'` }).where(eq(senderPhones.id, scene.phone.id));
    await makeDue(second.id);
    await run();
    expect(sentFor(server, second.id)).toHaveLength(1);
  });

  it('marks the sender as needing attention when the token is rejected', async () => {
    const db = await getDb();
    const scene = await createDispatchScene(server);
    const msg = await scene.queue();
    server.fake.setFailures({ byRecipient: { [msg.toPhone.slice(1)]: 190 } });
    await run();
    const [sender] = await db.select().from(senderPhones).where(eq(senderPhones.id, scene.phone.id));
    expect(sender).toMatchObject({ status: 'needs_attention' });
    expect(await getMessage(msg.id)).toMatchObject({ status: 'queued', errorCode: 190 });
  });
});

describe('checks at send time', () => {
  it('skips a lead who opted out, with the reason, without calling Meta', async () => {
    const scene = await createDispatchScene(server);
    const lead = await createLead(scene.ws.id, { optedOutAt: new Date() });
    const msg = await scene.queue({ leadId: lead.id, toPhone: lead.phoneE164 });
    await run();
    expect(await getMessage(msg.id)).toMatchObject({ status: 'skipped', statusReason: 'lead opted out', attempts: 0 });
    expect(server.fake.counters.requests['POST messages'] ?? 0).toBe(0);
  });

  it('holds messages of an inactive sender without counting an attempt', async () => {
    const scene = await createDispatchScene(server, { isActive: false });
    const msg = await scene.queue();
    await run();
    const row = await getMessage(msg.id);
    expect(row).toMatchObject({ status: 'queued', attempts: 0, leaseOwner: null });
    expect(row.nextAttemptAt.getTime()).toBeGreaterThan(Date.now() + 10_000);
  });

  it('applies the 24-hour rule to business-initiated texts on real Cloud API numbers only', async () => {
    const cloud = await createDispatchScene(server, { provider: 'cloud_api' });
    const cold = await cloud.queue();
    const warmLead = await createLead(cloud.ws.id, { lastInboundAt: new Date(Date.now() - 60 * 60_000) });
    const warm = await cloud.queue({ leadId: warmLead.id, toPhone: warmLead.phoneE164 });
    const reply = await cloud.queue({ isBusinessInitiated: false });
    const sandbox = await createDispatchScene(server, { provider: 'sandbox' });
    const demo = await sandbox.queue();
    await run();

    const coldRow = await getMessage(cold.id);
    expect(coldRow.status).toBe('skipped');
    expect(coldRow.statusReason).toMatch(/24-hour window/);
    expect(sentFor(server, cold.id)).toHaveLength(0);
    for (const m of [warm, reply, demo]) expect(sentFor(server, m.id)).toHaveLength(1);
  });

  it('fails a text whose placeholders have neither a value nor a fallback', async () => {
    const scene = await createDispatchScene(server);
    const tpl = await createTemplate(scene.ws.id, { body: 'Hi {{first_name}}, your plan is {{attr.plan}}' });
    const msg = await scene.queue({ templateId: tpl.id, renderedBody: null });
    await run();
    const row = await getMessage(msg.id);
    expect(row.status).toBe('failed');
    expect(row.statusReason).toContain('{{attr.plan}}');
  });

  it("holds business-initiated messages to new leads once the workspace's daily recipient cap is reached", async () => {
    const db = await getDb();
    const scene = await createDispatchScene(server, { provider: 'cloud_api' });
    await db.update(workspaces).set({ dailyRecipientCap: 2 }).where(eq(workspaces.id, scene.ws.id));
    const warm = { lastInboundAt: new Date() };
    const [a, b, c] = [await createLead(scene.ws.id, warm), await createLead(scene.ws.id, warm), await createLead(scene.ws.id, warm)];
    const first = await scene.queue({ leadId: a.id, toPhone: a.phoneE164 });
    await run();
    const toB = await scene.queue({ leadId: b.id, toPhone: b.phoneE164 });
    const toC = await scene.queue({ leadId: c.id, toPhone: c.phoneE164 });
    const againA = await scene.queue({ leadId: a.id, toPhone: a.phoneE164 });
    const reply = await scene.queue({ leadId: c.id, toPhone: c.phoneE164, isBusinessInitiated: false, nextAttemptAt: new Date(Date.now() + 60_000) });
    await forgetPairGates(); // A was messaged a moment ago
    await run();

    expect(sentFor(server, first.id)).toHaveLength(1);
    // One of B and C gets the last slot; the other waits. A was already reached: no cost.
    const sentToNew = [toB, toC].filter((m) => sentFor(server, m.id).length === 1);
    expect(sentToNew).toHaveLength(1);
    const waiting = await getMessage([toB, toC].find((m) => m !== sentToNew[0])!.id);
    expect(waiting).toMatchObject({ status: 'queued', attempts: 0, statusReason: RECIPIENT_CAP_REASON });
    expect(sentFor(server, againA.id)).toHaveLength(1);
    // A reply (not business-initiated) never counts against the cap; due later so it does not
    // meet C's pair limit in the same pass.
    await makeDue(reply.id);
    await forgetPairGates();
    await run();
    expect(sentFor(server, reply.id)).toHaveLength(1);
  });

  it('keeps each sender under its rate limit per second, counted in the database', async () => {
    const db = await getDb();
    const scene = await createDispatchScene(server, { rateLimitPerSecond: 2 });
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await scene.queue()).id);
    // Only this scene's messages should be due (others from earlier tests are settled or later).
    const counts = await run({ budgetMs: 10_000 });
    expect(counts.sent).toBe(5);
    const times = ids.map((id) => sentFor(server, id)[0].acceptedAt).sort((a, b) => a - b);
    // 5 messages at 2 per one-second window need at least 3 windows, so span more than 1 s.
    expect(times[4] - times[0]).toBeGreaterThan(1000);
    const rows = await db.select().from(messages).where(eq(messages.senderPhoneId, scene.phone.id));
    expect(rows.every((r) => r.status === 'sent')).toBe(true);
  });
});
