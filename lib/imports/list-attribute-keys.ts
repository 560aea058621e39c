import 'server-only';
import { sql } from 'drizzle-orm';
import { execRows, getDb } from '@/db/client';

/** Leads sampled (the newest) for the attribute keys the mapper offers: one index walk, not a scan. */
const SAMPLE = 2_000;

/**
 * Attribute keys the workspace's leads already use (from the newest leads), so that a column
 * such as "Cidade" can feed an existing key (`attr.city`) rather than a new one.
 */
export async function listAttributeKeys(workspaceId: string, limit = 50): Promise<string[]> {
  const db = await getDb();
  const rows = await execRows<{ k: string }>(
    db,
    sql`select distinct k from (
          select attributes from leads where workspace_id = ${workspaceId} order by created_at desc, id desc limit ${SAMPLE}
        ) l cross join lateral jsonb_object_keys(l.attributes) as k
        order by k limit ${limit}`,
  );
  return rows.map((r) => r.k).filter((k) => /^[a-z0-9_]{1,64}$/.test(k));
}
