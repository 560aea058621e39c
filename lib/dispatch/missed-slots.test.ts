import http from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { execRows, getDb } from '@/db/client';
import { workerHeartbeats } from '@/db/schema';
import { startFakeWhatsAppServer, type FakeWhatsAppServer } from '@/lib/whatsapp/fake/server';
import { claimDueMessages } from './claim-due-messages';
import { MISSED_SLOT_REASON } from './dispatch-engine';
import { markSendingBatch, releaseClaims, unflipMessages } from './message-transitions';
import { countLiveDispatchers, purgeOldHeartbeats, recordHeartbeat } from './record-heartbeat';
import { pairGateKey } from './reserve-send-slots';
import { dispatchOnce } from './run-dispatcher';
import { createDispatchScene, eventStatuses, getMessage, sentFor } from './test-kit';

// A call whose slot passed before it could start is given back untouched (decision 004): the
// row must look as if it had never been flipped, so that it is sent once, later, by anyone.

let server: FakeWhatsAppServer;
beforeAll(async () => {
  server = await startFakeWhatsAppServer({ webhooks: { enabled: false }, pairRateLimit: { burst: 1, intervalMs: 6000 } });
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => server.fake.reset());

const PAIR_MS = 6000;

async function claimAndFlip(workerId: string, id: string, toPhone: string, senderId: string) {
  const db = await getDb();
  expect(await claimDueMessages(db, { workerId, limit: 1000, leaseSeconds: 60 })).toContain(id);
  const { flipped } = await markSendingBatch(db, {
    workerId,
    leaseMs: 60_000,
    pairIntervalMs: PAIR_MS,
    items: [{ id, renderedBody: 'Hello', pairKey: pairGateKey(senderId, toPhone) }],
  });
  expect(flipped.map((f) => f.id)).toEqual([id]);
}

function unflip(workerId: string, msg: { id: string; toPhone: string }, senderId: string) {
  return getDb().then((db) =>
    unflipMessages(db, {
      items: [{ id: msg.id, pairKey: pairGateKey(senderId, msg.toPhone) }],
      workerId,
      leaseMs: 60_000,
      pairIntervalMs: PAIR_MS,
      reason: MISSED_SLOT_REASON,
    }),
  );
}

describe('un-flipping a call that missed its slot', () => {
  it('puts the message back to queued, still claimed, attempt not counted, pair gate reopened', async () => {
    const db = await getDb();
    const scene = await createDispatchScene(server);
    const msg = await scene.queue();
    await claimAndFlip('slow-worker', msg.id, msg.toPhone, scene.phone.id);
    expect(await getMessage(msg.id)).toMatchObject({ status: 'sending', attempts: 1 });

    const back = await unflip('slow-worker', msg, scene.phone.id);
    expect(back).toEqual([msg.id]);
    expect(await getMessage(msg.id)).toMatchObject({
      status: 'queued',
      attempts: 0,
      sendingAt: null,
      leaseOwner: 'slow-worker',
      statusReason: MISSED_SLOT_REASON,
    });
    expect(await eventStatuses(msg.id)).toEqual(['sending', 'queued']);

    // The same worker can flip it again at once: the recipient's pair gate was given back.
    const again = await markSendingBatch(db, {
      workerId: 'slow-worker',
      leaseMs: 60_000,
      pairIntervalMs: PAIR_MS,
      items: [{ id: msg.id, renderedBody: 'Hello', pairKey: pairGateKey(scene.phone.id, msg.toPhone) }],
    });
    expect(again.flipped.map((f) => f.id)).toEqual([msg.id]);
    expect(again.pairLimited).toEqual([]);
  });

  it('leaves shut a pair gate taken again since its flip (another send to the recipient)', async () => {
    const db = await getDb();
    const scene = await createDispatchScene(server);
    const msg = await scene.queue();
    await claimAndFlip('stalled', msg.id, msg.toPhone, scene.phone.id);
    // The worker stalled a whole pair interval: meanwhile the gate was taken for another send.
    const key = pairGateKey(scene.phone.id, msg.toPhone);
    await db.execute(sql`update rate_limit_hits set window_start = clock_timestamp() + interval '7 seconds' where key = ${key}`);
    const gateAt = async () => (await execRows<{ at: string }>(db, sql`select window_start::text as at from rate_limit_hits where key = ${key}`))[0].at;
    const before = await gateAt();

    expect(await unflip('stalled', msg, scene.phone.id)).toEqual([msg.id]);
    expect(await getMessage(msg.id)).toMatchObject({ status: 'queued', attempts: 0 });
    expect(await gateAt()).toBe(before);
    const retry = await markSendingBatch(db, {
      workerId: 'stalled',
      leaseMs: 60_000,
      pairIntervalMs: PAIR_MS,
      items: [{ id: msg.id, renderedBody: 'Hello', pairKey: key }],
    });
    expect(retry.pairLimited).toEqual([msg.id]);
  });

  it('touches nothing it does not own or that is no longer sending', async () => {
    const scene = await createDispatchScene(server);
    const mine = await scene.queue();
    await claimAndFlip('owner', mine.id, mine.toPhone, scene.phone.id);
    const other = await unflip('someone-else', mine, scene.phone.id);
    expect(other).toEqual([]);
    expect(await getMessage(mine.id)).toMatchObject({ status: 'sending', attempts: 1, leaseOwner: 'owner' });
  });

  it('a message given back is then sent exactly once by the dispatcher', async () => {
    const db = await getDb();
    const scene = await createDispatchScene(server);
    const msg = await scene.queue();
    await claimAndFlip('stalled', msg.id, msg.toPhone, scene.phone.id);
    await unflip('stalled', msg, scene.phone.id);
    // The stalled worker stops and gives its claim back, as the engine does on shutdown.
    expect(await releaseClaims(db, { ids: [msg.id], workerId: 'stalled' })).toBe(1);
    await dispatchOnce({ workerId: 'healthy', kind: 'worker' });
    expect(sentFor(server, msg.id)).toHaveLength(1);
    expect(await getMessage(msg.id)).toMatchObject({ status: 'sent', attempts: 1 });
    expect(server.fake.counters.rejected[131056] ?? 0).toBe(0);
  });
});

describe('the fake counts throughput at arrival', () => {
  it('stamps a message with the time its request arrived, not when its body was read', async () => {
    const fake = await startFakeWhatsAppServer({ webhooks: { enabled: false }, latencyAt: 'answer' });
    try {
      fake.fake.addPhone({ phoneNumberId: '1001', wabaId: '2001', accessToken: 'tok-arrival', appSecret: 'sec', throughputPerSecond: 80 });
      const body = JSON.stringify({ messaging_product: 'whatsapp', to: '5511987650000', type: 'text', text: { body: 'hi' } });
      const headersAt = Date.now();
      const status = await new Promise<number>((resolve, reject) => {
        const req = http.request(
          `${fake.url}/v23.0/1001/messages`,
          { method: 'POST', headers: { authorization: 'Bearer tok-arrival', 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
          (res) => {
            res.resume();
            res.on('end', () => resolve(res.statusCode ?? 0));
          },
        );
        req.on('error', reject);
        req.flushHeaders();
        // The stimulus: a client that is slow to send its body after the headers.
        setTimeout(() => req.end(body), 150);
      });
      expect(status).toBe(200);
      expect(fake.fake.sent).toHaveLength(1);
      expect(fake.fake.sent[0].acceptedAt - headersAt).toBeLessThan(100);
    } finally {
      await fake.close();
    }
  });
});

describe('a lone dispatcher', () => {
  it('is told apart from one with company by the heartbeats of the last seconds', async () => {
    const db = await getDb();
    await db.execute(sql`delete from worker_heartbeats`);
    await recordHeartbeat(db, { workerId: 'alone', kind: 'worker', sent: 0 });
    expect(await countLiveDispatchers(db, 6_000)).toBe(1);
    // A dispatcher that stopped beating a minute ago is not company.
    await db.insert(workerHeartbeats).values({ id: 'gone', kind: 'worker', lastRunAt: new Date(Date.now() - 60_000) });
    expect(await countLiveDispatchers(db, 6_000)).toBe(1);
    await recordHeartbeat(db, { workerId: 'second', kind: 'cron', sent: 0 });
    expect(await countLiveDispatchers(db, 6_000)).toBe(2);
  });

  it('drops heartbeat rows older than asked, keeping the rest', async () => {
    const db = await getDb();
    await db.execute(sql`delete from worker_heartbeats`);
    await recordHeartbeat(db, { workerId: 'today', kind: 'cron', sent: 3 });
    await db.insert(workerHeartbeats).values({ id: 'last-month', kind: 'cron', lastRunAt: new Date(Date.now() - 30 * 86_400_000) });
    await purgeOldHeartbeats(db, 7 * 86_400_000);
    const rows = await db.select({ id: workerHeartbeats.id }).from(workerHeartbeats);
    expect(rows.map((r) => r.id)).toEqual(['today']);
  });
});
