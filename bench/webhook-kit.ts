// Pieces of `npm run bench:webhooks`: the scene (one workspace, one sender, messages waiting for
// their statuses), signed event streams like Meta's, the servers under test, the load generator
// and the exact-count checks afterwards.
import { spawn, type ChildProcess } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type postgres from 'postgres';
import { metaJson } from '@/lib/whatsapp/fake/fake-webhooks';

export type Sql = ReturnType<typeof postgres>;
export type Sender = { id: string; workspaceId: string; phoneNumberId: string; wabaId: string; appSecret: string };
export type Mix = 'mix' | 'status' | 'inbound';
export type SignedRequest = { body: string; signature: string };

const sign = (body: string, secret: string) => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

function envelope(sender: Sender, value: Record<string, unknown>) {
  return {
    object: 'whatsapp_business_account',
    entry: [
      {
        id: sender.wabaId,
        changes: [{ field: 'messages', value: { messaging_product: 'whatsapp', metadata: { display_phone_number: '15550100000', phone_number_id: sender.phoneNumberId }, ...value } }],
      },
    ],
  };
}

/** What a stream must leave behind: statuses per message and inbound texts from new numbers. */
export type Stream = { requests: SignedRequest[]; wamids: string[]; statusEvents: number; inboundEvents: number; tag: string };

/**
 * `total` events, one per request as Meta mostly posts them: status updates of seeded messages
 * (sent, then delivered, then read: three waves over the stream, so a message's statuses are
 * far apart and sometimes overtake each other under concurrency) and/or inbound texts from
 * numbers never seen before, interleaved one to one for the mix.
 */
export function buildStream(sender: Sender, mix: Mix, total: number, tag: string, phoneBase: number): Stream {
  const statusEvents = mix === 'status' ? total : mix === 'inbound' ? 0 : Math.ceil(total / 2);
  const inboundEvents = total - statusEvents;
  const messages = Math.ceil(statusEvents / 3);
  const wamids = Array.from({ length: messages }, (_, i) => `wamid.bench.${tag}.${i}`);
  const now = Math.floor(Date.now() / 1000) - 60;
  const statuses: SignedRequest[] = [];
  const order = ['sent', 'delivered', 'read'];
  for (let k = 0; k < statusEvents; k++) {
    const wave = Math.floor(k / messages);
    const i = k % messages;
    const status = { id: wamids[i], status: order[wave], timestamp: String(now + wave), recipient_id: `55119${String(i).padStart(8, '0')}` };
    const body = metaJson(envelope(sender, { statuses: [status] }));
    statuses.push({ body, signature: sign(body, sender.appSecret) });
  }
  const inbound: SignedRequest[] = [];
  for (let k = 0; k < inboundEvents; k++) {
    const from = `55119${String(phoneBase + k).padStart(8, '0')}`;
    const body = metaJson(
      envelope(sender, {
        contacts: [{ profile: { name: `Lead ${k}` }, wa_id: from }],
        messages: [{ from, id: `wamid.in.${tag}.${k}`, timestamp: String(now + 1), type: 'text', text: { body: `Olá! Quero saber mais (${k})` } }],
      }),
    );
    inbound.push({ body, signature: sign(body, sender.appSecret) });
  }
  const requests: SignedRequest[] = [];
  for (let i = 0; requests.length < total; i++) {
    if (i < statuses.length) requests.push(statuses[i]);
    if (i < inbound.length) requests.push(inbound[i]);
  }
  return { requests, wamids, statusEvents, inboundEvents, tag };
}

/** Empties what the receivers write and seeds the messages a stream's statuses are about. */
export async function resetScene(sql: Sql, sender: Sender, streams: Stream[]) {
  await sql`truncate webhook_events, message_events, inbound_messages, webhook_deliveries, messages, leads cascade`;
  let offset = 0;
  for (const s of streams) {
    if (s.wamids.length === 0) continue;
    await sql`
      with g as (select g, '+55118' || lpad((${offset}::int + g)::text, 8, '0') as phone from generate_series(0, ${s.wamids.length - 1}::int) g),
      l as (
        insert into leads (workspace_id, phone_e164, name, source)
        select ${sender.workspaceId}::uuid, phone, 'Lead ' || g, 'import' from g
        returning id, phone_e164)
      insert into messages (workspace_id, lead_id, sender_phone_id, to_phone, rendered_body, idempotency_key, status, provider_message_id, sending_at)
      select ${sender.workspaceId}::uuid, l.id, ${sender.id}::uuid, l.phone_e164, 'Hi!', 'bench:' || l.id, 'sending',
             'wamid.bench.' || ${s.tag}::text || '.' || g.g, now()
        from l join g on g.phone = l.phone_e164`;
    offset += s.wamids.length;
  }
  await sql`vacuum analyze messages`;
  await sql`vacuum analyze leads`;
}

