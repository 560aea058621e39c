import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { senderPhones } from './phones';
import { messageTemplates } from './templates';
import { workspaces } from './workspaces';

export const CAMPAIGN_KINDS = ['automated', 'broadcast'] as const;
export const CAMPAIGN_STATUSES = ['draft', 'active', 'paused', 'stopped', 'completed'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

/** Which new leads an automated campaign reacts to; an empty list means "any". */
export type CampaignTrigger = {
  sources: string[];
  landingPageIds: string[];
  tags: string[];
  onImport: boolean;
  /**
   * Set: the campaign is triggered by appointments instead of captures. `booked` when one is
   * created or confirmed, `reminder` `hoursBefore` its start, `no_show` when marked a no-show.
   */
  appointment?: { event: AppointmentTriggerEvent; hoursBefore?: number } | null;
};
export const APPOINTMENT_TRIGGER_EVENTS = ['booked', 'reminder', 'no_show'] as const;
export type AppointmentTriggerEvent = (typeof APPOINTMENT_TRIGGER_EVENTS)[number];

/** Days (0 = Sunday) and local hours in the workspace time zone when sending is allowed. */
export type SendWindow = { days: number[]; startHour: number; endHour: number };

export const campaigns = pgTable(
  'campaigns',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    kind: text('kind', { enum: CAMPAIGN_KINDS }).notNull(),
    status: text('status', { enum: CAMPAIGN_STATUSES }).notNull().default('draft'),
    templateId: uuid('template_id')
      .notNull()
      .references(() => messageTemplates.id, { onDelete: 'restrict' }),
    senderPhoneId: uuid('sender_phone_id')
      .notNull()
      .references(() => senderPhones.id, { onDelete: 'restrict' }),
    // A pool of senders (the first equals sender_phone_id); each lead is given one of them by a
    // stable hash of its id. Empty = sender_phone_id alone. No FK on array elements in
    // PostgreSQL: the campaign use cases check each id belongs to the workspace.
    senderPhoneIds: uuid('sender_phone_ids').array().notNull().default(sql`'{}'::uuid[]`),
    trigger: jsonb('trigger')
      .$type<CampaignTrigger>()
      .notNull()
      .default({ sources: [], landingPageIds: [], tags: [], onImport: false }),
    delaySeconds: integer('delay_seconds').notNull().default(0),
    sendWindow: jsonb('send_window').$type<SendWindow | null>(),
    segment: jsonb('segment').$type<Record<string, unknown> | null>(),
    scheduledAt: timestamp('scheduled_at', { withTimezone: true }),
    startedAt: timestamp('started_at', { withTimezone: true }),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('campaigns_workspace_status_idx').on(t.workspaceId, t.status),
    check('campaigns_delay_ck', sql`${t.delaySeconds} >= 0`),
  ],
);
export type Campaign = typeof campaigns.$inferSelect;
export type NewCampaign = typeof campaigns.$inferInsert;
