import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './auth';
import { leads } from './leads';
import { apiKeys, workspaces } from './workspaces';

export const DUPLICATE_REASONS = ['same_email', 'same_wa_id', 'same_line', 'name_domain_near_phone'] as const;
export type DuplicateReason = (typeof DUPLICATE_REASONS)[number];
export const DUPLICATE_CONFIDENCES = ['high', 'low'] as const;
export type DuplicateConfidence = (typeof DUPLICATE_CONFIDENCES)[number];

/**
 * Pairs of leads that may be one person, as found by the last scan (lib/duplicates/scan-duplicates.ts).
 * lead_a_id < lead_b_id, so a pair is stored once; a merged or deleted lead takes its pairs with it.
 */
export const duplicateCandidates = pgTable(
  'duplicate_candidates',
  {
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    leadAId: uuid('lead_a_id')
      .notNull()
      .references(() => leads.id, { onDelete: 'cascade' }),
    leadBId: uuid('lead_b_id')
      .notNull()
      .references(() => leads.id, { onDelete: 'cascade' }),
    confidence: text('confidence', { enum: DUPLICATE_CONFIDENCES }).notNull(),
    reasons: text('reasons').array().notNull(),
    detectedAt: timestamp('detected_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.leadAId, t.leadBId] }),
    index('duplicate_candidates_confidence_idx').on(t.workspaceId, t.confidence, t.leadAId, t.leadBId),
    index('duplicate_candidates_lead_b_idx').on(t.leadBId),
    check('duplicate_candidates_order_ck', sql`${t.leadAId} < ${t.leadBId}`),
    check('duplicate_candidates_confidence_ck', sql`${t.confidence} in ('high','low')`),
  ],
);
export type DuplicateCandidate = typeof duplicateCandidates.$inferSelect;

/** When the workspace was last scanned, and what the scan found (the page re-scans when stale). */
export const duplicateScans = pgTable('duplicate_scans', {
  workspaceId: uuid('workspace_id')
    .primaryKey()
    .references(() => workspaces.id, { onDelete: 'cascade' }),
  finishedAt: timestamp('finished_at', { withTimezone: true }).notNull(),
  pairCount: integer('pair_count').notNull(),
  durationMs: integer('duration_ms').notNull(),
});

/** Every row a merge moved or changed, so that its undo puts each one back where it was. */
export type MergeMoves = {
  touchpoints: string[];
  messages: string[];
  inboundMessages: string[];
  appointments: string[];
  appointmentChanges: string[];
  /** Edits of the merged lead's fields (lead_changes); absent in merges made before that table. */
  leadChanges?: string[];
  /** import_changes has a composite key: (import id, phone). */
  importChanges: { importId: string; phoneE164: string }[];
  /** Messages whose campaign key, address or status the merge changed: their rows as they were (to_jsonb). */
  messageEdits: Record<string, unknown>[];
  /** Ids of the messages among messageEdits that the merge skipped (a second send of one campaign). */
  skippedMessageIds: string[];
  /** message_events rows the merge wrote (the "skipped by merge" events): deleted on undo. */
  messageEventIds: number[];
};

/** A lead row exactly as it was, from to_jsonb(leads) (snake_case, microsecond timestamps). */
export type LeadRowSnapshot = Record<string, unknown>;

export const leadMerges = pgTable(
  'lead_merges',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    // No foreign keys on the two leads: the merged lead's row is deleted by the merge and
    // re-created by its undo, and the survivor may itself be merged later (the record stays).
    survivorLeadId: uuid('survivor_lead_id').notNull(),
    mergedLeadId: uuid('merged_lead_id').notNull(),
    actorUserId: text('actor_user_id').references(() => users.id, { onDelete: 'set null' }),
    actorApiKeyId: uuid('actor_api_key_id').references(() => apiKeys.id, { onDelete: 'set null' }),
    survivorBefore: jsonb('survivor_before').$type<LeadRowSnapshot>().notNull(),
    mergedBefore: jsonb('merged_before').$type<LeadRowSnapshot>().notNull(),
    // Which side each field was taken from (for the record and the timeline).
    choices: jsonb('choices').$type<Record<string, string>>().notNull(),
    moves: jsonb('moves').$type<MergeMoves>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    undoneAt: timestamp('undone_at', { withTimezone: true }),
    undoneByUserId: text('undone_by_user_id').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [
    index('lead_merges_survivor_idx').on(t.workspaceId, t.survivorLeadId, t.createdAt),
    index('lead_merges_merged_idx').on(t.workspaceId, t.mergedLeadId),
  ],
);
export type LeadMerge = typeof leadMerges.$inferSelect;
