import 'server-only';
import { sql } from 'drizzle-orm';
import { execRows, getDb } from '@/db/client';
import { leads } from '@/db/schema';
import { MAX_DATASET_ATTRIBUTES } from './export-lead-dataset';
import type { LeadFilter } from './lead-filters';
import { leadFilterWhere } from './lead-where';

/** The attribute keys the filtered leads hold (sorted, at most MAX_DATASET_ATTRIBUTES): the export form's choices. */
export async function listAttributeKeys(workspaceId: string, filter: LeadFilter): Promise<string[]> {
  const db = await getDb();
  const rows = await execRows<{ k: string }>(
    db,
    sql`select distinct k from ${leads} cross join lateral jsonb_object_keys(${leads.attributes}) as k
        where ${leadFilterWhere(workspaceId, filter)} order by k limit ${MAX_DATASET_ATTRIBUTES}`,
  );
  return rows.map((r) => r.k);
}
