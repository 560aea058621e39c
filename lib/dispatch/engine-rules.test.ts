import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { execRows, getDb } from '@/db/client';
import { createCampaign, createLead, createTemplate } from '@/db/factories';
import { senderPhones, whatsappTemplates } from '@/db/schema';
import { startFakeWhatsAppServer, type FakeWhatsAppServer } from '@/lib/whatsapp/fake/server';
import { PAIR_LIMIT_REASON } from './dispatch-engine';
import { dispatchOnce } from './run-dispatcher';
import { createDispatchScene, getMessage, sentFor } from './test-kit';

// The engine's rules at send time and its answers to every class of WhatsApp error, each
// checked at the fake (what Meta received) and on the message row (what the admin sees).

let server: FakeWhatsAppServer;
let pass = 0;
const run = (extra: Partial<Parameters<typeof dispatchOnce>[0]> = {}) =>
  dispatchOnce({ workerId: `rules-${++pass}`, kind: 'worker', ...extra });

beforeAll(async () => {
  // Meta's pair limit, strict: one message per recipient per 6 s.
  server = await startFakeWhatsAppServer({ webhooks: { enabled: false }, pairRateLimit: { burst: 1, intervalMs: 6000 } });
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  server.fake.reset();
  server.fake.setFailures({});
});

const secondsAhead = async (id: string) => {
  const [{ s }] = await execRows<{ s: number }>(
    await getDb(),
    sql`select extract(epoch from (next_attempt_at - now()))::float8 as s from messages where id = ${id}::uuid`,
  );
  return Number(s);
};

describe('limits shared by every worker', () => {
  it('sends one message per recipient per 6 s (pair limit) and never earns a 131056', async () => {
    const scene = await createDispatchScene(server);
    const lead = await createLead(scene.ws.id);
    const first = await scene.queue({ leadId: lead.id, toPhone: lead.phoneE164 });
    const second = await scene.queue({ leadId: lead.id, toPhone: lead.phoneE164 });
    const other = await scene.queue();
    await run();

    const sentToLead = [first, second].filter((m) => sentFor(server, m.id).length === 1);
    expect(sentToLead).toHaveLength(1);
    expect(sentFor(server, other.id)).toHaveLength(1);
    const waiting = await getMessage([first, second].find((m) => m !== sentToLead[0])!.id);
    expect(waiting).toMatchObject({ status: 'queued', attempts: 0, statusReason: PAIR_LIMIT_REASON, leaseOwner: null });
    expect(await secondsAhead(waiting.id)).toBeGreaterThan(4);
    expect(server.fake.counters.rejected[131056] ?? 0).toBe(0);
  });

  it('backs the whole sender off on 130429 / 4 / 80007, in every worker', async () => {
    const scene = await createDispatchScene(server);
    const a = await scene.queue();
    server.fake.setFailures({ byRecipient: { [a.toPhone.slice(1)]: 80007 } });
    await run();
    expect(await getMessage(a.id)).toMatchObject({ status: 'queued', errorCode: 80007 });
    expect(await secondsAhead(a.id)).toBeGreaterThan(50);

    // Another recipient of the same sender gets no slot while the sender backs off.
    const b = await scene.queue();
    const counts = await run({ budgetMs: 1_500 });
    expect(counts.sent).toBe(0);
    expect(sentFor(server, b.id)).toHaveLength(0);
    expect(await getMessage(b.id)).toMatchObject({ status: 'queued', attempts: 0, leaseOwner: null });
    // Another sender is not affected.
    const other = await createDispatchScene(server);
    const c = await other.queue();
    await run();
    expect(sentFor(server, c.id)).toHaveLength(1);
  });

  it('retries only the recipient on 131056, after the pair interval', async () => {
    const scene = await createDispatchScene(server);
    const a = await scene.queue();
    const b = await scene.queue();
    server.fake.setFailures({ byRecipient: { [a.toPhone.slice(1)]: { failure: 131056, times: 1 } } });
    await run();
    expect(await getMessage(a.id)).toMatchObject({ status: 'queued', errorCode: 131056, attempts: 1 });
    expect(await secondsAhead(a.id)).toBeGreaterThan(5);
    expect(sentFor(server, b.id)).toHaveLength(1);
    const [sender] = await (await getDb()).select().from(senderPhones).where(eq(senderPhones.id, scene.phone.id));
    expect(sender.status).toBe('active');
  });
});

