import 'server-only';
import { sql } from 'drizzle-orm';
import { execRows, getDb } from '@/db/client';

export const TAG_OPTIONS_LIMIT = 200;

/** The tags used on this workspace's leads, most used first: the choices of a segment's tag filter. */
export async function listLeadTags(workspaceId: string): Promise<{ tag: string; count: number }[]> {
  const db = await getDb();
  const rows = await execRows<{ tag: string; n: number }>(
    db,
    sql`select t.tag, count(*)::int as n from leads l cross join lateral unnest(l.tags) as t(tag)
         where l.workspace_id = ${workspaceId}::uuid
         group by t.tag order by n desc, t.tag limit ${TAG_OPTIONS_LIMIT}::int`,
  );
  return rows.map((r) => ({ tag: r.tag, count: Number(r.n) }));
}
