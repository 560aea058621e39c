import type { ChildProcess } from 'node:child_process';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { execRows, getDb } from '@/db/client';
import { messages } from '@/db/schema';
import { startFakeWhatsAppServer, type FakeWhatsAppServer } from '@/lib/whatsapp/fake/server';
import { testDb } from '@/test/setup-db';
import { claimDueMessages } from './claim-due-messages';
import { startDispatcherLoop, type DispatcherLoop } from './run-dispatcher';
import { createDispatchScene, exited, getMessage, spawnWorker, waitFor, worstSecond } from './test-kit';

// Several dispatchers on one queue. On the PostgreSQL server they are real `npm run worker`
// processes, one of them killed with SIGKILL; PGlite is one process only, so there they are
// loops in this process and the dead worker is one that claimed and vanished.

let server: FakeWhatsAppServer;
const children: ChildProcess[] = [];
beforeAll(async () => {
  // Meta's answer takes 50-150 ms after it counted the message against the sender's cap.
  server = await startFakeWhatsAppServer({ webhooks: { enabled: false }, latencyMs: [50, 150], latencyAt: 'answer' });
});
afterAll(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await server.close();
});
beforeEach(() => server.fake.reset());

const count = async (where: ReturnType<typeof sql>) => {
  const [{ n }] = await execRows<{ n: number }>(await getDb(), sql`select count(*)::int as n from messages where ${where}`);
  return Number(n);
};

async function startWorkers(url: string, n: number, extraEnv: Record<string, string> = {}) {
  const beats = async () => {
    const [{ n: k }] = await execRows<{ n: number }>(await getDb(), sql`select count(*)::int as n from worker_heartbeats where kind = 'worker'`);
    return Number(k);
  };
  const before = await beats();
  const started = Array.from({ length: n }, () => spawnWorker(url, extraEnv));
  children.push(...started);
  await waitFor(async () => (await beats()) >= before + n, 30_000, 100);
  return started;
}

describe('three dispatchers, one sender', () => {
  it('holds the per-phone rate across all of them: each message once, no second above the cap', async () => {
    const { url } = await testDb();
    const RATE = 5;
    const MESSAGES = 25;
    const scene = await createDispatchScene(server, { rateLimitPerSecond: RATE });
    // The fake counts in the same busy test process as the dispatchers (2 shared cores): one
    // message of slack absorbs its own event-loop jitter. Without the shared limiter three
    // workers would send about three times the rate.
    server.fake.addPhone({ ...server.fake.getPhone(scene.phone.phoneNumberId)!, throughputPerSecond: RATE + 1 });
    const workers = url ? await startWorkers(url, 3) : [];
    const loops: DispatcherLoop[] = url
      ? []
      : [0, 1, 2].map((i) => startDispatcherLoop({ workerId: `rate-${i}`, kind: 'in-process', intervalMs: 50 }));
    try {
      const lead = await scene.queue(); // warm the sender's schedule
      await waitFor(async () => (await getMessage(lead.id)).status === 'sent', 15_000, 50);
      server.fake.reset();
      await (await getDb()).execute(sql`
        insert into messages (workspace_id, lead_id, sender_phone_id, to_phone, rendered_body, idempotency_key)
        select ${scene.ws.id}::uuid, ${lead.leadId}::uuid, ${scene.phone.id}::uuid, '+5511' || (900000000 + g)::text, 'Hi', 'rate:' || gen_random_uuid()
          from generate_series(1, ${MESSAGES}::int) g`);
      await waitFor(async () => (await count(sql`sender_phone_id = ${scene.phone.id}::uuid and status = 'sent'`)) === MESSAGES + 1, 30_000, 50);
    } finally {
      await Promise.all(loops.map((l) => l.stop()));
      for (const w of workers) w.kill('SIGTERM');
    }
    expect(await Promise.all(workers.map(exited))).toEqual(workers.map(() => 0));

    const accepted = server.fake.sent.filter((s) => s.phoneNumberId === scene.phone.phoneNumberId);
    expect(accepted).toHaveLength(MESSAGES);
    expect(new Set(accepted.map((s) => s.body.biz_opaque_callback_data)).size).toBe(MESSAGES);
    expect(server.fake.counters.rejected[130429] ?? 0).toBe(0);
    expect(worstSecond(server, scene.phone.phoneNumberId)).toBeLessThanOrEqual(RATE + 1);
    // The rate really was the limit: 25 messages at 5/s take about 5 s.
    const times = accepted.map((s) => s.acceptedAt).sort((a, b) => a - b);
    expect(times[times.length - 1] - times[0]).toBeGreaterThan(4_000);
  });
});

describe('a worker that dies', () => {
  it("has its claimed messages sent by another once the lease runs out, and none sent twice", async () => {
    const db = await getDb();
    const { url } = await testDb();
    const MESSAGES = 20;
    // Slow sender: the victim claims the whole batch but only has slots for a few.
    const scene = await createDispatchScene(server, { rateLimitPerSecond: 4 });
    for (let i = 0; i < MESSAGES; i++) await scene.queue();

    let victimId: string;
    if (url) {
      const [victim] = await startWorkers(url, 1, { DISPATCH_LEASE_SECONDS: '2', WHATSAPP_API_TIMEOUT_MS: '1000' });
      await waitFor(() => server.fake.sent.filter((s) => s.phoneNumberId === scene.phone.phoneNumberId).length >= 2, 15_000, 10);
      victim.kill('SIGKILL');
      await exited(victim);
      const [owner] = await execRows<{ lease_owner: string }>(db, sql`select lease_owner from messages where sender_phone_id = ${scene.phone.id}::uuid and lease_owner is not null limit 1`);
      victimId = owner?.lease_owner ?? 'none';
    } else {
      victimId = 'vanished-worker';
      await claimDueMessages(db, { workerId: victimId, limit: MESSAGES, leaseSeconds: 2 });
    }
    const stranded = await execRows<{ id: string }>(
      db,
      sql`select id from messages where sender_phone_id = ${scene.phone.id}::uuid and status = 'queued' and lease_owner = ${victimId}::text`,
    );
    expect(stranded.length).toBeGreaterThan(0);

    const survivor = startDispatcherLoop({ workerId: 'survivor', kind: 'worker', intervalMs: 50 });
    try {
      await waitFor(async () => (await count(sql`sender_phone_id = ${scene.phone.id}::uuid and status in ('queued', 'sending')`)) === 0, 30_000, 100);
    } finally {
      await survivor.stop();
    }
    const rows = await db.select().from(messages).where(eq(messages.senderPhoneId, scene.phone.id));
    const accepted = server.fake.sent.filter((s) => s.phoneNumberId === scene.phone.phoneNumberId);
    const perMessage = new Map<string, number>();
    for (const s of accepted) perMessage.set(String(s.body.biz_opaque_callback_data), (perMessage.get(String(s.body.biz_opaque_callback_data)) ?? 0) + 1);
    // Never twice; every message is sent, or `unknown` when the victim died during its call.
    expect([...perMessage.values()].every((n) => n === 1)).toBe(true);
    for (const r of rows) {
      expect(['sent', 'unknown']).toContain(r.status);
      if (r.status === 'sent') expect(perMessage.get(r.id)).toBe(1);
    }
    // Claimed by the dead worker, never started: sent by the survivor after the lease, once.
    for (const { id } of stranded) {
      expect(rows.find((r) => r.id === id)?.status).toBe('sent');
      expect(perMessage.get(id)).toBe(1);
    }
  });
});
