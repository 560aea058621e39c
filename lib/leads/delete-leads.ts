import 'server-only';
import { count, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { execRows, getDb } from '@/db/client';
import { leads } from '@/db/schema';
import { AppError, parseInput } from '@/lib/errors';
import { leadSelectionSchema } from './lead-selection';
import { selectionWhere } from './selection-where';
import { afterCursor, cursorColumns, parseCursorValues, sortOrder, type Cursor } from './lead-sorts';
import { BULK_CHUNK_SIZE, type ChunkResult } from './tag-leads';

export const deleteLeadsSchema = z.object({
  selection: leadSelectionSchema,
  // The person typed the number of leads they are about to delete.
  confirmCount: z.coerce.number({ error: 'Type the number of leads to delete' }).int().min(1, 'Type the number of leads to delete'),
});

/**
 * Deletes the selected leads (their messages, replies and touchpoints go with them by
 * cascade). The typed count must equal what matches now: if the selection grew or shrank
 * since the person read the number, nothing is deleted and they are asked again. Leads that
 * arrive while the delete runs are not touched.
 */
export async function deleteLeads(workspaceId: string, input: unknown): Promise<{ deleted: number }> {
  const { selection, confirmCount } = parseInput(deleteLeadsSchema, input);
  const db = await getDb();
  const where = selectionWhere(workspaceId, selection);
  const [{ startedAt }] = await execRows<{ startedAt: string }>(db, sql`select clock_timestamp()::text as "startedAt"`);
  const [{ n }] = await db.select({ n: count() }).from(leads).where(where);
  const matching = Number(n);
  if (matching !== confirmCount) {
    const message =
      matching === 0
        ? 'No leads match this selection any more; nothing was deleted.'
        : `${matching.toLocaleString('en-GB')} leads match now, not ${confirmCount.toLocaleString('en-GB')}. Nothing was deleted: check the number and confirm again.`;
    throw new AppError('CONFLICT', message, { fields: { confirmCount: message } });
  }

  let deleted = 0;
  let cursor: Cursor | null = null;
  for (;;) {
    const after: SQL = cursor ? sql`and ${afterCursor(cursor, false)}` : sql``;
    const [row]: ChunkResult[] = await execRows<ChunkResult>(
      db,
      sql`with batch as (
            select ${leads.id} as id, ${leads.createdAt} as ts, ${cursorColumns('newest')} as cursor from ${leads}
            where ${where} and ${leads.createdAt} <= ${startedAt}::text::timestamptz ${after}
            order by ${sortOrder('newest', false)} limit ${BULK_CHUNK_SIZE}
          ), gone as (
            delete from leads where workspace_id = ${workspaceId} and id in (select id from batch) returning 1
          )
          select (select count(*)::int from gone) as n,
                 (select count(*)::int from batch) as size,
                 (select cursor from batch order by ts asc, id asc limit 1) as last`,
    );
    deleted += Number(row.n);
    if (Number(row.size) < BULK_CHUNK_SIZE || !row.last) break;
    cursor = { sort: 'newest', values: parseCursorValues(row.last) };
  }
  return { deleted };
}
