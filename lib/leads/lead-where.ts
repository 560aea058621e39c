import 'server-only';
import { and, eq, sql, type SQL } from 'drizzle-orm';
import { leads, workspaces } from '@/db/schema';
import type { LeadFilter } from './lead-filters';

/** Fewer digits than this would match almost every phone number, so they only search names. */
export const MIN_PHONE_SEARCH_DIGITS = 3;

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (ch) => `\\${ch}`);

// The exact expression of the trigram index leads_search_trgm (db/schema/leads.ts): the
// planner only uses the index when the query repeats it.
const SEARCH_TEXT = sql`(coalesce(${leads.name}, '') || ' ' || coalesce(${leads.email}, '') || ' ' || ${leads.phoneE164})`;

/**
 * Name or e-mail containing q (case-insensitive), or a phone containing q's digits, so
 * "+55 (21) 98765-0001", "21987650001" and "98765 0001" all find +5521987650001.
 */
function searchCondition(q: string): SQL {
  const digits = q.replace(/\D/g, '');
  const text = sql`${SEARCH_TEXT} ilike ${`%${escapeLike(q)}%`}`;
  if (digits.length < MIN_PHONE_SEARCH_DIGITS || digits === q) return text;
  return sql`(${text} or ${SEARCH_TEXT} like ${`%${digits}%`})`;
}

/** A calendar day in the workspace's time zone, as the instant it starts. */
function startOfDay(workspaceId: string, day: string, plusDays = 0): SQL {
  return sql`((${day}::text::date + ${plusDays}::int)::timestamp at time zone (select ${workspaces.timezone} from ${workspaces} where ${workspaces.id} = ${workspaceId}))`;
}

/** The where clause of a filtered lead list: always scoped to one workspace. */
export function leadFilterWhere(workspaceId: string, f: LeadFilter): SQL {
  const conditions: (SQL | undefined)[] = [eq(leads.workspaceId, workspaceId)];
  if (f.q) conditions.push(searchCondition(f.q));
  if (f.source) conditions.push(eq(leads.source, f.source));
  if (f.tag) conditions.push(sql`${leads.tags} @> array[${f.tag}]::text[]`);
  if (f.status) conditions.push(eq(leads.lifecycleStatus, f.status));
  if (f.createdFrom) conditions.push(sql`${leads.createdAt} >= ${startOfDay(workspaceId, f.createdFrom)}`);
  // "To" is inclusive: everything before the start of the next day.
  if (f.createdTo) conditions.push(sql`${leads.createdAt} < ${startOfDay(workspaceId, f.createdTo, 1)}`);
  if (f.optedOut === 'yes') conditions.push(sql`${leads.optedOutAt} is not null`);
  if (f.optedOut === 'no') conditions.push(sql`${leads.optedOutAt} is null`);
  // last_inbound_at is set by every inbound message (lib/webhooks/record-inbound-message.ts).
  if (f.replied === 'yes') conditions.push(sql`${leads.lastInboundAt} is not null`);
  if (f.replied === 'no') conditions.push(sql`${leads.lastInboundAt} is null`);
  return and(...conditions)!;
}
