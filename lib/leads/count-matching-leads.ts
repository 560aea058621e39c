import 'server-only';
import { sql } from 'drizzle-orm';
import { execRows, getDb } from '@/db/client';
import { leads } from '@/db/schema';
import type { LeadFilter } from './lead-filters';
import { leadFilterWhere } from './lead-where';

/** Past this many matches the leads page says "more than 10,000" instead of counting on. */
export const MATCH_COUNT_CAP = 10_000;

export type MatchCount = { count: number; isCapped: boolean };

/**
 * How many leads a filter matches, for the leads page's "N leads match": exact up to
 * MATCH_COUNT_CAP, then capped. Counting a million matches costs 100-300 ms (docs/benchmarks/
 * leads-page.md); stopping at 10,001 keeps every filtered page under its budget.
 */
export async function countMatchingLeads(workspaceId: string, filter: LeadFilter): Promise<MatchCount> {
  const db = await getDb();
  const [row] = await execRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from (select 1 from ${leads} where ${leadFilterWhere(workspaceId, filter)} limit ${MATCH_COUNT_CAP + 1}) s`,
  );
  const n = Number(row?.n ?? 0);
  return n > MATCH_COUNT_CAP ? { count: MATCH_COUNT_CAP, isCapped: true } : { count: n, isCapped: false };
}
