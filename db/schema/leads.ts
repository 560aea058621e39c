import { sql, type SQL } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from './auth';
import { foldSql } from './search-fold';
import { apiKeys, workspaces } from './workspaces';

export const IMPORT_KINDS = ['leads', 'appointments'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];
export const LEAD_SOURCES = ['landing_page', 'import', 'api', 'whatsapp', 'manual'] as const;
export type LeadSource = (typeof LEAD_SOURCES)[number];
export const LIFECYCLE_STATUSES = ['new', 'contacted', 'engaged', 'qualified', 'customer', 'lost'] as const;
export type LifecycleStatus = (typeof LIFECYCLE_STATUSES)[number];

export const LANDING_PAGE_STATUSES = ['draft', 'published', 'archived'] as const;
export type LandingPageStatus = (typeof LANDING_PAGE_STATUSES)[number];
export const LANDING_FIELD_TYPES = ['text', 'tel', 'email', 'textarea', 'select', 'checkbox', 'date', 'hidden'] as const;
export type LandingFieldType = (typeof LANDING_FIELD_TYPES)[number];
/**
 * One field of a landing page's form. `name` is the lead attribute it fills (name, phone and
 * email fill the lead's own columns); a hidden field takes its value from the URL parameter `param`.
 */
export type LandingPageField = {
  name: string;
  label: string;
  type: LandingFieldType;
  required: boolean;
  options?: string[];
  param?: string;
};
/** Shown instead of the default content when the visit's utm_<match> equals `value`. */
export type LandingPageVariant = {
  key: string;
  match: 'utm_campaign' | 'utm_source';
  value: string;
  headline: string;
  description: string;
  buttonLabel: string;
};

export const leads = pgTable(
  'leads',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    phoneE164: text('phone_e164').notNull(),
    // WhatsApp's own id for the user (may differ from the E.164 number, e.g. Brazil's 9th digit).
    waId: text('wa_id'),
    name: text('name'),
    email: text('email'),
    source: text('source', { enum: LEAD_SOURCES }).notNull(),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    attributes: jsonb('attributes').$type<Record<string, string>>().notNull().default({}),
    consentAt: timestamp('consent_at', { withTimezone: true }),
    consentSource: text('consent_source'),
    consentText: text('consent_text'),
    optedOutAt: timestamp('opted_out_at', { withTimezone: true }),
    lifecycleStatus: text('lifecycle_status', { enum: LIFECYCLE_STATUSES }).notNull().default('new'),
    // Set when an admin chose the stage by hand: events no longer move it (lib/leads/advance-lifecycle.ts).
    lifecycleSetByHandAt: timestamp('lifecycle_set_by_hand_at', { withTimezone: true }),
    // The user's last own message: opens WhatsApp's 24-hour customer-service window.
    lastInboundAt: timestamp('last_inbound_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    // Search columns kept by the database itself (generated on every insert and update, so every
    // writer - forms, captures, CSV import, raw SQL - fills them without knowing they exist).
    // Name, e-mail and phone folded (no accents, lower case): "araujo" finds "Araújo".
    searchText: text('search_text').generatedAlwaysAs(
      (): SQL => sql`${foldSql(sql`coalesce(name, '') || ' ' || coalesce(email, '')`)} || ' ' || phone_e164`,
    ),
    // The folded name and e-mail whole: a search equal to one of them is an exact match, listed first.
    searchKeys: text('search_keys')
      .array()
      .generatedAlwaysAs((): SQL => sql`array[${foldSql(sql`coalesce(name, '')`)}, ${foldSql(sql`coalesce(email, '')`)}]`),
  },
  (t) => [
    uniqueIndex('leads_workspace_phone_uq').on(t.workspaceId, t.phoneE164),
    index('leads_workspace_wa_id_idx').on(t.workspaceId, t.waId),
    // The leads page's keyset sorts (lib/leads/lead-sorts.ts): each sort walks its own index.
    index('leads_workspace_created_idx').on(t.workspaceId, t.createdAt.desc(), t.id.desc()),
    index('leads_workspace_name_idx').on(t.workspaceId, sql`(${t.name} is null)`, sql`coalesce(${t.name}, '')`, t.id),
    index('leads_workspace_activity_idx').on(
      t.workspaceId,
      sql`greatest(${t.createdAt}, ${t.lastInboundAt}) desc nulls last`,
      t.id.desc(),
    ),
    // Filters: selective values get an index that still yields rows in created order.
    index('leads_workspace_source_idx').on(t.workspaceId, t.source, t.createdAt.desc(), t.id.desc()),
    index('leads_workspace_lifecycle_idx').on(t.workspaceId, t.lifecycleStatus, t.createdAt.desc(), t.id.desc()),
    index('leads_workspace_opted_out_idx')
      .on(t.workspaceId, t.createdAt.desc(), t.id.desc())
      .where(sql`${t.optedOutAt} is not null`),
    index('leads_workspace_replied_idx')
      .on(t.workspaceId, t.createdAt.desc(), t.id.desc())
      .where(sql`${t.lastInboundAt} is not null`),
    index('leads_tags_gin').using('gin', t.tags),
    // Duplicate detection (lib/duplicates/scan-duplicates.ts): equal e-mails, equal last 8 digits
    // (invariant under a missing 9th digit, trunk 0 or country code), and same name with a phone
    // equal but for its last two digits. Each pairs leads by an equi-join on an index, never pairwise.
    index('leads_workspace_email_lower_idx')
      .on(t.workspaceId, sql`lower(${t.email})`)
      .where(sql`${t.email} is not null and ${t.email} <> ''`),
    index('leads_workspace_phone_tail_idx').on(t.workspaceId, sql`right(${t.phoneE164}, 8)`),
    index('leads_workspace_name_phone_head_idx')
      .on(t.workspaceId, sql`lower(${t.name})`, sql`left(${t.phoneE164}, -2)`)
      .where(sql`${t.name} is not null and ${t.email} is not null`),
    // Substring search (LIKE '%q%' on the folded text) on name, e-mail and phone digits in one
    // trigram index (pg_trgm); exact name or e-mail matches through the keys.
    index('leads_search_text_trgm').using('gin', sql`${t.searchText} gin_trgm_ops`),
    index('leads_search_keys_gin').using('gin', t.searchKeys),
    check('leads_source_ck', sql`${t.source} in ('landing_page','import','api','whatsapp','manual')`),
    check(
      'leads_lifecycle_ck',
      sql`${t.lifecycleStatus} in ('new','contacted','engaged','qualified','customer','lost')`,
    ),
  ],
);
export type Lead = typeof leads.$inferSelect;
export type NewLead = typeof leads.$inferInsert;

