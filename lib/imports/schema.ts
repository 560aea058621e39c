import { z } from 'zod';
import { MAX_ATTRIBUTES } from '@/lib/leads/schema';
import { isPhoneCountry } from '@/lib/phones/normalize-phone';
import { hasNoNul } from '@/lib/validation/strict-values';
import type { ImportKind } from '@/db/schema';
import { isAnyMappingTarget, isMappingTarget, type MappingTarget } from './suggest-mapping';

// One set of schemas for every door into the importer (wizard, route handler, CLI, GraphQL).

export const EXISTING_LEAD_POLICIES = ['fill_empty', 'overwrite', 'skip'] as const;
export type ExistingLeadPolicy = (typeof EXISTING_LEAD_POLICIES)[number];
/** An appointments file's row whose lead does not exist: create the lead (source import) or reject the row. */
export const UNKNOWN_LEAD_POLICIES = ['reject', 'create'] as const;
export type UnknownLeadPolicy = (typeof UNKNOWN_LEAD_POLICIES)[number];
/** Rows per batch the server accepts (the browser sends fewer to stay under 4.5 MB requests). */
export const MAX_BATCH_ROWS = 10_000;
/** Columns of a file (and fields of a row sent as an object) the importer reads. */
export const MAX_IMPORT_COLUMNS = 500;

const NUL_MESSAGE = 'Contains a character that is not allowed (U+0000)';
const name = (max: number) => z.string().max(max).refine(hasNoNul, NUL_MESSAGE);

/** PostgreSQL cannot store U+0000: a file's cells lose it (as a spreadsheet would show them). */
function withoutNul(row: unknown): unknown {
  const clean = (v: unknown) => (typeof v === 'string' ? v.replaceAll('\u0000', '') : v);
  if (Array.isArray(row)) return row.map(clean);
  if (typeof row === 'object' && row !== null) return Object.fromEntries(Object.entries(row).map(([k, v]) => [clean(k), clean(v)]));
  return row;
}

/** How many distinct attributes a mapping writes: each is a key on every lead it imports. */
export function countAttributeTargets(mapping: Record<string, string>): number {
  return new Set(Object.values(mapping).filter((t) => t.startsWith('attr.'))).size;
}

export const importOptionsSchema = z.object({
  // Missing: the workspace's default country (filled in by createImport).
  defaultCountry: z
    .string()
    .trim()
    .refine(isPhoneCountry, 'a two-letter country code such as BR')
    .transform((v) => v.toUpperCase())
    .optional(),
  tags: z.array(name(50).trim().min(1)).max(20).default([]),
  sourceLabel: name(100).trim().nullish().transform((v) => v || null),
  existing: z.enum(EXISTING_LEAD_POLICIES).default('fill_empty'),
  triggerCampaigns: z.boolean().default(false),
  unknownLeads: z.enum(UNKNOWN_LEAD_POLICIES).default('reject'),
});
export type ImportOptions = z.infer<typeof importOptionsSchema>;
export type ImportOptionsInput = z.input<typeof importOptionsSchema>;
/**
 * Options as an import stored them: the country is always known, and so is the workspace's time
 * zone at the import's start (dates without an offset are read in it).
 */
export type ResolvedImportOptions = Omit<ImportOptions, 'defaultCountry' | 'unknownLeads'> & {
  defaultCountry: string;
  timeZone?: string;
  unknownLeads?: UnknownLeadPolicy;
};

/** Column header -> target, for imports and saved presets alike. */
export const importMappingSchema = z
  .unknown()
  // The key count is checked before the keys themselves: a 20,000-key mapping is refused whole.
  .refine((v) => typeof v !== 'object' || v === null || Object.keys(v).length <= MAX_IMPORT_COLUMNS, `At most ${MAX_IMPORT_COLUMNS} columns`)
  .pipe(
    z.record(
      name(200),
      z.string().refine(isAnyMappingTarget, 'not a field or attr.<key>').transform((v) => v as MappingTarget),
    ),
  )
  // The lead form's limit: an import cannot give a lead more attributes than a person could.
  .refine(
    (m) => countAttributeTargets(m) <= MAX_ATTRIBUTES,
    `Map at most ${MAX_ATTRIBUTES} columns to attributes (a lead holds at most ${MAX_ATTRIBUTES}); set the others to "ignore"`,
  );

const countOf = (m: Record<string, string>, target: string) => Object.values(m).filter((t) => t === target).length;
const SINGLE_FIELDS = ['name', 'first_name', 'last_name', 'email', 'tags', 'lifecycle_status', 'opted_out_at', 'consent_at',
  'consent_source', 'consent_text', 'other_attributes', 'starts_at', 'ends_at', 'title', 'status', 'external_id', 'notes'];

export const createImportSchema = z
  .object({
    kind: z.enum(['leads', 'appointments'] satisfies ImportKind[]).default('leads'),
    fileName: name(255).trim().min(1),
    // Header names in file order: rows sent as arrays are read by position.
    columns: z.array(name(200)).max(MAX_IMPORT_COLUMNS, `At most ${MAX_IMPORT_COLUMNS} columns`).optional(),
    mapping: importMappingSchema,
    options: importOptionsSchema.default({
      tags: [],
      sourceLabel: null,
      existing: 'fill_empty',
      triggerCampaigns: false,
      unknownLeads: 'reject',
    }),
  })
  .refine((v) => Object.values(v.mapping).every((t) => isMappingTarget(t, v.kind)), {
    message: 'The mapping names a target this kind of import does not have',
    path: ['mapping'],
  })
  .refine((v) => v.kind !== 'leads' || countOf(v.mapping, 'phone') === 1, { message: 'Map exactly one column to the phone', path: ['mapping'] })
  .refine((v) => v.kind !== 'appointments' || (countOf(v.mapping, 'phone') <= 1 && countOf(v.mapping, 'phone') + countOf(v.mapping, 'email') >= 1), {
    message: "Map a column to the lead's phone or e-mail (one each at most)",
    path: ['mapping'],
  })
  .refine((v) => v.kind !== 'appointments' || (countOf(v.mapping, 'starts_at') === 1 && countOf(v.mapping, 'title') === 1), {
    message: 'Map exactly one column to the start and one to the title',
    path: ['mapping'],
  })
  .refine((v) => SINGLE_FIELDS.every((f) => countOf(v.mapping, f) <= 1), { message: 'Map at most one column to each field', path: ['mapping'] })
  .refine((v) => !v.columns || Object.keys(v.mapping).every((c) => v.columns!.includes(c)), {
    message: 'The mapping names a column that is not in the file',
    path: ['mapping'],
  });
export type CreateImportInput = z.input<typeof createImportSchema>;

export const ingestBatchSchema = z.object({
  batchNo: z.number().int().min(0).max(10_000_000),
  firstRowNumber: z.number().int().min(1),
  rows: z
    // Object rows with too many fields are refused row by row (prepare-import-rows.ts).
    .array(
      z.preprocess(
        withoutNul,
        z.union([z.array(z.string().max(10_000)).max(MAX_IMPORT_COLUMNS), z.record(z.string().max(200), z.string().max(10_000))]),
      ),
    )
    .max(MAX_BATCH_ROWS),
});
export type IngestBatchInput = z.input<typeof ingestBatchSchema>;
