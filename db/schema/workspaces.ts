import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './auth';

export const ROLES = ['owner', 'admin', 'agent'] as const;
export type Role = (typeof ROLES)[number];

export const workspaces = pgTable('workspaces', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  slug: text('slug').notNull().unique(),
  defaultCountry: text('default_country').notNull().default('BR'),
  timezone: text('timezone').notNull().default('America/Sao_Paulo'),
  // Meta messaging tier: unique business-initiated recipients per rolling 24 h (null = unlimited).
  dailyRecipientCap: integer('daily_recipient_cap').default(250),
  optOutKeywords: text('opt_out_keywords')
    .array()
    .notNull()
    .default(sql`ARRAY['STOP','PARAR','SAIR','CANCELAR','UNSUBSCRIBE']::text[]`),
  optInKeywords: text('opt_in_keywords').array().notNull().default(sql`ARRAY['START','VOLTAR']::text[]`),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
export type Workspace = typeof workspaces.$inferSelect;
export type NewWorkspace = typeof workspaces.$inferInsert;

export const memberships = pgTable(
  'memberships',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text('role', { enum: ROLES }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('memberships_workspace_user_uq').on(t.workspaceId, t.userId),
    index('memberships_user_idx').on(t.userId),
    check('memberships_role_ck', sql`${t.role} in ('owner','admin','agent')`),
  ],
);
export type Membership = typeof memberships.$inferSelect;

export const API_KEY_SCOPES = ['read', 'write'] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

export const apiKeys = pgTable(
  'api_keys',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    // First characters of the key, shown in the UI so a key can be recognised; the key itself
    // is shown once at creation and only its SHA-256 is kept.
    prefix: text('prefix').notNull(),
    keyHash: text('key_hash').notNull().unique(),
    role: text('role', { enum: ROLES }).notNull().default('admin'),
    // What the key may do through the API: 'read' (queries) and/or 'write' (mutations).
    scopes: text('scopes', { enum: API_KEY_SCOPES }).array().notNull().default(sql`'{read}'::text[]`),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    createdByUserId: text('created_by_user_id').references(() => users.id, { onDelete: 'set null' }),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('api_keys_workspace_idx').on(t.workspaceId)],
);
export type ApiKey = typeof apiKeys.$inferSelect;

export const auditLog = pgTable(
  'audit_log',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    actorUserId: text('actor_user_id').references(() => users.id, { onDelete: 'set null' }),
    actorApiKeyId: uuid('actor_api_key_id').references(() => apiKeys.id, { onDelete: 'set null' }),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id'),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('audit_log_workspace_created_idx').on(t.workspaceId, t.createdAt)],
);

// Fixed-window counters for public endpoints (landing pages, API), shared by every process.
// UNLOGGED (drizzle/0011, by hand): no WAL flush per hit; a crash resets the windows.
export const rateLimitHits = pgTable('rate_limit_hits', {
  key: text('key').primaryKey(),
  windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
  count: integer('count').notNull(),
});

// Last activity of each dispatcher (web process, worker or cron), for /api/health and the UI.
export const workerHeartbeats = pgTable('worker_heartbeats', {
  id: text('id').primaryKey(),
  kind: text('kind', { enum: ['in-process', 'worker', 'cron'] }).notNull(),
  host: text('host'),
  pid: integer('pid'),
  lastRunAt: timestamp('last_run_at', { withTimezone: true }).notNull(),
  messagesSent: integer('messages_sent').notNull().default(0),
});
