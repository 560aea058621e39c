import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { workspaces } from './workspaces';

export const SENDER_STATUSES = ['active', 'needs_attention', 'paused', 'disabled'] as const;
export type SenderStatus = (typeof SENDER_STATUSES)[number];

export const senderPhones = pgTable(
  'sender_phones',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    label: text('label').notNull(),
    provider: text('provider', { enum: ['cloud_api', 'sandbox'] }).notNull().default('cloud_api'),
    phoneNumberId: text('phone_number_id').notNull(),
    wabaId: text('waba_id').notNull(),
    displayPhoneNumber: text('display_phone_number'),
    verifiedName: text('verified_name'),
    qualityRating: text('quality_rating'),
    // AES-256-GCM ciphertexts (lib/crypto); never selected into anything sent to a client.
    accessTokenEnc: text('access_token_enc').notNull(),
    appSecretEnc: text('app_secret_enc').notNull(),
    // Shown to the admin to paste into Meta's dashboard, so it is not a secret we can hide.
    webhookVerifyToken: text('webhook_verify_token').notNull(),
    apiVersion: text('api_version'),
    apiBaseUrl: text('api_base_url'),
    status: text('status', { enum: SENDER_STATUSES }).notNull().default('active'),
    statusReason: text('status_reason'),
    pausedUntil: timestamp('paused_until', { withTimezone: true }),
    rateLimitPerSecond: integer('rate_limit_per_second').notNull().default(80),
    isActive: boolean('is_active').notNull().default(true),
    lastVerifiedAt: timestamp('last_verified_at', { withTimezone: true }),
    verification: jsonb('verification').$type<Record<string, unknown>>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // One sender per number in a workspace. Across workspaces a number may repeat (the same
    // company in two workspaces, the shared sandbox): webhooks then reach every workspace whose
    // app secret verifies the signature (lib/webhooks/find-webhook-senders.ts), and the index on
    // phone_number_id alone is what that lookup uses.
    uniqueIndex('sender_phones_workspace_phone_number_id_uq').on(t.workspaceId, t.phoneNumberId),
    index('sender_phones_phone_number_id_idx').on(t.phoneNumberId),
    index('sender_phones_workspace_idx').on(t.workspaceId),
    check('sender_phones_rate_ck', sql`${t.rateLimitPerSecond} between 1 and 1000`),
  ],
);
export type SenderPhone = typeof senderPhones.$inferSelect;
export type NewSenderPhone = typeof senderPhones.$inferInsert;

// Templates as approved (or not) in a WhatsApp Business Account, synced from Meta.
export const whatsappTemplates = pgTable(
  'whatsapp_templates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    wabaId: text('waba_id').notNull(),
    providerTemplateId: text('provider_template_id'),
    name: text('name').notNull(),
    language: text('language').notNull(),
    category: text('category'),
    status: text('status').notNull(),
    components: jsonb('components').$type<unknown[]>().notNull().default([]),
    syncedAt: timestamp('synced_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('whatsapp_templates_uq').on(t.workspaceId, t.wabaId, t.name, t.language)],
);
export type WhatsappTemplate = typeof whatsappTemplates.$inferSelect;