describe('checks at send time', () => {
  it("reschedules outside the campaign's send window, with the reason and no attempt", async () => {
    const scene = await createDispatchScene(server);
    const tpl = await createTemplate(scene.ws.id);
    const hour = new Date().getUTCHours();
    // A one-hour window that is surely not now (UTC workspace).
    await (await getDb()).execute(sql`update workspaces set timezone = 'UTC' where id = ${scene.ws.id}::uuid`);
    const campaign = await createCampaign(scene.ws.id, {
      templateId: tpl.id,
      senderPhoneId: scene.phone.id,
      sendWindow: { days: [], startHour: (hour + 2) % 24, endHour: (hour + 3) % 24 },
    });
    const msg = await scene.queue({ campaignId: campaign.id, templateId: tpl.id, renderedBody: null });
    await run();
    expect(sentFor(server, msg.id)).toHaveLength(0);
    const row = await getMessage(msg.id);
    expect(row).toMatchObject({ status: 'queued', attempts: 0, statusReason: "outside the campaign's send window", leaseOwner: null });
    expect(await secondsAhead(msg.id)).toBeGreaterThan(0);
  });

  it('fails a template message whose WhatsApp template is not approved, without calling Meta', async () => {
    const db = await getDb();
    const scene = await createDispatchScene(server);
    await db.insert(whatsappTemplates).values({ workspaceId: scene.ws.id, wabaId: scene.phone.wabaId, name: 'promo_v2', language: 'en_US', status: 'PAUSED' });
    const tpl = await createTemplate(scene.ws.id, { kind: 'whatsapp_template', body: 'Deal!', waTemplateName: 'promo_v2', waLanguage: 'en_US' });
    const msg = await scene.queue({ kind: 'template', templateId: tpl.id, renderedBody: null });
    await run();
    const row = await getMessage(msg.id);
    expect(row.status).toBe('failed');
    expect(row.statusReason).toMatch(/promo_v2 \(en_US\) is PAUSED, not approved/);
    expect(server.fake.counters.requests['POST messages'] ?? 0).toBe(0);
  });
});

describe('every class of WhatsApp error', () => {
  it.each([
    [1, 'queued'],
    [131000, 'queued'],
    [131016, 'queued'],
    [133004, 'queued'],
    [131057, 'queued'],
    [131026, 'failed'],
    [131047, 'failed'],
    [131049, 'failed'],
    [132001, 'failed'],
    [133010, 'failed'],
  ] as const)('code %i leaves the message %s with the code on the row', async (code, status) => {
    const scene = await createDispatchScene(server);
    const msg = await scene.queue();
    server.fake.setFailures({ byRecipient: { [msg.toPhone.slice(1)]: code } });
    await run();
    const row = await getMessage(msg.id);
    expect(row).toMatchObject({ status, errorCode: code, attempts: 1, leaseOwner: null });
    expect(row.statusReason).toContain(String(code));
    const [sender] = await (await getDb()).select().from(senderPhones).where(eq(senderPhones.id, scene.phone.id));
    expect(sender.status).toBe('active');
  });

  it.each([131048, 368, 131031])('code %i pauses the sender with the reason and keeps the message', async (code) => {
    const scene = await createDispatchScene(server);
    const msg = await scene.queue();
    server.fake.setFailures({ byRecipient: { [msg.toPhone.slice(1)]: code } });
    await run();
    const [sender] = await (await getDb()).select().from(senderPhones).where(eq(senderPhones.id, scene.phone.id));
    expect(sender.status).toBe('paused');
    expect(sender.statusReason).toContain(String(code));
    expect(await getMessage(msg.id)).toMatchObject({ status: 'queued', errorCode: code });
  });

  it.each(['drop_accepted', '5xx_bare'] as const)('holds %s as unknown and never re-sends it', async (failure) => {
    const scene = await createDispatchScene(server);
    const msg = await scene.queue();
    server.fake.setFailures({ byRecipient: { [msg.toPhone.slice(1)]: failure } });
    await run();
    expect((await getMessage(msg.id)).status).toBe('unknown');
    server.fake.setFailures({});
    await run();
    expect(server.fake.counters.requests['POST messages']).toBe(1);
    expect((await getMessage(msg.id)).status).toBe('unknown');
  });
});
