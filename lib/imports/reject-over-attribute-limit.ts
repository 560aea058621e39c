import 'server-only';
import { sql } from 'drizzle-orm';
import { execRows, type Tx } from '@/db/client';
import { MAX_ATTRIBUTES } from '@/lib/leads/schema';
import type { PreparedLead, PreparedRejection } from './prepare-import-rows';
import type { ExistingLeadPolicy } from './schema';

/**
 * Leads whose attributes, merged with what the lead already holds, would pass the lead form's
 * limit are refused row by row: the mapping alone keeps a new lead within it, but an existing
 * lead may already hold most of its attributes. Returns the leads that fit.
 */
export async function rejectOverAttributeLimit(
  tx: Tx,
  workspaceId: string,
  policy: ExistingLeadPolicy,
  leads: PreparedLead[],
  rejections: PreparedRejection[],
): Promise<PreparedLead[]> {
  // With "skip" existing leads are not written; new leads hold only the mapping's keys.
  const withAttrs = leads.filter((l) => Object.keys(l.attrs).length > 0);
  if (policy === 'skip' || withAttrs.length === 0) return leads;
  const stored = await execRows<{ phone_e164: string; keys: string[] }>(
    tx,
    sql`select phone_e164, array(select jsonb_object_keys(attributes)) as keys from leads
        where workspace_id = ${workspaceId} and attributes <> '{}'::jsonb
          and phone_e164 = any(string_to_array(${withAttrs.map((l) => l.phone).join(',')}, ','))`,
  );
  if (stored.length === 0) return leads;
  const keysOf = new Map(stored.map((s) => [s.phone_e164, s.keys]));
  return leads.filter((l) => {
    const keys = keysOf.get(l.phone);
    if (!keys) return true;
    const total = new Set([...keys, ...Object.keys(l.attrs)]).size;
    if (total <= MAX_ATTRIBUTES) return true;
    rejections.push({
      rn: l.rn,
      kind: 'invalid',
      reason: `the lead would have ${total} attributes; a lead holds at most ${MAX_ATTRIBUTES}`,
      values: l.raw,
    });
    return false;
  });
}