export const landingPages = pgTable(
  'landing_pages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    // Public URL /lp/<slug>: unique across all workspaces.
    slug: text('slug').notNull().unique(),
    title: text('title').notNull(),
    headline: text('headline').notNull(),
    // Body text in the small Markdown subset of lib/leadgen/markdown.tsx (never raw HTML).
    description: text('description').notNull().default(''),
    fields: jsonb('fields').$type<LandingPageField[]>().notNull().default([]),
    consentText: text('consent_text').notNull(),
    successMessage: text('success_message').notNull().default('Thanks! We will message you on WhatsApp shortly.'),
    defaultCountry: text('default_country'),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    // Kept equal to status = 'published' for readers that predate the status column.
    isPublished: boolean('is_published').notNull().default(true),
    // Framing by other sites (frame-ancestors, set by proxy.ts): off unless the page allows it;
    // then only from embed_origins when any are listed (e.g. https://shop.example.com).
    allowEmbedding: boolean('allow_embedding').notNull().default(false),
    embedOrigins: text('embed_origins').array().notNull().default(sql`'{}'::text[]`),
    status: text('status', { enum: LANDING_PAGE_STATUSES }).notNull().default('published'),
    brandColor: text('brand_color').notNull().default('#198754'),
    buttonLabel: text('button_label').notNull().default('Message me on WhatsApp'),
    // https only (checked by lib/leadgen/schema.ts); the visitor goes there after a submission.
    redirectUrl: text('redirect_url'),
    // "Continue on WhatsApp": a wa.me link to this number (E.164) with prefilled text.
    whatsappNumber: text('whatsapp_number'),
    whatsappText: text('whatsapp_text'),
    sourceLabel: text('source_label'),
    variants: jsonb('variants').$type<LandingPageVariant[]>().notNull().default([]),
    // Origins allowed to POST /api/lp/<slug>/submissions from a browser (CORS).
    corsOrigins: text('cors_origins').array().notNull().default(sql`'{}'::text[]`),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('landing_pages_workspace_idx').on(t.workspaceId),
    check('landing_pages_status_ck', sql`${t.status} in ('draft','published','archived')`),
  ],
);
export type LandingPage = typeof landingPages.$inferSelect;
export type NewLandingPage = typeof landingPages.$inferInsert;

export const imports = pgTable(
  'imports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    createdByUserId: text('created_by_user_id').references(() => users.id, { onDelete: 'set null' }),
    fileName: text('file_name').notNull(),
    // What the file holds: leads, or appointments with their leads (lib/imports/appointments/).
    kind: text('kind', { enum: IMPORT_KINDS }).notNull().default('leads'),
    status: text('status', { enum: ['pending', 'running', 'completed', 'failed', 'cancelled', 'reverted'] })
      .notNull()
      .default('pending'),
    options: jsonb('options').$type<Record<string, unknown>>().notNull().default({}),
    mapping: jsonb('mapping').$type<Record<string, string>>().notNull().default({}),
    totalRows: integer('total_rows').notNull().default(0),
    createdCount: integer('created_count').notNull().default(0),
    updatedCount: integer('updated_count').notNull().default(0),
    unchangedCount: integer('unchanged_count').notNull().default(0),
    invalidCount: integer('invalid_count').notNull().default(0),
    duplicateCount: integer('duplicate_count').notNull().default(0),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    revertedAt: timestamp('reverted_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('imports_workspace_created_idx').on(t.workspaceId, t.createdAt),
    check('imports_kind_ck', sql`${t.kind} in ('leads','appointments')`),
  ],
);
export type Import = typeof imports.$inferSelect;

