import 'server-only';
import { count } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { leads } from '@/db/schema';
import { parseInput } from '@/lib/errors';
import { leadSelectionSchema } from './lead-selection';
import { selectionWhere } from './selection-where';

/**
 * How many leads a selection holds. Only asked for when someone selects "all matching" or
 * confirms a delete: counting a million rows is too slow to do on every page view.
 */
export async function countLeads(workspaceId: string, input: unknown): Promise<number> {
  const selection = parseInput(leadSelectionSchema, input);
  const db = await getDb();
  const [row] = await db.select({ n: count() }).from(leads).where(selectionWhere(workspaceId, selection));
  return Number(row?.n ?? 0);
}
