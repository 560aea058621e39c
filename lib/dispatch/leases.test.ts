import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { messages, workerHeartbeats } from '@/db/schema';
import { startFakeWhatsAppServer, type FakeWhatsAppServer } from '@/lib/whatsapp/fake/server';
import { claimDueMessages } from './claim-due-messages';
import { markSending, recordSent } from './message-transitions';
import { REAPED_REASON } from './reap-expired-leases';
import { dispatchOnce, startDispatcherLoop, wakeDispatchers } from './run-dispatcher';
import { createDispatchScene, eventStatuses, getMessage, sentFor, waitFor } from './test-kit';

// Leases: who may send a message, and what happens when a worker disappears.

let server: FakeWhatsAppServer;
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

/** Simulates time passing: the lease of this message ran out. */
async function expireLease(id: string) {
  const db = await getDb();
  await db.update(messages).set({ leaseExpiresAt: sql`now() - interval '1 second'` }).where(eq(messages.id, id));
}

describe('claiming', () => {
  it('gives a due message to one worker; others skip it while the lease lives', async () => {
    const scene = await createDispatchScene(server);
    const msg = await scene.queue();
    const later = await scene.queue({ nextAttemptAt: new Date(Date.now() + 60 * 60_000) });

    const a = await claimDueMessages(await getDb(), { workerId: 'claim-a', limit: 1000, leaseSeconds: 60 });
    expect(a).toContain(msg.id);
    expect(a).not.toContain(later.id);
    const b = await claimDueMessages(await getDb(), { workerId: 'claim-b', limit: 1000, leaseSeconds: 60 });
    expect(b).not.toContain(msg.id);
    // Claimed is not sending: nothing has gone out yet.
    expect(await getMessage(msg.id)).toMatchObject({ status: 'queued', leaseOwner: 'claim-a', attempts: 0 });
  });

  it('lets another worker send a claimed-but-unsent message once the lease expires, exactly once', async () => {
    const db = await getDb();
    const scene = await createDispatchScene(server);
    const msg = await scene.queue();
    expect(await claimDueMessages(db, { workerId: 'dead-worker', limit: 1000, leaseSeconds: 60 })).toContain(msg.id);

    await dispatchOnce({ workerId: 'live-worker', kind: 'worker' });
    expect(sentFor(server, msg.id)).toHaveLength(0);

    await expireLease(msg.id);
    await dispatchOnce({ workerId: 'live-worker', kind: 'worker' });
    expect(sentFor(server, msg.id)).toHaveLength(1);
    expect(await getMessage(msg.id)).toMatchObject({ status: 'sent', attempts: 1 });

    // The first worker coming back to life cannot send it again.
    expect(await markSending(db, { id: msg.id, workerId: 'dead-worker', renderedBody: 'x', leaseMs: 60_000 })).toBeNull();
  });

  it('refuses the sending flip to a worker whose claim was taken over', async () => {
    const db = await getDb();
    const scene = await createDispatchScene(server);
    const msg = await scene.queue();
    await claimDueMessages(db, { workerId: 'slow', limit: 1000, leaseSeconds: 60 });
    await expireLease(msg.id);
    expect(await claimDueMessages(db, { workerId: 'fast', limit: 1000, leaseSeconds: 60 })).toContain(msg.id);
    expect(await markSending(db, { id: msg.id, workerId: 'slow', renderedBody: 'x', leaseMs: 60_000 })).toBeNull();
    expect(await markSending(db, { id: msg.id, workerId: 'fast', renderedBody: 'x', leaseMs: 60_000 })).toMatchObject({
      status: 'sending',
      attempts: 1,
    });
  });
});

describe('reaping', () => {
  it('turns a sending message whose worker died into unknown, never back to queued, and does not resend it', async () => {
    const db = await getDb();
    const scene = await createDispatchScene(server);
    const msg = await scene.queue();
    await claimDueMessages(db, { workerId: 'crashed', limit: 1000, leaseSeconds: 60 });
    await markSending(db, { id: msg.id, workerId: 'crashed', renderedBody: 'Hello', leaseMs: 60_000 });
    await expireLease(msg.id);

    const counts = await dispatchOnce({ workerId: 'reaper', kind: 'worker' });
    expect(counts.reaped).toBeGreaterThanOrEqual(1);
    expect(await getMessage(msg.id)).toMatchObject({ status: 'unknown', statusReason: REAPED_REASON, leaseOwner: null });
    expect(await eventStatuses(msg.id)).toEqual(['sending', 'unknown']);

    await dispatchOnce({ workerId: 'reaper', kind: 'worker' });
    expect(sentFor(server, msg.id)).toHaveLength(0);
  });

  it('settles an unknown message as sent when the late answer arrives, and never moves a delivered one back', async () => {
    const db = await getDb();
    const scene = await createDispatchScene(server);
    const unknown = await scene.queue({ status: 'unknown' });
    await recordSent(db, { id: unknown.id, providerMessageId: `wamid.late-${unknown.id}` });
    expect(await getMessage(unknown.id)).toMatchObject({ status: 'sent', providerMessageId: `wamid.late-${unknown.id}` });

    const delivered = await scene.queue({ status: 'delivered' });
    await recordSent(db, { id: delivered.id, providerMessageId: `wamid.dlv-${delivered.id}`, waId: '5511900000000' });
    expect(await getMessage(delivered.id)).toMatchObject({ status: 'delivered', providerMessageId: `wamid.dlv-${delivered.id}` });
  });
});

