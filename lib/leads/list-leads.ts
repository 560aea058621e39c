import 'server-only';
import { and, asc, desc, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { queryParam } from '@/lib/validation/query-param';
import { LEAD_SOURCES, leads, type LeadSource, type LifecycleStatus, type MessageStatus } from '@/db/schema';

export const LEADS_PAGE_SIZE = 50;
/** Fewer digits than this would match almost every phone number, so they only search names. */
export const MIN_PHONE_SEARCH_DIGITS = 3;

/** The leads page's GET form and links; anything unexpected is dropped rather than an error. */
export const leadListQuerySchema = z.object({
  q: queryParam(z.string().trim().max(100).optional()).catch(undefined),
  source: queryParam(z.enum(LEAD_SOURCES).optional()).catch(undefined),
  cursor: queryParam(z.string().max(200).optional()).catch(undefined),
  dir: queryParam(z.enum(['next', 'prev']).optional()).catch(undefined),
});
export type LeadListQuery = z.infer<typeof leadListQuerySchema>;

export type LeadListRow = {
  id: string;
  name: string | null;
  email: string | null;
  phoneE164: string;
  source: LeadSource;
  tags: string[];
  lifecycleStatus: LifecycleStatus;
  optedOutAt: Date | null;
  createdAt: Date;
  lastMessageStatus: MessageStatus | null;
};

export type LeadListPage = {
  rows: LeadListRow[];
  /** Cursor for the page after this one (older leads), or null on the last page. */
  nextCursor: string | null;
  /** Cursor for the page before this one (newer leads), or null on the first page. */
  prevCursor: string | null;
};

type Cursor = { ts: string; id: string };

// The cursor carries created_at as PostgreSQL text with microseconds: a JS Date keeps only
// milliseconds, and rounding would skip or repeat rows created within the same millisecond.
export function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify([c.ts, c.id])).toString('base64url');
}

export function decodeCursor(value: string | undefined): Cursor | null {
  if (!value) return null;
  try {
    const parsed = z
      .tuple([z.string().regex(/^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/), z.uuid()])
      .safeParse(JSON.parse(Buffer.from(value, 'base64url').toString('utf8')));
    return parsed.success ? { ts: parsed.data[0], id: parsed.data[1] } : null;
  } catch {
    return null;
  }
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (ch) => `\\${ch}`);

function searchCondition(q: string): SQL | undefined {
  const pattern = `%${escapeLike(q)}%`;
  const digits = q.replace(/\D/g, '');
  return or(
    ilike(leads.name, pattern),
    ilike(leads.email, pattern),
    digits.length >= MIN_PHONE_SEARCH_DIGITS ? sql`${leads.phoneE164} like ${`%${digits}%`}` : undefined,
  );
}

/** One page of a workspace's leads, newest first (keyset: created_at desc, id desc). */
export async function listLeads(
  workspaceId: string,
  query: LeadListQuery = {},
  opts: { pageSize?: number } = {},
): Promise<LeadListPage> {
  const db = await getDb();
  const pageSize = Math.min(Math.max(opts.pageSize ?? LEADS_PAGE_SIZE, 1), LEADS_PAGE_SIZE);
  const cursor = decodeCursor(query.cursor);
  const isPrev = cursor !== null && query.dir === 'prev';

  const conditions: (SQL | undefined)[] = [eq(leads.workspaceId, workspaceId)];
  if (query.q) conditions.push(searchCondition(query.q));
  if (query.source) conditions.push(eq(leads.source, query.source));
  if (cursor) {
    const op = isPrev ? sql`>` : sql`<`;
    conditions.push(sql`(${leads.createdAt}, ${leads.id}) ${op} (${cursor.ts}::timestamptz, ${cursor.id}::uuid)`);
  }

  const fetched = await db
    .select({
      id: leads.id,
      name: leads.name,
      email: leads.email,
      phoneE164: leads.phoneE164,
      source: leads.source,
      tags: leads.tags,
      lifecycleStatus: leads.lifecycleStatus,
      optedOutAt: leads.optedOutAt,
      createdAt: leads.createdAt,
      cursorTs: sql<string>`to_char(${leads.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
      // Written out with aliases: in a one-table select Drizzle leaves columns unqualified, and
      // "id" inside the subquery would then mean messages.id.
      lastMessageStatus: sql<MessageStatus | null>`(
        select m.status from messages m
        where m.lead_id = "leads"."id" and m.workspace_id = ${workspaceId}
        order by m.created_at desc limit 1)`,
    })
    .from(leads)
    .where(and(...conditions))
    .orderBy(...(isPrev ? [asc(leads.createdAt), asc(leads.id)] : [desc(leads.createdAt), desc(leads.id)]))
    .limit(pageSize + 1);

  const hasMore = fetched.length > pageSize;
  const page = fetched.slice(0, pageSize);
  if (isPrev) page.reverse();

  const first = page[0];
  const last = page[page.length - 1];
  // Walking forward, a cursor means a newer page exists; walking back, an older one does.
  const hasNewer = isPrev ? hasMore : cursor !== null;
  const hasOlder = isPrev ? true : hasMore;

  return {
    rows: page.map((row) => {
      const { cursorTs, ...rest } = row;
      void cursorTs;
      return rest;
    }),
    nextCursor: hasOlder && last ? encodeCursor({ ts: last.cursorTs, id: last.id }) : null,
    prevCursor: hasNewer && first ? encodeCursor({ ts: first.cursorTs, id: first.id }) : null,
  };
}
