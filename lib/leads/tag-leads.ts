import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { execRows, getDb } from '@/db/client';
import { leads } from '@/db/schema';
import { parseInput } from '@/lib/errors';
import { leadSelectionSchema, tagNameSchema } from './lead-selection';
import { afterCursor, cursorColumns, parseCursorValues, sortOrder, type Cursor } from './lead-sorts';
import { selectionWhere } from './selection-where';

/** Rows per statement: small enough to keep row locks short, large enough to be set-based. */
export const BULK_CHUNK_SIZE = 5_000;

export const tagLeadsSchema = z.object({
  selection: leadSelectionSchema,
  op: z.enum(['add', 'remove']),
  tag: tagNameSchema,
});
export type TagLeadsInput = z.infer<typeof tagLeadsSchema>;

/** One chunk's outcome: rows changed, rows picked, and the sort key of the last one. */
export type ChunkResult = { n: number; size: number; last: unknown };

/**
 * Adds or removes one tag on every selected lead, set-based: chunks of leads walked in id
 * order, one UPDATE per chunk, so a million leads never sit in one transaction or in memory.
 * Leads that already have (or lack) the tag are left untouched. Returns how many changed.
 */
export async function tagLeads(workspaceId: string, input: unknown): Promise<{ changed: number }> {
  const { selection, op, tag } = parseInput(tagLeadsSchema, input);
  const db = await getDb();
  const where = selectionWhere(workspaceId, selection);
  const needsChange =
    op === 'add' ? sql`not (${leads.tags} @> array[${tag}]::text[])` : sql`${leads.tags} @> array[${tag}]::text[]`;
  const newTags = op === 'add' ? sql`array_append(tags, ${tag}::text)` : sql`array_remove(tags, ${tag}::text)`;

  let changed = 0;
  let cursor: Cursor | null = null;
  for (;;) {
    // Walks the selection newest first by (created_at, id): the same indexes the page uses for
    // this filter, instead of visiting the whole table in random id order.
    const after: SQL = cursor ? sql`and ${afterCursor(cursor, false)}` : sql``;
    const [row]: ChunkResult[] = await execRows<ChunkResult>(
      db,
      sql`with batch as (
            select ${leads.id} as id, ${leads.createdAt} as ts, ${cursorColumns('newest')} as cursor from ${leads}
            where ${where} and ${needsChange} ${after}
            order by ${sortOrder('newest', false)} limit ${BULK_CHUNK_SIZE}
          ), changed as (
            update leads set tags = ${newTags}, updated_at = now()
            where workspace_id = ${workspaceId} and id in (select id from batch)
            returning 1
          )
          select (select count(*)::int from changed) as n,
                 (select count(*)::int from batch) as size,
                 (select cursor from batch order by ts asc, id asc limit 1) as last`,
    );
    changed += Number(row.n);
    if (Number(row.size) < BULK_CHUNK_SIZE || !row.last) break;
    cursor = { sort: 'newest', values: parseCursorValues(row.last) };
  }
  return { changed };
}
