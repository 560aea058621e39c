import 'server-only';
import { and, sql } from 'drizzle-orm';
import { execRows, getDb } from '@/db/client';
import { leads, type Lead } from '@/db/schema';
import { toSafeCsv } from '@/lib/csv/to-safe-csv';
import { parseInput } from '@/lib/errors';
import { leadSelectionSchema } from './lead-selection';
import { afterCursor, cursorColumns, parseCursorValues, sortOrder, type Cursor } from './lead-sorts';
import { selectionWhere } from './selection-where';

/** Rows fetched per query while streaming: memory stays flat whatever the export size. */
export const EXPORT_BATCH_SIZE = 2_000;
/** Custom attributes become columns; past this many keys the rest share one last column. */
export const MAX_ATTRIBUTE_COLUMNS = 100;
/**
 * The last column when the selection holds more attribute keys than MAX_ATTRIBUTE_COLUMNS:
 * each lead's other attributes as JSON, so the file says columns were left out and loses nothing.
 */
export const OTHER_ATTRIBUTES_COLUMN = 'other_attributes';

const BASE_HEADER = [
  'id', 'name', 'phone', 'email', 'source', 'lifecycle_status', 'tags', 'opted_out_at',
  'consent_at', 'consent_source', 'last_reply_at', 'created_at',
];

type ExportRow = Pick<
  Lead,
  | 'id' | 'name' | 'phoneE164' | 'email' | 'source' | 'lifecycleStatus' | 'tags' | 'optedOutAt' | 'consentAt'
  | 'consentSource' | 'lastInboundAt' | 'createdAt' | 'attributes'
> & { cursorValues: unknown };

const iso = (d: Date | null) => (d ? d.toISOString() : '');

/**
 * The selected leads as CSV text chunks (header first, newest lead first), read in keyset
 * batches so that exporting a million leads streams instead of loading them. Every cell goes
 * through toSafeCsv, which defuses spreadsheet formulas (=, +, -, @, tab, CR).
 */
export async function* exportLeadsCsv(workspaceId: string, input: unknown): AsyncGenerator<string> {
  const selection = parseInput(leadSelectionSchema, input);
  const db = await getDb();
  const where = selectionWhere(workspaceId, selection);

  const keyRows = await execRows<{ k: string }>(
    db,
    sql`select distinct k from ${leads} cross join lateral jsonb_object_keys(${leads.attributes}) as k
        where ${where} order by k limit ${MAX_ATTRIBUTE_COLUMNS + 1}`,
  );
  const hasOthers = keyRows.length > MAX_ATTRIBUTE_COLUMNS;
  const attributeKeys = keyRows.slice(0, MAX_ATTRIBUTE_COLUMNS).map((r) => r.k);
  const columnKeys = new Set(attributeKeys);
  const others = (attributes: Record<string, string> | null) => {
    const rest = Object.entries(attributes ?? {}).filter(([k]) => !columnKeys.has(k));
    return rest.length > 0 ? JSON.stringify(Object.fromEntries(rest)) : '';
  };
  const header = [
    ...BASE_HEADER,
    ...attributeKeys.map((k) => (BASE_HEADER.includes(k) || k === OTHER_ATTRIBUTES_COLUMN ? `attribute:${k}` : k)),
    ...(hasOthers ? [OTHER_ATTRIBUTES_COLUMN] : []),
  ];
  yield toSafeCsv([header]);

  let cursor: Cursor | null = null;
  for (;;) {
    const batch: ExportRow[] = await db
      .select({
        id: leads.id,
        name: leads.name,
        phoneE164: leads.phoneE164,
        email: leads.email,
        source: leads.source,
        lifecycleStatus: leads.lifecycleStatus,
        tags: leads.tags,
        optedOutAt: leads.optedOutAt,
        consentAt: leads.consentAt,
        consentSource: leads.consentSource,
        lastInboundAt: leads.lastInboundAt,
        createdAt: leads.createdAt,
        attributes: leads.attributes,
        cursorValues: sql<string[]>`${cursorColumns('newest')}`,
      })
      .from(leads)
      .where(cursor ? and(where, afterCursor(cursor, false)) : where)
      .orderBy(sortOrder('newest', false))
      .limit(EXPORT_BATCH_SIZE);
    if (batch.length === 0) return;
    const rows = batch.map((l) => [
      l.id, l.name, l.phoneE164, l.email, l.source, l.lifecycleStatus, l.tags.join(', '), iso(l.optedOutAt),
      iso(l.consentAt), l.consentSource, iso(l.lastInboundAt), iso(l.createdAt),
      ...attributeKeys.map((k) => l.attributes?.[k] ?? ''),
      ...(hasOthers ? [others(l.attributes)] : []),
    ]);
    yield toSafeCsv(rows, { bom: false });
    if (batch.length < EXPORT_BATCH_SIZE) return;
    const last = batch[batch.length - 1];
    cursor = { sort: 'newest', values: parseCursorValues(last.cursorValues) };
  }
}