/** Batches of an import already applied: a retried batch (same import, batch_no) is a no-op. */
export const importBatches = pgTable(
  'import_batches',
  {
    importId: uuid('import_id')
      .notNull()
      .references(() => imports.id, { onDelete: 'cascade' }),
    batchNo: integer('batch_no').notNull(),
    firstRowNumber: integer('first_row_number').notNull(),
    rowCount: integer('row_count').notNull().default(0),
    createdCount: integer('created_count').notNull().default(0),
    updatedCount: integer('updated_count').notNull().default(0),
    unchangedCount: integer('unchanged_count').notNull().default(0),
    invalidCount: integer('invalid_count').notNull().default(0),
    duplicateCount: integer('duplicate_count').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.importId, t.batchNo] })],
);
export type ImportBatch = typeof importBatches.$inferSelect;

export const IMPORT_OUTCOMES = ['created', 'updated', 'unchanged', 'skipped'] as const;
export type ImportOutcome = (typeof IMPORT_OUTCOMES)[number];

/**
 * One row per phone an import met: finds duplicates across the file's batches, and keeps what
 * the import changed (before and after) so that a revert can undo exactly that.
 */
export const importChanges = pgTable(
  'import_changes',
  {
    importId: uuid('import_id')
      .notNull()
      .references(() => imports.id, { onDelete: 'cascade' }),
    phoneE164: text('phone_e164').notNull(),
    leadId: uuid('lead_id')
      .notNull()
      .references(() => leads.id, { onDelete: 'cascade' }),
    rowNumber: integer('row_number').notNull(),
    outcome: text('outcome', { enum: IMPORT_OUTCOMES }).notNull(),
    // {name, email, tags, attributes} before and after, for updated leads only.
    previous: jsonb('previous').$type<LeadSnapshot>(),
    next: jsonb('next').$type<LeadSnapshot>(),
  },
  (t) => [primaryKey({ columns: [t.importId, t.phoneE164] }), index('import_changes_lead_idx').on(t.leadId)],
);
export type LeadSnapshot = {
  name: string | null;
  email: string | null;
  tags: string[];
  attributes: Record<string, string>;
  // Imports before these columns could be mapped did not snapshot them.
  opted_out_at?: string | null;
  consent_at?: string | null;
  consent_source?: string | null;
  consent_text?: string | null;
  lifecycle_status?: string;
};
export type ImportChange = typeof importChanges.$inferSelect;

/** Rows an import did not apply (invalid or duplicate), with their original cells. */
export const importRejections = pgTable(
  'import_rejections',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    importId: uuid('import_id')
      .notNull()
      .references(() => imports.id, { onDelete: 'cascade' }),
    rowNumber: integer('row_number').notNull(),
    kind: text('kind', { enum: ['invalid', 'duplicate'] }).notNull(),
    reason: text('reason').notNull(),
    // The row as it came: an array of cells (in the import's column order) or an object.
    values: jsonb('values').$type<string[] | Record<string, string>>().notNull(),
  },
  (t) => [index('import_rejections_import_row_idx').on(t.importId, t.rowNumber)],
);
export type ImportRejection = typeof importRejections.$inferSelect;

/** Saved column mappings (and options) for files that come back with the same layout. */
export const importPresets = pgTable(
  'import_presets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    mapping: jsonb('mapping').$type<Record<string, string>>().notNull(),
    options: jsonb('options').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('import_presets_workspace_name_uq').on(t.workspaceId, t.name)],
);
export type ImportPreset = typeof importPresets.$inferSelect;

export const leadTouchpoints = pgTable(
  'lead_touchpoints',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    leadId: uuid('lead_id')
      .notNull()
      .references(() => leads.id, { onDelete: 'cascade' }),
    source: text('source', { enum: LEAD_SOURCES }).notNull(),
    landingPageId: uuid('landing_page_id').references(() => landingPages.id, { onDelete: 'set null' }),
    importId: uuid('import_id').references(() => imports.id, { onDelete: 'set null' }),
    apiKeyId: uuid('api_key_id').references(() => apiKeys.id, { onDelete: 'set null' }),
    utmSource: text('utm_source'),
    utmMedium: text('utm_medium'),
    utmCampaign: text('utm_campaign'),
    utmTerm: text('utm_term'),
    utmContent: text('utm_content'),
    referrer: text('referrer'),
    ipAddress: text('ip_address'),
    userAgent: text('user_agent'),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('lead_touchpoints_lead_idx').on(t.leadId, t.createdAt),
    index('lead_touchpoints_workspace_created_idx').on(t.workspaceId, t.createdAt),
    index('lead_touchpoints_import_idx').on(t.importId),
  ],
);
export type LeadTouchpoint = typeof leadTouchpoints.$inferSelect;
