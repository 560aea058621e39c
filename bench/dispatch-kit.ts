// Shared pieces of `npm run bench:dispatch`: a fresh database on the PostgreSQL server, real
// `npm run worker` processes, bulk-seeded queues, and the figures read at the fake.
import { spawn, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import type { FakePhoneInput, FakeWebhookOptions } from '@/lib/whatsapp/fake/fake-types';

export type Sql = ReturnType<typeof postgres>;

/** Creates a database of its own for this run (dropped at the end). Local servers only. */
export async function createBenchDatabase(baseUrl: string, prefix = 'whatslab_bench'): Promise<{ url: string; drop: () => Promise<void> }> {
  const base = new URL(baseUrl);
  if (!['localhost', '127.0.0.1', '::1', '[::1]'].includes(base.hostname)) {
    throw new Error(`The benchmark creates and drops a database: point it at a local server, not ${base.hostname}.`);
  }
  // BENCH_DB_PREFIX: on a shared server, a prefix of your own for every benchmark's databases.
  const fullPrefix = process.env.BENCH_DB_PREFIX ?? prefix;
  if (!/^[a-z_][a-z0-9_]*$/.test(fullPrefix)) throw new Error(`A database name prefix is lower-case letters, digits and _: ${fullPrefix}`);
  const name = `${fullPrefix}_${randomBytes(4).toString('hex')}`;
  const admin = postgres(base.toString(), { max: 1, onnotice: () => undefined });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = new URL(base.toString());
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const dropper = postgres(base.toString(), { max: 1, onnotice: () => undefined });
      await dropper.unsafe(`drop database if exists ${name} with (force)`);
      await dropper.end();
    },
  };
}

export type Worker = { child: ChildProcess; exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>; output: () => string };

/** One `npm run worker` (scripts/worker.ts) against the bench database. */
export function startWorker(env: Record<string, string>): Worker {
  // e.g. BENCH_WORKER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" to profile the workers.
  const nodeArgs = (process.env.BENCH_WORKER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const root = process.cwd();
  const child = spawn(process.execPath, [...nodeArgs, '--conditions=react-server', '--import', 'tsx', 'scripts/worker.ts'], {
    cwd: root,
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out = (out + d.toString()).slice(-20_000)));
  child.stderr?.on('data', (d: Buffer) => (out = (out + d.toString()).slice(-20_000)));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, exited, output: () => out };
}

export async function waitUntil(check: () => Promise<boolean> | boolean, timeoutMs: number, everyMs = 100): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) return false;
    await new Promise((r) => setTimeout(r, everyMs));
  }
  return true;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * `perSender` leads and one queued text message each for every sender, not due yet (an hour
 * ahead) so the workers can start first; `release` makes them all due at once.
 */
export async function seedQueue(sql: Sql, p: { workspaceId: string; senderIds: string[]; perSender: number; phoneBase: number }) {
  // Senders interleaved, as several campaigns' messages are in a real queue.
  const total = p.perSender * p.senderIds.length;
  const senders = `{${p.senderIds.join(',')}}`;
  for (let start = 0; start < total; start += 20_000) {
    const n = Math.min(20_000, total - start);
    await sql`
      with l as (
        insert into leads (workspace_id, phone_e164, name, source)
        select ${p.workspaceId}::uuid, '+55119' || lpad((${p.phoneBase + start}::int + g)::text, 8, '0'), 'Lead ' || g, 'import'
          from generate_series(1, ${n}::int) g
        returning id, phone_e164, name
      )
      insert into messages (workspace_id, lead_id, sender_phone_id, to_phone, rendered_body, idempotency_key, next_attempt_at)
      select ${p.workspaceId}::uuid, l.id, (${senders}::uuid[])[1 + (row_number() over ()) % ${p.senderIds.length}::int], l.phone_e164,
             'Hi ' || l.name || ', thanks for your interest!', 'bench:' || l.id, now() + interval '1 hour'
        from l`;
  }
}

export async function releaseQueue(sql: Sql, workspaceId: string) {
  await sql`update messages set next_attempt_at = now() where workspace_id = ${workspaceId}::uuid and status = 'queued'`;
}

export type AcceptedSend = { phoneNumberId: string; acceptedAt: number; messageId: string };
export type FakeSnapshot = { sent: AcceptedSend[]; rejected: Record<number, number>; rateRejections: { code: number; at: number }[] };

export type WebhookStats = { inFlight: number; maxInFlight: number; started: number; answered: number; non200: number; latencies: number[]; repliesPosted: number };

