import { sql } from 'drizzle-orm';
import {
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { imports, leads } from './leads';
import { workspaces } from './workspaces';

// Appointments, their change history and what an appointments import changed (decisions 014, 019).
export const appointments = pgTable(
  'appointments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    leadId: uuid('lead_id')
      .notNull()
      .references(() => leads.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }),
    status: text('status', { enum: ['scheduled', 'confirmed', 'completed', 'cancelled', 'no_show'] })
      .notNull()
      .default('scheduled'),
    notes: text('notes'),
    source: text('source'),
    externalId: text('external_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('appointments_lead_idx').on(t.leadId, t.startsAt),
    // Analytics: booked by creation time, attended by start time, and the live poll's latest change.
    index('appointments_workspace_created_idx').on(t.workspaceId, t.createdAt),
    index('appointments_workspace_starts_idx').on(t.workspaceId, t.startsAt),
    index('appointments_workspace_updated_idx').on(t.workspaceId, t.updatedAt),
    // Re-importing an appointments file finds each row's appointment by its external id.
    index('appointments_workspace_external_idx').on(t.workspaceId, t.externalId).where(sql`${t.externalId} is not null`),
  ],
);
export type Appointment = typeof appointments.$inferSelect;

export type AppointmentSnapshot = { title: string; startsAt: string; endsAt: string | null; status: Appointment['status']; notes: string | null };

/**
 * One row per appointment an appointments import created or updated (the undo log), with the
 * appointment's values before and after for updated ones, so that a revert can undo exactly that.
 */
export const importAppointmentChanges = pgTable(
  'import_appointment_changes',
  {
    importId: uuid('import_id')
      .notNull()
      .references(() => imports.id, { onDelete: 'cascade' }),
    rowNumber: integer('row_number').notNull(),
    appointmentId: uuid('appointment_id')
      .notNull()
      .references(() => appointments.id, { onDelete: 'cascade' }),
    externalId: text('external_id'),
    outcome: text('outcome', { enum: ['created', 'updated', 'unchanged'] }).notNull(),
    previous: jsonb('previous').$type<AppointmentSnapshot>(),
    next: jsonb('next').$type<AppointmentSnapshot>(),
  },
  (t) => [
    primaryKey({ columns: [t.importId, t.rowNumber] }),
    index('import_appointment_changes_external_idx').on(t.importId, t.externalId),
    index('import_appointment_changes_appointment_idx').on(t.appointmentId),
  ],
);
export type ImportAppointmentChange = typeof importAppointmentChanges.$inferSelect;

/** What happened to an appointment, for the lead's timeline: created, moved, status changes, edits. */
export const appointmentChanges = pgTable(
  'appointment_changes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    appointmentId: uuid('appointment_id')
      .notNull()
      .references(() => appointments.id, { onDelete: 'cascade' }),
    leadId: uuid('lead_id')
      .notNull()
      .references(() => leads.id, { onDelete: 'cascade' }),
    change: text('change', { enum: ['created', 'moved', 'status', 'edited'] }).notNull(),
    // The appointment as it is after the change, and what it was before (moved / status).
    title: text('title').notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    status: text('status').notNull(),
    previousStartsAt: timestamp('previous_starts_at', { withTimezone: true }),
    previousStatus: text('previous_status'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('appointment_changes_lead_idx').on(t.workspaceId, t.leadId, t.createdAt)],
);
export type AppointmentChange = typeof appointmentChanges.$inferSelect;
