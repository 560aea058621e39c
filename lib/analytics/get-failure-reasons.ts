import 'server-only';
import { sql } from 'drizzle-orm';
import { execRows, getDb } from '@/db/client';
import { messageTime, within } from './definitions';
import type { Period } from './range';

export type FailureReason = { errorCode: number | null; meaning: string; count: number };
/** Rows shown; the rest are summed into one "Other reasons" row so nothing is lost. */
export const MAX_FAILURE_REASONS = 10;

/** Failed messages of the period by Meta's error code and its title (what the code means). */
export async function getFailureReasons(workspaceId: string, p: Period): Promise<FailureReason[]> {
  const db = await getDb();
  const rows = await execRows<{ code: number | null; meaning: string; n: number }>(
    db,
    sql`select m.error_code as code,
               coalesce(nullif(m.error_title, ''), nullif(m.status_reason, ''), 'No reason given') as meaning,
               count(*)::int as n
        from messages m
        where m.workspace_id = ${workspaceId} and m.status = 'failed' and ${within(messageTime('m'), p.start, p.end)}
        group by 1, 2
        order by 3 desc, 1 nulls last, 2`,
  );
  const list = rows.map((r) => ({ errorCode: r.code === null ? null : Number(r.code), meaning: r.meaning, count: Number(r.n) }));
  if (list.length <= MAX_FAILURE_REASONS) return list;
  const rest = list.slice(MAX_FAILURE_REASONS - 1).reduce((sum, r) => sum + r.count, 0);
  return [...list.slice(0, MAX_FAILURE_REASONS - 1), { errorCode: null, meaning: 'Other reasons', count: rest }];
}
