import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execRows, getDb } from '@/db/client';
import { campaigns } from '@/db/schema';
import { drainDueMessages } from '@/lib/dispatch/run-dispatcher';
import { env } from '@/lib/env';
import { startFakeWhatsAppServer, type FakeWhatsAppServer } from '@/lib/whatsapp/fake/server';
import { getCampaignDetail } from './get-campaign-detail';
import { previewBroadcastAudience } from './preview-broadcast-audience';
import { queueCampaignTestMessage } from './queue-campaign-test-message';
import { AUDIENCE_SKIP_REASONS } from './skip-reasons';
import { startCampaign } from './start-campaign';
import { createBroadcastScene, insertLeads } from './test-scene';

// The issue's "a broadcast to 10,000 leads completes with per-status counts that add up, and the
// skipped ones show their reasons", end to end below the UI: the same use cases the campaign
// page calls (preview, test send, start, detail numbers) and the real dispatcher sending over
// HTTP to the fake Cloud API. 10,000 leads on the PostgreSQL server (TEST_DATABASE_URL, as CI
// runs it); 1,000 on the in-memory PGlite default run to keep `npm test` quick.

const TOTAL = env().TEST_DATABASE_URL ? 10_000 : 1_000;
const OPTED_OUT = Math.round(TOTAL * 0.015);
const UNDELIVERABLE = Math.round(TOTAL * 0.005);
const NORMAL = TOTAL - OPTED_OUT - UNDELIVERABLE;
const digits = (base: number, g: number) => `55119${String(base + g).padStart(8, '0')}`;

let server: FakeWhatsAppServer;
beforeAll(async () => {
  const byRecipient: Record<string, number> = {};
  for (let g = 1; g <= UNDELIVERABLE; g++) byRecipient[digits(30_000_000, g)] = 131026;
  server = await startFakeWhatsAppServer({
    webhooks: { enabled: false },
    pairRateLimit: false,
    latencyMs: [1, 5],
    failures: { byRecipient },
  });
});
afterAll(async () => {
  await server.close();
});

describe(`a broadcast to ${TOTAL.toLocaleString('en-GB')} leads`, () => {
  it('queues in one statement, is sent once each by the dispatcher, and its counts add up with reasons', { timeout: 600_000 }, async () => {
    const { ws, sender, campaign } = await createBroadcastScene({
      segment: { tags: ['big'] },
      sender: { apiBaseUrl: server.url, apiVersion: 'v23.0', rateLimitPerSecond: 1000 },
    });
    server.fake.addPhone({
      phoneNumberId: sender.phoneNumberId,
      wabaId: sender.wabaId,
      accessToken: sender.accessToken,
      appSecret: sender.appSecret,
      throughputPerSecond: 1000,
    });
    await insertLeads(ws.id, NORMAL, { tags: ['big'], firstNumber: 10_000_000 });
    await insertLeads(ws.id, OPTED_OUT, { tags: ['big'], firstNumber: 20_000_000, optedOut: true });
    await insertLeads(ws.id, UNDELIVERABLE, { tags: ['big'], firstNumber: 30_000_000 });

    const preview = await previewBroadcastAudience(ws.id, campaign.id);
    expect(preview).toMatchObject({ total: TOTAL, eligible: NORMAL + UNDELIVERABLE, skipped: { opted_out: OPTED_OUT } });

    await queueCampaignTestMessage(ws.id, { campaignId: campaign.id, phone: '+5511987650000' });
    const t0 = performance.now();
    const started = await startCampaign(ws.id, campaign.id);
    const queueMs = performance.now() - t0;
    expect(started).toEqual({ kind: 'broadcast', queued: NORMAL + UNDELIVERABLE, skipped: OPTED_OUT });

    const t1 = performance.now();
    for (let pass = 0; pass < 50; pass++) {
      await drainDueMessages({ workerId: `bcast-${pass}`, kind: 'worker', budgetMs: 60_000, batchSize: 500, concurrency: 64 });
      const [left] = await execRows<{ n: number }>(
        await getDb(),
        sql`select count(*)::int as n from messages where campaign_id = ${campaign.id}::uuid and status in ('queued', 'sending')`,
      );
      if (Number(left.n) === 0) break;
    }
    const sendMs = performance.now() - t1;

    const detail = await getCampaignDetail(ws.id, campaign.id);
    const { stats } = detail!;
    expect(stats.total).toBe(TOTAL);
    expect(Object.values(stats.counts).reduce((a, b) => a + b, 0)).toBe(TOTAL);
    expect(stats.counts).toMatchObject({ queued: 0, sending: 0, unknown: 0, sent: NORMAL, failed: UNDELIVERABLE, skipped: OPTED_OUT });
    expect(stats.skippedByReason).toEqual([{ reason: AUDIENCE_SKIP_REASONS.opted_out, count: OPTED_OUT }]);
    expect(stats.failedByReason).toHaveLength(1);
    expect(stats.failedByReason[0].count).toBe(UNDELIVERABLE);
    expect(stats.retryableFailed).toBe(0); // undeliverable is permanent
    // Finished: the page settles the broadcast as completed.
    const [c] = await (await getDb()).select().from(campaigns).where(eq(campaigns.id, campaign.id));
    expect(c.status).toBe('completed');

    // At the fake: one request per message that was sent or refused, never two.
    const campaignIds = new Set(
      (await execRows<{ id: string }>(await getDb(), sql`select id from messages where campaign_id = ${campaign.id}::uuid`)).map((r) => r.id),
    );
    const requests = server.fake.sent.filter((s) => campaignIds.has(String(s.body.biz_opaque_callback_data)));
    expect(requests).toHaveLength(NORMAL);
    expect(new Set(requests.map((r) => r.body.biz_opaque_callback_data)).size).toBe(NORMAL);
    console.info(`broadcast of ${TOTAL} leads: queued in ${Math.round(queueMs)} ms, dispatched in ${Math.round(sendMs)} ms`);
  });
});