describe('the dispatcher loop', () => {
  it('sends what gets queued, heartbeats, and stops cleanly', async () => {
    const db = await getDb();
    const scene = await createDispatchScene(server);
    const loop = startDispatcherLoop({ workerId: 'loop-1', kind: 'in-process', intervalMs: 50 });
    try {
      const msg = await scene.queue();
      wakeDispatchers();
      await waitFor(async () => (await getMessage(msg.id)).status === 'sent');
      expect(sentFor(server, msg.id)).toHaveLength(1);
    } finally {
      await loop.stop();
    }
    const [beat] = await db.select().from(workerHeartbeats).where(eq(workerHeartbeats.id, 'loop-1'));
    expect(beat).toMatchObject({ kind: 'in-process', pid: process.pid });
    expect(beat.messagesSent).toBeGreaterThanOrEqual(1);
  });

  it('finishes the send in flight and gives back un-started claims when stopped', async () => {
    const db = await getDb();
    // One per second and one at a time: the loop is still working through the batch when stopped.
    const scene = await createDispatchScene(server, { rateLimitPerSecond: 1 });
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) ids.push((await scene.queue()).id);
    const loop = startDispatcherLoop({ workerId: 'loop-2', kind: 'worker', intervalMs: 50, concurrency: 1 });
    await waitFor(async () => (await getMessage(ids[0])).status === 'sent' || (await getMessage(ids[1])).status === 'sent');
    await loop.stop();

    const rows = await db.select().from(messages).where(eq(messages.senderPhoneId, scene.phone.id));
    expect(rows.filter((r) => r.status === 'sent').length).toBeGreaterThanOrEqual(1);
    expect(rows.filter((r) => r.status === 'queued').length).toBeGreaterThanOrEqual(1);
    for (const r of rows) expect(['sent', 'queued']).toContain(r.status);
    const stillClaimed = await db
      .select()
      .from(messages)
      .where(and(eq(messages.leaseOwner, 'loop-2'), eq(messages.senderPhoneId, scene.phone.id)));
    expect(stillClaimed).toEqual([]);
    for (const r of rows) expect(sentFor(server, r.id).length).toBe(r.status === 'sent' ? 1 : 0);
  });

  const BIG_CLAIM = 1000;
  it('stopped while it is still loading a big claim, gives back what it had not loaded yet', async () => {
    const db = await getDb();
    const scene = await createDispatchScene(server);
    await scene.queueMany(BIG_CLAIM, 'big-claim');
    // One claim of them all: the engine loads and checks it 100 at a time, so stopping as soon
    // as the claim is in lands between chunks. (On the PostgreSQL server, that is: in-process
    // PGlite answers without yielding to timers, so there the claim is whole before we look.)
    const loop = startDispatcherLoop({ workerId: 'loop-3', kind: 'worker', intervalMs: 50, batchSize: BIG_CLAIM, concurrency: BIG_CLAIM });
    await waitFor(async () => (await db.select({ id: messages.id }).from(messages).where(eq(messages.leaseOwner, 'loop-3')).limit(1)).length > 0, 10_000, 1);
    await loop.stop();

    const rows = await db.select().from(messages).where(eq(messages.senderPhoneId, scene.phone.id));
    expect(rows).toHaveLength(BIG_CLAIM);
    expect(rows.filter((r) => r.leaseOwner === 'loop-3')).toEqual([]);
    for (const r of rows) expect(['sent', 'queued']).toContain(r.status);
    for (const r of rows) expect(sentFor(server, r.id).length).toBe(r.status === 'sent' ? 1 : 0);
    expect(rows.filter((r) => r.status === 'queued').length).toBeGreaterThan(0);
  });
});
