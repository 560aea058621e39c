// `npm run bench:webhooks -- --only broadcast`: the receiver under a real broadcast (issue 16).
// A worker process dispatches a campaign at the sender's 80 msg/s for 60 s to the fake Cloud API,
// which posts sent, delivered and read for every message (100-300 ms apart) and a reply for 5 %
// of them to `next start` over HTTP, as Meta does. Sampled every 200 ms: the backlog (webhooks
// posted and not yet answered; an answer means stored and applied), in events and in seconds of
// the traffic. Targets: backlog under 2 s of traffic throughout, empty within 5 s of the last
// message, and the campaign's counts (the app's own getCampaignStats) equal to the fake's.
import { randomBytes } from 'node:crypto';
import { sleep, startFake, startWorker, waitUntil } from './dispatch-kit';
import { startNext, type Sql } from './webhook-kit';

export type BroadcastResult = {
  ok: boolean;
  seconds: number;
  ratePerSecond: number;
  messagesAcceptedAtFake: number;
  statusWebhooks: number;
  repliesPosted: number;
  eventsPerSecond: number;
  maxBacklogEvents: number;
  maxBacklogSeconds: number;
  ackP50Ms: number;
  ackP99Ms: number;
  ackMaxMs: number;
  non200: number;
  drainedSecondsAfterLastMessage: number;
  campaign: { sent: number; delivered: number; read: number; replied: number; total: number };
  table: string;
};

type Ctx = { sql: Sql; databaseUrl: string; appEnv: Record<string, string>; port: number; log: (l: string) => void; seconds: number; rate: number };

const pct = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : 0);

