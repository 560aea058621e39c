import { spawn, type ChildProcess } from 'node:child_process';
import { eq, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { createLead, createQueuedMessage, createSenderPhone, createWorkspace, uniquePhone } from '@/db/factories';
import { leads, messageEvents, messages, type NewMessage, type NewSenderPhone } from '@/db/schema';
import { env } from '@/lib/env';
import type { FakeWhatsAppServer } from '@/lib/whatsapp/fake/server';

// Shared by the dispatcher's tests (never imported by app code): a workspace with a sender
// wired to the fake Cloud API over real HTTP, and small helpers to queue and inspect messages.

export async function createDispatchScene(server: FakeWhatsAppServer, sender: Partial<NewSenderPhone> = {}) {
  const ws = await createWorkspace();
  const phone = await createSenderPhone(ws.id, {
    provider: 'sandbox',
    apiBaseUrl: server.url,
    apiVersion: 'v23.0',
    rateLimitPerSecond: 1000,
    ...sender,
  });
  server.fake.addPhone({
    phoneNumberId: phone.phoneNumberId,
    wabaId: phone.wabaId,
    accessToken: phone.accessToken,
    appSecret: phone.appSecret,
    throughputPerSecond: 1000,
  });
  const queue = async (overrides: Partial<NewMessage> & { leadName?: string | null } = {}) => {
    const { leadName, ...rest } = overrides;
    const lead = rest.leadId ? undefined : await createLead(ws.id, leadName === undefined ? {} : { name: leadName });
    return createQueuedMessage(ws.id, {
      ...rest,
      leadId: lead?.id ?? rest.leadId!,
      senderPhoneId: rest.senderPhoneId ?? phone.id,
      toPhone: rest.toPhone ?? lead?.phoneE164 ?? '+5511900000000',
    });
  };
  /** `n` leads with one queued text message each, in two statements (for tests of volume). */
  const queueMany = async (n: number, keyPrefix: string): Promise<{ id: string }[]> => {
    const db = await getDb();
    const leadRows = await db
      .insert(leads)
      .values(Array.from({ length: n }, (_, i) => ({ workspaceId: ws.id, phoneE164: uniquePhone(), name: `Lead ${i}`, source: 'import' as const })))
      .returning({ id: leads.id, phone: leads.phoneE164 });
    return db
      .insert(messages)
      .values(
        leadRows.map((l, i) => ({
          workspaceId: ws.id,
          leadId: l.id,
          senderPhoneId: phone.id,
          toPhone: l.phone,
          renderedBody: `Message ${i}`,
          idempotencyKey: `${keyPrefix}:${ws.id}:${i}`,
        })),
      )
      .returning({ id: messages.id });
  };
  return { ws, phone, queue, queueMany };
}

export async function getMessage(id: string) {
  const db = await getDb();
  const [row] = await db.select().from(messages).where(eq(messages.id, id));
  return row;
}

export async function eventStatuses(messageId: string): Promise<string[]> {
  const db = await getDb();
  const rows = await db.select().from(messageEvents).where(eq(messageEvents.messageId, messageId)).orderBy(messageEvents.id);
  return rows.map((r) => r.status);
}

/** Requests the fake received for one of our messages (biz_opaque_callback_data = message id). */
export function sentFor(server: FakeWhatsAppServer, messageId: string) {
  return server.fake.sent.filter((s) => s.body.biz_opaque_callback_data === messageId);
}

/** Makes a requeued message due now (instead of waiting out its backoff). */
export async function makeDue(id: string) {
  const db = await getDb();
  await db.update(messages).set({ nextAttemptAt: sql`now() - interval '1 second'` }).where(eq(messages.id, id));
}

/** Polls until `check` is true (no fixed sleeps in tests). */
export async function waitFor(check: () => Promise<boolean> | boolean, timeoutMs = 20_000, everyMs = 25): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`waitFor: condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** Simulates the pair-limit interval passing for every recipient (tests re-send to one lead). */
export async function forgetPairGates() {
  const db = await getDb();
  await db.execute(sql`delete from rate_limit_hits where key like 'dispatch:pair:%'`);
}

/** A real `npm run worker` process on the PostgreSQL server (PGlite is one process only). */
export function spawnWorker(databaseUrl: string, extraEnv: Record<string, string> = {}) {
  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    // The same key the factories encrypted the sender's token with.
    ENCRYPTION_KEY: env().encryptionKey.toString('hex'),
    DISPATCH_INTERVAL_MS: '50',
    LOG_LEVEL: 'warn',
    ...extraEnv,
  };
  delete childEnv.TEST_DATABASE_URL;
  const root = process.cwd();
  const child = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'scripts/worker.ts'], {
    cwd: root,
    env: childEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  child.on('exit', (code, signal) => {
    if (code !== 0 && signal !== 'SIGKILL') console.error(`worker exited with ${code ?? signal}:\n${output}`);
  });
  return child;
}

export const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve(child.exitCode) : child.once('exit', resolve)));

/** Most accepted sends at the fake in any sliding one-second window, for one phone. */
export function worstSecond(server: FakeWhatsAppServer, phoneNumberId: string): number {
  const times = server.fake.sent.filter((s) => s.phoneNumberId === phoneNumberId).map((s) => s.acceptedAt).sort((a, b) => a - b);
  let worst = 0;
  for (let i = 0, j = 0; i < times.length; i++) {
    while (times[i] - times[j] >= 1000) j++;
    worst = Math.max(worst, i - j + 1);
  }
  return worst;
}
