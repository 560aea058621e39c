import 'server-only';
import { sql } from 'drizzle-orm';
import { execRows, getDb } from '@/db/client';
import type { FieldCoverage } from './validate-template';

const MAX_ATTRIBUTE_KEYS = 200;

export type FieldCoverageWithKeys = FieldCoverage & { attributeKeys: string[] };

/**
 * How many of the workspace's leads lack each field a message can use: the basis of the
 * "missing fallback for a field many leads lack" check. Attribute keys come from the leads.
 */
export async function getFieldCoverage(workspaceId: string): Promise<FieldCoverageWithKeys> {
  const db = await getDb();
  const [totals] = await execRows<{ total: number; no_name: number; no_last: number; no_email: number }>(
    db,
    sql`select count(*)::int as total,
          count(*) filter (where coalesce(btrim(name), '') = '')::int as no_name,
          count(*) filter (where btrim(coalesce(name, '')) !~ '[[:space:]]')::int as no_last,
          count(*) filter (where coalesce(btrim(email), '') = '')::int as no_email
        from leads where workspace_id = ${workspaceId}`,
  );
  const attrs = await execRows<{ key: string; n: number }>(
    db,
    sql`select e.key, count(*)::int as n
        from leads, jsonb_each_text(leads.attributes) e
        where leads.workspace_id = ${workspaceId} and btrim(e.value) <> ''
        group by e.key order by count(*) desc, e.key limit ${MAX_ATTRIBUTE_KEYS}`,
  );
  const total = Number(totals?.total ?? 0);
  const missing: Record<string, number> = {
    first_name: Number(totals?.no_name ?? 0),
    name: Number(totals?.no_name ?? 0),
    last_name: Number(totals?.no_last ?? 0),
    email: Number(totals?.no_email ?? 0),
    phone: 0,
  };
  for (const a of attrs) missing[`attr.${a.key}`] = total - Number(a.n);
  return { totalLeads: total, missing, attributeKeys: attrs.map((a) => a.key).sort() };
}
