import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execRows, getDb } from '@/db/client';
import { messages, workerHeartbeats } from '@/db/schema';
import { env } from '@/lib/env';
import { startFakeWhatsAppServer, type FakeWhatsAppServer } from '@/lib/whatsapp/fake/server';
import { testDb } from '@/test/setup-db';
import { startDispatcherLoop, wakeDispatchers, type DispatcherLoop } from './run-dispatcher';
import { createDispatchScene, waitFor } from './test-kit';

// The promise of the outbox: several dispatchers draining one queue send every message exactly
// once. On the PostgreSQL server two of them are real `npm run worker` processes (the way it is
// deployed); PGlite is one process only, so there the three dispatchers are loops in this process.

const MESSAGES = 500;
let server: FakeWhatsAppServer;
const children: ChildProcess[] = [];

beforeAll(async () => {
  server = await startFakeWhatsAppServer({ webhooks: { enabled: false }, pairRateLimit: false, latencyMs: [2, 15] });
});
afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  await server.close();
});

function startWorkerProcess(databaseUrl: string): ChildProcess {
  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    // The same key the factories encrypted the sender's token with.
    ENCRYPTION_KEY: env().encryptionKey.toString('hex'),
    DISPATCH_INTERVAL_MS: '50',
    LOG_LEVEL: 'warn',
  };
  delete childEnv.TEST_DATABASE_URL;
  const root = process.cwd();
  const child = spawn(path.join(root, 'node_modules/.bin/tsx'), ['--conditions=react-server', 'scripts/worker.ts'], {
    cwd: root,
    env: childEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  child.on('exit', (code) => {
    if (code !== 0) console.error(`worker exited with ${code}:\n${output}`);
  });
  children.push(child);
  return child;
}

const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.once('exit', resolve)));

describe('concurrent dispatchers', () => {
  it(`send ${MESSAGES} queued messages exactly once each`, async () => {
    const db = await getDb();
    const { url } = await testDb();
    const scene = await createDispatchScene(server);

    const workers = url ? [startWorkerProcess(url), startWorkerProcess(url)] : [];
    if (url) {
      // Wait until both processes have made a pass, so they really compete for the batch.
      await waitFor(async () => {
        const [{ n }] = await execRows<{ n: number }>(db, sql`select count(*)::int as n from worker_heartbeats where kind = 'worker'`);
        return n === 2;
      }, 20_000);
    }

    const queued = await scene.queueMany(MESSAGES, 'concurrency');

    const loopCount = url ? 1 : 3;
    const loops: DispatcherLoop[] = Array.from({ length: loopCount }, (_, i) =>
      startDispatcherLoop({ workerId: `in-test-${i}`, kind: 'in-process', intervalMs: 50 }),
    );
    wakeDispatchers();
    try {
      await waitFor(async () => {
        const [{ n }] = await execRows<{ n: number }>(
          db,
          sql`select count(*)::int as n from messages where sender_phone_id = ${scene.phone.id} and status = 'sent'`,
        );
        return n === MESSAGES;
      }, 25_000);
    } finally {
      await Promise.all(loops.map((l) => l.stop()));
      for (const w of workers) w.kill('SIGTERM');
    }
    // Graceful shutdown: each worker finishes, releases its claims and exits 0.
    expect(await Promise.all(workers.map(exited))).toEqual(workers.map(() => 0));

    const accepted = server.fake.sent.filter((s) => s.phoneNumberId === scene.phone.phoneNumberId);
    const perMessage = new Map<string, number>();
    for (const s of accepted) {
      const id = String(s.body.biz_opaque_callback_data);
      perMessage.set(id, (perMessage.get(id) ?? 0) + 1);
    }
    expect(accepted).toHaveLength(MESSAGES);
    expect(perMessage.size).toBe(MESSAGES);
    expect([...perMessage.values()].every((n) => n === 1)).toBe(true);
    expect(queued.every((m) => perMessage.get(m.id) === 1)).toBe(true);

    const rows = await db.select().from(messages).where(eq(messages.senderPhoneId, scene.phone.id));
    const byProviderId = new Map(accepted.map((s) => [s.id, String(s.body.biz_opaque_callback_data)]));
    expect(rows.every((r) => r.status === 'sent' && r.attempts === 1 && r.leaseOwner === null)).toBe(true);
    expect(rows.every((r) => byProviderId.get(r.providerMessageId!) === r.id)).toBe(true);

    // Every dispatcher accounted for its own sends, and the work was really shared.
    const beats = await db.select().from(workerHeartbeats);
    expect(beats.reduce((sum, b) => sum + b.messagesSent, 0)).toBe(MESSAGES);
    expect(beats.filter((b) => b.messagesSent > 0).length).toBeGreaterThanOrEqual(2);
  });
});
