import 'server-only';
import { sql } from 'drizzle-orm';
import { execRows, getDb } from '@/db/client';
import { mergeLeads, type MergeActor } from './merge-leads';

export type EmailDuplicateCount = { groups: number; leadsToMerge: number };

/** The dry run: how many e-mails are shared by several leads, and how many leads would be merged away. */
export async function countEmailDuplicates(workspaceId: string): Promise<EmailDuplicateCount> {
  const db = await getDb();
  const [row] = await execRows<{ groups: number; extra: number }>(
    db,
    sql`select count(*)::int as groups, coalesce(sum(n - 1), 0)::int as extra
          from (select count(*) as n from leads
                 where workspace_id = ${workspaceId}::uuid and email is not null and email <> ''
                 group by lower(email) having count(*) > 1) g`,
  );
  return { groups: Number(row?.groups ?? 0), leadsToMerge: Number(row?.extra ?? 0) };
}

/** Upper bound per run: a click merges at most this many leads and says how many are left. */
export const BULK_MERGE_LIMIT = 500;

/**
 * Merges every group of leads with the same e-mail (case-insensitive) into its most recently
 * updated lead, one recorded (and undoable) merge per lead, with the default field choices.
 */
export async function mergeEmailDuplicates(actor: MergeActor, limit = BULK_MERGE_LIMIT): Promise<{ merged: number; remaining: number }> {
  const db = await getDb();
  const pairs = await execRows<{ survivor_id: string; merged_id: string }>(
    db,
    sql`select survivor_id, merged_id from (
          select first_value(id) over w as survivor_id, id as merged_id, row_number() over w as rn, lower(email) as k
            from leads
           where workspace_id = ${actor.workspaceId}::uuid and email is not null and email <> ''
             and lower(email) in (select lower(email) from leads where workspace_id = ${actor.workspaceId}::uuid
                                    and email is not null and email <> '' group by lower(email) having count(*) > 1)
          window w as (partition by lower(email) order by updated_at desc, id)
        ) x where rn > 1 order by k, rn limit ${limit}::int`,
  );
  let merged = 0;
  for (const p of pairs) {
    await mergeLeads(actor, { survivorId: p.survivor_id, mergedId: p.merged_id });
    merged += 1;
  }
  return { merged, remaining: (await countEmailDuplicates(actor.workspaceId)).leadsToMerge };
}
