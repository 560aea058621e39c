import 'server-only';
import { and, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { execRows, getDb } from '@/db/client';
import { leads, MESSAGE_STATUSES } from '@/db/schema';
import { toSafeCsv } from '@/lib/csv/to-safe-csv';
import { parseInput } from '@/lib/errors';
import { textSchema } from '@/lib/validation/strict-values';
import { attributeColumn, DATASET_COLUMNS, DATASET_FORMATS, type DatasetFormat } from './dataset-columns';
import { leadSelectionSchema } from './lead-selection';
import { afterCursor, cursorColumns, parseCursorValues, sortOrder, type Cursor } from './lead-sorts';
import { selectionWhere } from './selection-where';

/** Leads per query: memory stays flat (one batch in flight) whatever the export's size. */
export const DATASET_BATCH_SIZE = 2_000;
/** Most attribute columns an export can have. */
export const MAX_DATASET_ATTRIBUTES = 100;

export const datasetRequestSchema = z.object({
  selection: leadSelectionSchema,
  format: z.enum(DATASET_FORMATS).default('csv'),
  /** The attribute keys to flatten into columns; undefined = every key the selection holds (up to the limit). */
  attributes: z.array(textSchema(200).min(1)).max(MAX_DATASET_ATTRIBUTES, `At most ${MAX_DATASET_ATTRIBUTES} attribute columns`).optional(),
});
export type DatasetRequest = z.input<typeof datasetRequestSchema>;

type Row = Record<string, unknown> & { attributes: Record<string, string> | null; cursor_values: unknown; tags: string[] };

const iso = (expr: string) => sql.raw(`to_char(${expr} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`);

/**
 * One row per lead: identity, first and last touch, consent, message counts by status, replies,
 * appointments. Laterals read each lead's own rows through the per-lead indexes, so a batch
 * costs the same on the first page and the last.
 */
function batchQuery(workspaceId: string, where: SQL): SQL {
  const statusCounts = MESSAGE_STATUSES.map((s) => sql.raw(`count(*) filter (where m.status = '${s}')::int as messages_${s}`));
  const touch = (dir: 'asc' | 'desc') => sql`
    select ${iso('t.created_at')} as at, t.source, lp.title as page, t.utm_source, t.utm_medium, t.utm_campaign
    from lead_touchpoints t left join landing_pages lp on lp.id = t.landing_page_id and lp.workspace_id = ${workspaceId}
    where t.lead_id = ${leads.id} and t.workspace_id = ${workspaceId}
    order by t.created_at ${sql.raw(dir)}, t.id ${sql.raw(dir)} limit 1`;
  return sql`
    select ${leads.id} as id, ${leads.phoneE164} as phone, ${leads.name} as name, ${leads.email} as email, ${leads.tags} as tags,
      ${leads.lifecycleStatus} as lifecycle_stage, ${iso('leads.created_at')} as created_at,
      ft.at as first_touch_at, ft.source as first_source, ft.page as first_landing_page,
      ft.utm_source as first_utm_source, ft.utm_medium as first_utm_medium, ft.utm_campaign as first_utm_campaign,
      lt.at as last_touch_at, lt.source as last_source, lt.page as last_landing_page,
      lt.utm_source as last_utm_source, lt.utm_medium as last_utm_medium, lt.utm_campaign as last_utm_campaign,
      ${iso('leads.consent_at')} as consent_at, ${leads.consentSource} as consent_source, ${iso('leads.opted_out_at')} as opted_out_at,
      ms.*, ib.reply_count, ib.last_reply_at, ap.*,
      ${leads.attributes} as attributes, ${cursorColumns('newest')} as cursor_values
    -- The batch first (an index range scan of the sort), then the laterals for its rows only.
    from (select * from ${leads} where ${where} order by ${sortOrder('newest', false)} limit ${DATASET_BATCH_SIZE}) as ${leads}
    left join lateral (${touch('asc')}) ft on true
    left join lateral (${touch('desc')}) lt on true
    cross join lateral (
      select ${sql.join(statusCounts, sql`, `)},
        (array_agg(m.status order by coalesce(m.sent_at, m.created_at) desc, m.id desc))[1] as last_message_status,
        ${iso('max(coalesce(m.sent_at, m.created_at))')} as last_message_at
      from messages m where m.lead_id = ${leads.id} and m.workspace_id = ${workspaceId}
    ) ms
    cross join lateral (
      select count(*)::int as reply_count, ${iso('max(i.received_at)')} as last_reply_at
      from inbound_messages i where i.lead_id = ${leads.id} and i.workspace_id = ${workspaceId}
    ) ib
    cross join lateral (
      select count(*)::int as appointments_booked,
        count(*) filter (where a.status = 'completed')::int as appointments_attended,
        count(*) filter (where a.status = 'no_show')::int as appointments_no_show,
        ${iso(`min(a.starts_at) filter (where a.starts_at > now() and a.status in ('scheduled', 'confirmed'))`)} as next_appointment_at
      from appointments a where a.lead_id = ${leads.id} and a.workspace_id = ${workspaceId}
    ) ap
    order by ${sortOrder('newest', false)}`;
}

/** The chosen (or all, up to the limit) attribute keys of the selection, sorted. */
async function attributeKeys(workspaceId: string, where: SQL, chosen: string[] | undefined): Promise<string[]> {
  if (chosen) return [...new Set(chosen)];
  const db = await getDb();
  const rows = await execRows<{ k: string }>(
    db,
    sql`select distinct k from ${leads} cross join lateral jsonb_object_keys(${leads.attributes}) as k
        where ${where} order by k limit ${MAX_DATASET_ATTRIBUTES}`,
  );
  return rows.map((r) => r.k);
}

function toRecord(r: Row, keys: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const c of DATASET_COLUMNS) out[c] = r[c] ?? null;
  for (const k of keys) out[attributeColumn(k)] = r.attributes?.[k] ?? null;
  return out;
}

/**
 * The unified lead dataset of a selection as text chunks: CSV (header first, every cell
 * defused against spreadsheet formulas) or JSON Lines (one object per lead).
 */
export async function* exportLeadDataset(workspaceId: string, input: DatasetRequest): AsyncGenerator<string> {
  const req = parseInput(datasetRequestSchema, input);
  const db = await getDb();
  const where = selectionWhere(workspaceId, req.selection);
  const keys = await attributeKeys(workspaceId, where, req.attributes);
  const header = [...DATASET_COLUMNS, ...keys.map(attributeColumn)];
  const format: DatasetFormat = req.format;
  if (format === 'csv') yield toSafeCsv([header]);

  let cursor: Cursor | null = null;
  for (;;) {
    const batch: Row[] = await execRows<Row>(db, batchQuery(workspaceId, cursor ? and(where, afterCursor(cursor, false))! : where));
    if (batch.length === 0) return;
    const records = batch.map((r) => toRecord(r, keys));
    if (format === 'csv') {
      yield toSafeCsv(records.map((rec) => header.map((h) => (h === 'tags' ? (rec.tags as string[]).join(', ') : rec[h]))), { bom: false });
    } else {
      yield records.map((rec) => `${JSON.stringify(rec)}\n`).join('');
    }
    if (batch.length < DATASET_BATCH_SIZE) return;
    cursor = { sort: 'newest', values: parseCursorValues(batch[batch.length - 1].cursor_values) };
  }
}