export type FakeHandle = {
  url: string;
  addPhone: (phone: FakePhoneInput) => Promise<void>;
  reset: () => Promise<void>;
  setWebhookOptions: (options: Partial<FakeWebhookOptions>) => Promise<void>;
  flushWebhooks: () => Promise<void>;
  snapshot: () => Promise<FakeSnapshot>;
  /** With BENCH_FAKE_WEBHOOKS=http: webhook posts so far (latencies of those answered since the last call). */
  webhookStats: () => Promise<WebhookStats>;
  close: () => Promise<void>;
};

/** The fake Cloud API in its own process (bench/dispatch-fake.ts); webhooks come back to `deliver`. */
export async function startFake(deliver: (body: string, signature: string | null) => Promise<number>, env: Record<string, string> = {}): Promise<FakeHandle> {
  // e.g. BENCH_FAKE_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" to profile the fake.
  const nodeArgs = (process.env.BENCH_FAKE_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, '--conditions=react-server', '--import', 'tsx', 'bench/dispatch-fake.ts'], {
    cwd: process.cwd(),
    env: { ...process.env, LOG_LEVEL: 'error', ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  // The fake stands for Meta's servers, which do not share our two cores: ahead of our workers
  // in the scheduler (nice -10, as root), so a worker starving it is not read as our bunching.
  try {
    if (child.pid) os.setPriority(child.pid, -10);
  } catch {
    // Not root: the fake runs at normal priority (more 130429 noise on a loaded machine).
  }
  const waiting = new Map<number, (result: unknown) => void>();
  let nextId = 0;
  const url = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`fake exited with ${code}`)));
    child.on('message', (m: { ready?: boolean; url?: string; id?: number; result?: unknown; cmd?: string; body?: string; signature?: string | null }) => {
      if (m.ready && m.url) return resolve(m.url);
      if (m.cmd === 'deliver' && m.id !== undefined) {
        const id = m.id;
        void deliver(m.body ?? '', m.signature ?? null)
          .catch(() => 500)
          .then((status) => child.send({ id, cmd: 'delivered', status }));
        return;
      }
      if (m.id !== undefined) {
        waiting.get(m.id)?.(m.result);
        waiting.delete(m.id);
      }
    });
  });
  const call = <T>(msg: Record<string, unknown>) =>
    new Promise<T>((resolve) => {
      const id = ++nextId;
      waiting.set(id, resolve as (r: unknown) => void);
      child.send({ ...msg, id });
    });
  return {
    url,
    addPhone: (phone) => call({ cmd: 'addPhone', phone }),
    reset: () => call({ cmd: 'reset' }),
    setWebhookOptions: (options) => call({ cmd: 'setWebhookOptions', options }),
    flushWebhooks: () => call({ cmd: 'flushWebhooks' }),
    snapshot: async () => {
      const r = await call<{ sent: [string, number, string][]; rejected: Record<number, number>; rateRejections: [number, number][] }>({
        cmd: 'snapshot',
      });
      return {
        sent: r.sent.map(([phoneNumberId, acceptedAt, messageId]) => ({ phoneNumberId, acceptedAt, messageId })),
        rejected: r.rejected,
        rateRejections: r.rateRejections.map(([code, at]) => ({ code, at })),
      };
    },
    webhookStats: () => call<WebhookStats>({ cmd: 'webhookStats' }),
    close: async () => {
      const exited = new Promise((r) => child.once('exit', r));
      await call({ cmd: 'close' });
      await exited;
    },
  };
}

/** Accepted sends at the fake for these phones (by phone number id). */
export function acceptedFor(snapshot: FakeSnapshot, phoneNumberIds: string[]) {
  const ids = new Set(phoneNumberIds);
  return snapshot.sent.filter((s) => ids.has(s.phoneNumberId));
}

/** Most sends in any sliding one-second window. */
export function worstSecond(times: number[]): number {
  const t = [...times].sort((a, b) => a - b);
  let worst = 0;
  for (let i = 0, j = 0; i < t.length; i++) {
    while (t[i] - t[j] >= 1000) j++;
    worst = Math.max(worst, i - j + 1);
  }
  return worst;
}

/** Our message ids the fake accepted more than once. */
export function duplicates(sent: AcceptedSend[]): number {
  const seen = new Map<string, number>();
  for (const s of sent) seen.set(s.messageId, (seen.get(s.messageId) ?? 0) + 1);
  return [...seen.values()].filter((n) => n > 1).length;
}
