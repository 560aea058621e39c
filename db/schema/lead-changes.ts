import {
  index,
  pgTable,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from './auth';
import { leads } from './leads';
import { workspaces } from './workspaces';

export const LEAD_CHANGE_FIELDS = ['name', 'email', 'phone', 'lifecycle_status', 'opted_out', 'consent'] as const;
export type LeadChangeField = (typeof LEAD_CHANGE_FIELDS)[number];

/**
 * Edits of a lead's own fields by a person (the edit form, the API), for the lead's timeline:
 * one row per field that changed, with the value before and after (as text; null = empty).
 */
export const leadChanges = pgTable(
  'lead_changes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    leadId: uuid('lead_id')
      .notNull()
      .references(() => leads.id, { onDelete: 'cascade' }),
    field: text('field', { enum: LEAD_CHANGE_FIELDS }).notNull(),
    previous: text('previous'),
    next: text('next'),
    userId: text('user_id').references(() => users.id, { onDelete: 'set null' }),
    channel: text('channel', { enum: ['admin', 'api'] }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('lead_changes_lead_idx').on(t.workspaceId, t.leadId, t.createdAt)],
);
export type LeadChange = typeof leadChanges.$inferSelect;
