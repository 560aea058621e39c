import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { campaigns } from './campaigns';
import { appointments } from './appointments';
import { leads } from './leads';
import { senderPhones } from './phones';
import { messageTemplates } from './templates';
import { workspaces } from './workspaces';

// Lower-case values are part of the public SQL contract (integrators and Supabase users read them).
export const MESSAGE_STATUSES = ['queued', 'sending', 'sent', 'delivered', 'read', 'failed', 'skipped', 'unknown'] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

/**
 * The outbox and the log in one table: the database is the only queue.
 * `queued` rows are due at `next_attempt_at`; a worker claims them with a lease, flips them to
 * `sending` just before the HTTP call, and a reaper turns `sending` rows with an expired lease
 * into `unknown` (the request may have reached Meta), never back to `queued`.
 */
export const messages = pgTable(
  'messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    leadId: uuid('lead_id')
      .notNull()
      .references(() => leads.id, { onDelete: 'cascade' }),
    campaignId: uuid('campaign_id').references(() => campaigns.id, { onDelete: 'set null' }),
    templateId: uuid('template_id').references(() => messageTemplates.id, { onDelete: 'set null' }),
    // The appointment an appointment-triggered message is about (booked, reminder, no-show):
    // its placeholders render from it, and moving or cancelling it moves or cancels the message.
    appointmentId: uuid('appointment_id').references(() => appointments.id, { onDelete: 'set null' }),
    senderPhoneId: uuid('sender_phone_id').references(() => senderPhones.id, { onDelete: 'set null' }),
    kind: text('kind', { enum: ['text', 'template'] }).notNull().default('text'),
    // Business-initiated (campaign) vs a reply inside the 24-hour window or a test send.
    isBusinessInitiated: boolean('is_business_initiated').notNull().default(true),
    toPhone: text('to_phone').notNull(),
    renderedBody: text('rendered_body'),
    payload: jsonb('payload').$type<Record<string, unknown>>(),
    status: text('status', { enum: MESSAGE_STATUSES }).notNull().default('queued'),
    statusReason: text('status_reason'),
    attempts: integer('attempts').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull().default(5),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    leaseOwner: text('lease_owner'),
    leaseExpiresAt: timestamp('lease_expires_at', { withTimezone: true }),
    providerMessageId: text('provider_message_id').unique(),
    waId: text('wa_id'),
    errorCode: integer('error_code'),
    errorTitle: text('error_title'),
    errorReason: text('error_reason'),
    // One message per (campaign, lead): "campaign:<id>:lead:<id>"; other sends bring their own.
    idempotencyKey: text('idempotency_key').notNull().unique(),
    queuedAt: timestamp('queued_at', { withTimezone: true }).notNull().defaultNow(),
    sendingAt: timestamp('sending_at', { withTimezone: true }),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
    readAt: timestamp('read_at', { withTimezone: true }),
    failedAt: timestamp('failed_at', { withTimezone: true }),
    skippedAt: timestamp('skipped_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('messages_due_idx').on(t.nextAttemptAt).where(sql`${t.status} = 'queued'`),
    index('messages_lease_idx').on(t.leaseExpiresAt).where(sql`${t.status} = 'sending'`),
    index('messages_workspace_created_idx').on(t.workspaceId, t.createdAt.desc()),
    index('messages_workspace_status_idx').on(t.workspaceId, t.status),
    // Analytics (lib/analytics/definitions.ts): a message belongs to its sent time, else its queued time.
    index('messages_workspace_time_idx').on(t.workspaceId, sql`coalesce(${t.sentAt}, ${t.createdAt})`),
    // The Analytics page's live poll: the workspace's latest message change.
    index('messages_workspace_updated_idx').on(t.workspaceId, t.updatedAt),
    index('messages_lead_idx').on(t.leadId, t.createdAt),
    index('messages_campaign_idx').on(t.campaignId, t.status),
    index('messages_appointment_idx').on(t.appointmentId).where(sql`${t.appointmentId} is not null`),
    check(
      'messages_status_ck',
      sql`${t.status} in ('queued','sending','sent','delivered','read','failed','skipped','unknown')`,
    ),
  ],
);
export type Message = typeof messages.$inferSelect;
export type NewMessage = typeof messages.$inferInsert;

export const messageEvents = pgTable(
  'message_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    messageId: uuid('message_id')
      .notNull()
      .references(() => messages.id, { onDelete: 'cascade' }),
    // queued, sending, sent, delivered, read, failed, skipped, unknown, retry_scheduled ...
    status: text('status').notNull(),
    source: text('source', { enum: ['dispatcher', 'webhook', 'admin', 'system'] }).notNull(),
    providerTimestamp: timestamp('provider_timestamp', { withTimezone: true }),
    errorCode: integer('error_code'),
    detail: text('detail'),
    payload: jsonb('payload').$type<Record<string, unknown>>(),
    webhookEventId: uuid('webhook_event_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('message_events_message_idx').on(t.messageId, t.id)],
);
export type MessageEvent = typeof messageEvents.$inferSelect;

export const inboundMessages = pgTable(
  'inbound_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    leadId: uuid('lead_id')
      .notNull()
      .references(() => leads.id, { onDelete: 'cascade' }),
    senderPhoneId: uuid('sender_phone_id').references(() => senderPhones.id, { onDelete: 'set null' }),
    providerMessageId: text('provider_message_id').notNull().unique(),
    type: text('type').notNull(),
    text: text('text'),
    buttonPayload: text('button_payload'),
    // Our message this one replies to (WhatsApp's context.id), when we know it.
    replyToMessageId: uuid('reply_to_message_id').references(() => messages.id, { onDelete: 'set null' }),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('inbound_messages_lead_idx').on(t.leadId, t.receivedAt),
    index('inbound_messages_workspace_idx').on(t.workspaceId, t.receivedAt),
  ],
);
export type InboundMessage = typeof inboundMessages.$inferSelect;

export const webhookEvents = pgTable(
  'webhook_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id').references(() => workspaces.id, { onDelete: 'cascade' }),
    senderPhoneId: uuid('sender_phone_id').references(() => senderPhones.id, { onDelete: 'set null' }),
    // Meta retries for days: the same raw body is stored and processed once.
    bodySha256: text('body_sha256').notNull(),
    body: text('body').notNull(),
    status: text('status', { enum: ['received', 'processed', 'failed'] }).notNull().default('received'),
    error: text('error'),
    // The senders whose app secret verified the signature when it arrived: processing (and any
    // re-run) applies the body to these only, as one phone number id may exist in several workspaces.
    verifiedSenderIds: uuid('verified_sender_ids').array(),
    // Processing runs so far; a failing event is retried at most MAX_WEBHOOK_EVENT_ATTEMPTS times.
    attempts: integer('attempts').notNull().default(0),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
    processedAt: timestamp('processed_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('webhook_events_body_uq').on(t.bodySha256),
    index('webhook_events_status_idx').on(t.status, t.receivedAt),
  ],
);
export type WebhookEvent = typeof webhookEvents.$inferSelect;
