import { randomBytes, randomUUID } from 'node:crypto';
import { encryptSecret } from '@/lib/crypto/secret-box';
import { getDb, type Db } from './client';
import * as s from './schema';

// Test data builders: every call makes its own workspace-scoped rows with unique values, so
// tests in one file never collide.

const uid = () => randomBytes(4).toString('hex');

export async function createWorkspace(db?: Db, overrides: Partial<s.NewWorkspace> = {}) {
  db ??= await getDb();
  const tag = uid();
  const [ws] = await db
    .insert(s.workspaces)
    .values({ name: `Workspace ${tag}`, slug: `ws-${tag}`, ...overrides })
    .returning();
  return ws;
}

export async function createUser(db?: Db, opts: { workspaceId?: string; role?: s.Role; email?: string } = {}) {
  db ??= await getDb();
  const [user] = await db
    .insert(s.users)
    .values({ id: randomUUID(), name: 'Test User', email: opts.email ?? `user-${uid()}@example.test` })
    .returning();
  if (opts.workspaceId) {
    await db.insert(s.memberships).values({ workspaceId: opts.workspaceId, userId: user.id, role: opts.role ?? 'owner' });
  }
  return user;
}

export async function createSenderPhone(
  workspaceId: string,
  opts: Partial<s.NewSenderPhone> & { accessToken?: string; appSecret?: string } = {},
) {
  const db = await getDb();
  const { accessToken = `token-${uid()}`, appSecret = `secret-${uid()}`, ...rest } = opts;
  const [phone] = await db
    .insert(s.senderPhones)
    .values({
      workspaceId,
      label: 'Test sender',
      phoneNumberId: String(100000000000 + Math.floor(Math.random() * 899999999999)),
      wabaId: String(200000000000 + Math.floor(Math.random() * 899999999999)),
      accessTokenEnc: encryptSecret(accessToken),
      appSecretEnc: encryptSecret(appSecret),
      webhookVerifyToken: `verify-${uid()}`,
      ...rest,
    })
    .returning();
  return { ...phone, accessToken, appSecret };
}

export async function createTemplate(workspaceId: string, overrides: Partial<s.NewMessageTemplate> = {}) {
  const db = await getDb();
  const [tpl] = await db
    .insert(s.messageTemplates)
    .values({
      workspaceId,
      name: `Welcome ${uid()}`,
      kind: 'session_text',
      body: 'Hi {{first_name|there}}, thanks for your interest!',
      ...overrides,
    })
    .returning();
  return tpl;
}

let phoneCounter = Math.floor(Math.random() * 1_000_000);
/** A valid, unique Brazilian mobile number in E.164. */
export function uniquePhone(): string {
  phoneCounter = (phoneCounter + 1) % 100_000_000;
  return `+55119${String(phoneCounter).padStart(8, '0')}`;
}

export async function createLead(workspaceId: string, overrides: Partial<s.NewLead> = {}) {
  const db = await getDb();
  const [lead] = await db
    .insert(s.leads)
    .values({ workspaceId, phoneE164: uniquePhone(), name: 'Ana Souza', source: 'manual', ...overrides })
    .returning();
  return lead;
}

export async function createCampaign(
  workspaceId: string,
  opts: { templateId: string; senderPhoneId: string } & Partial<s.NewCampaign>,
) {
  const db = await getDb();
  const [c] = await db
    .insert(s.campaigns)
    .values({ workspaceId, name: `Campaign ${uid()}`, kind: 'automated', status: 'active', ...opts })
    .returning();
  return c;
}

export async function createQueuedMessage(
  workspaceId: string,
  opts: { leadId: string; senderPhoneId: string; toPhone: string } & Partial<s.NewMessage>,
) {
  const db = await getDb();
  const [m] = await db
    .insert(s.messages)
    .values({
      workspaceId,
      kind: 'text',
      renderedBody: 'Hello from a test',
      idempotencyKey: `test:${randomUUID()}`,
      ...opts,
    })
    .returning();
  return m;
}