export async function runBroadcast(ctx: Ctx): Promise<BroadcastResult> {
  const { createCampaign, createSenderPhone, createTemplate, createWorkspace } = await import('@/db/factories');
  const { getCampaignStats } = await import('@/lib/campaigns/get-campaign-detail');
  const next = await startNext(ctx.port, ctx.appEnv);
  const fake = await startFake(async () => 500, { BENCH_FAKE_WEBHOOKS: 'http' });
  let worker: ReturnType<typeof startWorker> | null = null;
  try {
    const ws = await createWorkspace(undefined, { dailyRecipientCap: null });
    const phone = await createSenderPhone(ws.id, { provider: 'sandbox', apiBaseUrl: fake.url, apiVersion: 'v23.0', rateLimitPerSecond: ctx.rate });
    await fake.addPhone({
      phoneNumberId: phone.phoneNumberId,
      wabaId: phone.wabaId,
      accessToken: phone.accessToken,
      appSecret: phone.appSecret,
      throughputPerSecond: ctx.rate,
      webhookUrl: `http://127.0.0.1:${ctx.port}/api/webhooks/whatsapp`,
    });
    await fake.setWebhookOptions({ enabled: true, statuses: ['sent', 'delivered', 'read'], delayMs: [100, 300], replyRate: 0.05, retries: 2 });
    const template = await createTemplate(ws.id);
    const campaign = await createCampaign(ws.id, { templateId: template.id, senderPhoneId: phone.id });
    // Exactly what the sender can send in the run (at the dispatcher's headroom), so the last
    // message leaves near the end and the queue is empty afterwards.
    const total = Math.floor(ctx.rate * 0.965 * ctx.seconds);
    const tag = randomBytes(3).toString('hex');
    await ctx.sql`
      with l as (
        insert into leads (workspace_id, phone_e164, name, source)
        select ${ws.id}::uuid, '+55119' || lpad((20000000 + g)::text, 8, '0'), 'Lead ' || g, 'import' from generate_series(1, ${total}::int) g
        returning id, phone_e164)
      insert into messages (workspace_id, lead_id, campaign_id, sender_phone_id, to_phone, rendered_body, idempotency_key, next_attempt_at)
      select ${ws.id}::uuid, l.id, ${campaign.id}::uuid, ${phone.id}::uuid, l.phone_e164, 'Olá! Temos novidades para você.', ${`bench:${tag}:`} || l.id, now() + interval '1 hour'
        from l`;
    worker = startWorker({ DATABASE_URL: ctx.databaseUrl, ENCRYPTION_KEY: ctx.appEnv.ENCRYPTION_KEY, DISPATCH_INTERVAL_MS: '100', DATABASE_POOL_MAX: '8', DISPATCH_CONCURRENCY: '64' });
    const up = await waitUntil(async () => (await ctx.sql`select 1 from worker_heartbeats limit 1`).length > 0, 60_000);
    if (!up) throw new Error(`worker did not start:\n${worker.output()}`);
    ctx.log(`broadcast: ${total} messages at ${ctx.rate} msg/s, webhooks to next start on :${ctx.port}`);
    await ctx.sql`update messages set next_attempt_at = now() where campaign_id = ${campaign.id}::uuid`;

    const t0 = Date.now();
    const latencies: number[] = [];
    let maxBacklog = 0;
    let maxBacklogSeconds = 0;
    let lastSample = { at: t0, answered: 0 };
    let stats = await fake.webhookStats();
    const queued = async () => (await ctx.sql<{ n: number }[]>`select count(*)::int as n from messages where campaign_id = ${campaign.id}::uuid and status in ('queued', 'sending')`)[0].n;
    // During the broadcast: the backlog against the traffic of the last second (at least the nominal rate).
    const nominal = ctx.rate * 0.965 * 3.05;
    while (Date.now() - t0 < (ctx.seconds + 30) * 1000) {
      await sleep(200);
      stats = await fake.webhookStats();
      latencies.push(...stats.latencies);
      const now = Date.now();
      const recentRate = ((stats.answered - lastSample.answered) * 1000) / Math.max(1, now - lastSample.at);
      if (now - lastSample.at >= 1000) lastSample = { at: now, answered: stats.answered };
      maxBacklog = Math.max(maxBacklog, stats.inFlight);
      maxBacklogSeconds = Math.max(maxBacklogSeconds, stats.inFlight / Math.max(nominal, recentRate));
      if (now - t0 > 5000 && (await queued()) === 0) break;
      if (Math.floor((now - t0) / 10_000) !== Math.floor((now - 200 - t0) / 10_000)) {
        ctx.log(`broadcast: ${Math.round((now - t0) / 1000)} s, webhooks posted ${stats.started}, answered ${stats.answered}, in flight ${stats.inFlight}`);
      }
    }
    ctx.log('broadcast: queue empty or time up, waiting for the last webhooks');
    const snapshot = await fake.snapshot();
    const lastAcceptedAt = Math.max(...snapshot.sent.map((s) => s.acceptedAt));
    const firstAcceptedAt = Math.min(...snapshot.sent.map((s) => s.acceptedAt));
    // The fake's chains (statuses 100-300 ms apart, then the reply) end; then every post is answered.
    let drainedAt = Date.now();
    const drained = await waitUntil(async () => {
      stats = await fake.webhookStats();
      latencies.push(...stats.latencies);
      maxBacklog = Math.max(maxBacklog, stats.inFlight);
      drainedAt = Date.now();
      return stats.inFlight === 0 && stats.answered + stats.non200 >= stats.started && stats.started >= snapshot.sent.length * 3 + stats.repliesPosted;
    }, 30_000, 50);
    await fake.flushWebhooks();
    // The counts compare what the fake did in the end (a slow run keeps sending while it drains).
    const final = await fake.snapshot();
    stats = await fake.webhookStats();
    latencies.push(...stats.latencies);
    const accepted = final.sent.length;
    const s = await getCampaignStats(ws.id, campaign.id);
    const campaignCounts = { sent: s.counts.sent, delivered: s.counts.delivered, read: s.counts.read, replied: s.replied, total: s.total };
    const sorted = latencies.sort((a, b) => a - b);
    const seconds = (lastAcceptedAt - firstAcceptedAt) / 1000;
    const drainedSeconds = Math.round(((drainedAt - Math.max(lastAcceptedAt, ...final.sent.map((x) => x.acceptedAt))) / 1000) * 100) / 100;
    const result: BroadcastResult = {
      ok: false,
      seconds: Math.round(seconds * 10) / 10,
      ratePerSecond: Math.round((accepted / seconds) * 10) / 10,
      messagesAcceptedAtFake: accepted,
      statusWebhooks: accepted * 3,
      repliesPosted: stats.repliesPosted,
      eventsPerSecond: Math.round((accepted * 3 + stats.repliesPosted) / seconds),
      maxBacklogEvents: maxBacklog,
      maxBacklogSeconds: Math.round(maxBacklogSeconds * 100) / 100,
      ackP50Ms: Math.round(pct(sorted, 50)),
      ackP99Ms: Math.round(pct(sorted, 99)),
      ackMaxMs: Math.round(sorted.at(-1) ?? 0),
      non200: stats.non200,
      drainedSecondsAfterLastMessage: drainedSeconds,
      campaign: campaignCounts,
      table: '',
    };
    result.ok =
      drained &&
      result.maxBacklogSeconds < 2 &&
      result.drainedSecondsAfterLastMessage <= 5 &&
      result.non200 === 0 &&
      campaignCounts.read === accepted &&
      campaignCounts.total === accepted &&
      campaignCounts.replied === stats.repliesPosted;
    result.table = [
      '| Broadcast | Messages (fake) | msg/s | Webhook events/s | Max backlog (events / s of traffic) | Ack p50 / p99 / max ms | Non-200 | Empty after last message | Campaign read / replied (fake: accepted / replies) |',
      '|---|---:|---:|---:|---:|---:|---:|---:|---|',
      `| ${ctx.rate} msg/s x ${ctx.seconds} s, 5 % replies | ${accepted} | ${result.ratePerSecond} | ${result.eventsPerSecond} | ${maxBacklog} / ${result.maxBacklogSeconds} | ${result.ackP50Ms} / ${result.ackP99Ms} / ${result.ackMaxMs} | ${result.non200} | ${drainedSeconds} s | ${campaignCounts.read} / ${campaignCounts.replied} (${accepted} / ${stats.repliesPosted}) |`,
    ].join('\n');
    ctx.log(result.table);
    return result;
  } finally {
    if (worker && worker.child.exitCode === null) {
      worker.child.kill('SIGTERM');
      await worker.exited;
    }
    await fake.close();
    await next.stop();
  }
}
