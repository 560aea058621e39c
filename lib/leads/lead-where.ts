import 'server-only';
import { and, eq, sql, type SQL } from 'drizzle-orm';
import { leads, workspaces } from '@/db/schema';
import { foldSql } from '@/db/schema/search-fold';
import type { LeadFilter } from './lead-filters';

/** Fewer digits than this would match almost every phone number, so they only search names. */
export const MIN_PHONE_SEARCH_DIGITS = 3;

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (ch) => `\\${ch}`);

/** The query folded exactly as the generated search columns are (db/schema/search-fold.ts). */
const folded = (value: string): SQL => foldSql(sql`${value}::text`);

/**
 * Name or e-mail containing q, ignoring case and accents ("araujo" finds "Araújo"), or a phone
 * containing q's digits, so "+55 (21) 98765-0001", "21987650001" and "98765 0001" all find
 * +5521987650001. Both go through the trigram index on leads.search_text.
 */
function searchCondition(q: string): SQL {
  const digits = q.replace(/\D/g, '');
  const text = sql`${leads.searchText} like ${folded(`%${escapeLike(q)}%`)}`;
  if (digits.length < MIN_PHONE_SEARCH_DIGITS || digits === q) return text;
  return sql`(${text} or ${leads.searchText} like ${`%${digits}%`})`;
}

/** A lead whose whole name or e-mail is q (case and accents aside): the list shows these first. */
export function exactMatchCondition(q: string): SQL {
  return sql`${leads.searchKeys} @> array[${folded(q)}]`;
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