export type Counts = { webhookEvents: number; read: number; statusEvents: number; inbound: number; whatsappLeads: number; pending: number };

export async function countScene(sql: Sql): Promise<Counts> {
  const [r] = await sql<{ we: number; rd: number; me: number; im: number; wl: number; pe: number }[]>`
    select (select count(*) from webhook_events)::int as we,
           (select count(*) from messages where status = 'read' and read_at is not null and delivered_at is not null and sent_at is not null)::int as rd,
           (select count(*) from message_events where source = 'webhook')::int as me,
           (select count(*) from inbound_messages)::int as im,
           (select count(*) from leads where source = 'whatsapp')::int as wl,
           (select count(*) from webhook_events where status <> 'processed')::int as pe`;
  return { webhookEvents: r.we, read: r.rd, statusEvents: r.me, inbound: r.im, whatsappLeads: r.wl, pending: r.pe };
}

/** Every status applied once and every inbound message stored once, for these streams. */
export function expectedCounts(streams: Stream[]): Omit<Counts, 'pending'> {
  const sum = (f: (s: Stream) => number) => streams.reduce((a, s) => a + f(s), 0);
  return {
    webhookEvents: sum((s) => s.requests.length),
    // The third wave (read) may be shorter than the others when the count is not a multiple of 3.
    read: sum((s) => Math.max(0, s.statusEvents - 2 * s.wamids.length)),
    statusEvents: sum((s) => s.statusEvents),
    inbound: sum((s) => s.inboundEvents),
    whatsappLeads: sum((s) => s.inboundEvents),
  };
}

export type LoadResult = { seconds: number; statuses: Record<string, number>; latenciesMs: [number, number, number]; errors: number };

/** Runs bench/webhook-load.ts against host:port with these requests over `connections` sockets. */
export async function runLoad(port: number, connections: number, requests: SignedRequest[]): Promise<LoadResult> {
  const file = path.join(tmpdir(), `whatslab-webhook-load-${process.pid}-${port}.json`);
  writeFileSync(file, JSON.stringify({ host: '127.0.0.1', port, path: '/api/webhooks/whatsapp', connections, requests }));
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/webhook-load.ts', file], { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  await new Promise((r) => child.once('exit', r));
  return JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as LoadResult;
}

export type Server = { name: string; port: number; child: ChildProcess; stop: () => Promise<void> };

async function waitForHttp(url: string, child: ChildProcess, output: () => string, timeoutMs = 120_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}):\n${output()}`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (res.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`server at ${url} did not come up:\n${output()}`);
}

function spawnServer(name: string, port: number, args: string[], env: Record<string, string>): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, args, { cwd: process.cwd(), env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
  let out = '';
  const keep = (d: Buffer) => (out = (out + d.toString()).slice(-20_000));
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return { child, output: () => out };
}

async function stopChild(child: ChildProcess) {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

/** `next start` of the production build in .next, on the bench database. */
export async function startNext(port: number, env: Record<string, string>): Promise<Server> {
  const buildId = path.join(process.cwd(), '.next', 'BUILD_ID');
  try {
    readFileSync(buildId);
  } catch {
    throw new Error('No production build: run `npx next build` first.');
  }
  const nodeArgs = (process.env.BENCH_NEXT_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const { child, output } = spawnServer('route', port, [...nodeArgs, 'node_modules/next/dist/bin/next', 'start', '-p', String(port), '-H', '127.0.0.1'], {
    NODE_ENV: 'production',
    NEXT_TELEMETRY_DISABLED: '1',
    ...env,
  });
  await waitForHttp(`http://127.0.0.1:${port}/api/health`, child, output);
  return { name: 'route', port, child, stop: () => stopChild(child) };
}

export async function startReference(port: number, env: Record<string, string>): Promise<Server> {
  const { child, output } = spawnServer('reference', port, ['--import', 'tsx', 'bench/webhook-reference.ts'], { REF_PORT: String(port), ...env });
  await waitForHttp(`http://127.0.0.1:${port}/`, child, output);
  return { name: 'reference', port, child, stop: () => stopChild(child) };
}

/** CPU seconds (user + system) of these processes so far, from /proc (Linux). */
export function cpuSeconds(pids: number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // gone
    }
  }
  return ticks / 100;
}

/** The server processes of the bench database's connections (to charge PostgreSQL's CPU). */
export async function backendPids(sql: Sql, database: string): Promise<number[]> {
  const rows = await sql<{ pid: number }[]>`select pid from pg_stat_activity where datname = ${database} and pid <> pg_backend_pid()`;
  return rows.map((r) => r.pid);
}
