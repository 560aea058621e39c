import 'server-only';
import { and, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { execRows, getDb, type Tx } from '@/db/client';
import { leads, type LeadSource, type LifecycleStatus, type MessageStatus } from '@/db/schema';
import { lenientShape, queryParam } from '@/lib/validation/query-param';
import { leadFilterShape, type LeadFilter, type LeadSort } from './lead-filters';
import { afterCursor, cursorColumns, decodeCursor, encodeCursor, parseCursorValues, sortOrder } from './lead-sorts';
import { leadFilterWhere, MIN_PHONE_SEARCH_DIGITS } from './lead-where';

export const LEADS_PAGE_SIZE = 50;

/** The leads page's GET form and links: the filter plus where the page starts. */
export const leadListQueryShape = {
  ...leadFilterShape,
  cursor: queryParam(z.string().max(8000, 'This page link is too long').optional()),
  dir: queryParam(z.enum(['next', 'prev'], { error: 'Use next or prev' }).optional()),
};
export const leadListQuerySchema = z.object(lenientShape(leadListQueryShape));
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
  lastInboundAt: Date | null;
  createdAt: Date;
  lastMessageStatus: MessageStatus | null;
};

export type LeadListPage = {
  rows: LeadListRow[];
  /** Each row's own cursor (the page after it), for the API's connection edges. */
  rowCursors: string[];
  sort: LeadSort;
  /** Cursor for the page after this one, or null on the last page. */
  nextCursor: string | null;
  /** Cursor for the page before this one, or null on the first page. */
  prevCursor: string | null;
  /** The cursor given was not one of ours (forged, stale, another sort): the first page is shown. */
  isCursorIgnored: boolean;
};

/** Up to this many matches, a filter is "selective": read its matches, then sort them. */
export const SELECTIVE_MATCHES = 1_000;

type Plan = 'planner' | 'walk-sort-index' | 'read-matches';

/**
 * Tag and text filters go through GIN indexes whose selectivity PostgreSQL guesses from
 * samples: a tag on 10 of a million leads can look like 25,000, and the planner then walks
 * the sort's index through the whole table looking for 50 rows (about a second), or reads
 * 25,000 matches of a common word to sort them. One cheap probe (bitmap scans only, stops
 * after SELECTIVE_MATCHES + 1 rows) tells which plan is right for this filter.
 */
async function choosePlan(tx: Tx, where: SQL, f: LeadFilter): Promise<Plan> {
  const q = f.q?.trim() ?? '';
  const searchUsesTrigrams = q.length >= 3 || q.replace(/\D/g, '').length >= MIN_PHONE_SEARCH_DIGITS;
  if (!f.tag && !q) return 'planner';
  // Under three characters there are no trigrams to look up: matches are common, walk.
  if (!f.tag && !searchUsesTrigrams) return 'walk-sort-index';
  await tx.execute(sql`set local enable_seqscan = off`);
  await tx.execute(sql`set local enable_indexscan = off`);
  await tx.execute(sql`set local enable_indexonlyscan = off`);
  const [{ n }] = await execRows<{ n: number }>(
    tx,
    sql`select count(*)::int as n from (select 1 from ${leads} where ${where} limit ${SELECTIVE_MATCHES + 1}) s`,
  );
  await tx.execute(sql`reset enable_seqscan`);
  await tx.execute(sql`reset enable_indexscan`);
  await tx.execute(sql`reset enable_indexonlyscan`);
  return Number(n) <= SELECTIVE_MATCHES ? 'read-matches' : 'walk-sort-index';
}

/**
 * One page of a workspace's filtered leads in the chosen sort, by keyset: the cursor is the
 * sort key of the row before the page, so a deep page costs the same as the first.
 */
export async function listLeads(
  workspaceId: string,
  query: LeadListQuery = {},
  opts: {
    pageSize?: number;
    /** The GraphQL API pages up to 200 rows; the page itself stays at LEADS_PAGE_SIZE. */
    maxPageSize?: number;
    /** Conditions the page has no control for (the API's tags, landing page, campaign, instants). */
    extraWhere?: SQL;
    /** The API reads last messages through its own loader: no per-row subquery then. */
    isLastMessageStatusSkipped?: boolean;
  } = {},
): Promise<LeadListPage> {
  const db = await getDb();
  const sort = query.sort ?? 'newest';
  const pageSize = Math.min(Math.max(opts.pageSize ?? LEADS_PAGE_SIZE, 1), opts.maxPageSize ?? LEADS_PAGE_SIZE);
  const cursor = decodeCursor(query.cursor, sort);
  const isPrev = cursor !== null && query.dir === 'prev';

  const where = opts.extraWhere ? and(leadFilterWhere(workspaceId, query), opts.extraWhere)! : leadFilterWhere(workspaceId, query);
  const conditions: SQL[] = [where];
  if (cursor) conditions.push(afterCursor(cursor, isPrev));

  const page$ = (q: typeof db | Tx) =>
    q
      .select({
        id: leads.id,
        name: leads.name,
        email: leads.email,
        phoneE164: leads.phoneE164,
        source: leads.source,
        tags: leads.tags,
        lifecycleStatus: leads.lifecycleStatus,
        optedOutAt: leads.optedOutAt,
        lastInboundAt: leads.lastInboundAt,
        createdAt: leads.createdAt,
        cursorValues: sql<string[]>`${cursorColumns(sort)}`,
        // Written out with aliases: in a one-table select Drizzle leaves columns unqualified, and
        // "id" inside the subquery would then mean messages.id.
        lastMessageStatus: opts.isLastMessageStatusSkipped
          ? sql<null>`null`
          : sql<MessageStatus | null>`(
              select m.status from messages m
              where m.lead_id = "leads"."id" and m.workspace_id = ${workspaceId}
              order by m.created_at desc limit 1)`,
      })
      .from(leads)
      .where(and(...conditions))
      .orderBy(sortOrder(sort, isPrev))
      .limit(pageSize + 1);

  // The plan is only chosen for tag and text filters; without them one plain statement
  // (no transaction: the API and the page call this on every request).
  const isPlanned = Boolean(query.tag || query.q?.trim());
  const fetched = !isPlanned
    ? await page$(db)
    : await db.transaction(async (tx) => {
        const plan = await choosePlan(tx, where, query);
        // SET LOCAL: the choice ends with this transaction.
        if (plan === 'walk-sort-index') await tx.execute(sql`set local enable_bitmapscan = off`);
        if (plan === 'read-matches') {
          await tx.execute(sql`set local enable_indexscan = off`);
          await tx.execute(sql`set local enable_indexonlyscan = off`);
        }
        return page$(tx);
      });

  const hasMore = fetched.length > pageSize;
  const page = fetched.slice(0, pageSize);
  if (isPrev) page.reverse();

  const first = page[0];
  const last = page[page.length - 1];
  // Walking forward, a cursor means an earlier page exists; walking back, a later one does.
  const hasEarlier = isPrev ? hasMore : cursor !== null;
  const hasLater = isPrev ? true : hasMore;
  const toCursor = (values: unknown) => encodeCursor({ sort, values: parseCursorValues(values) });

  return {
    rows: page.map(({ cursorValues, ...rest }) => {
      void cursorValues;
      return rest;
    }),
    rowCursors: page.map((r) => toCursor(r.cursorValues)),
    sort,
    nextCursor: hasLater && last ? toCursor(last.cursorValues) : null,
    prevCursor: hasEarlier && first ? toCursor(first.cursorValues) : null,
    isCursorIgnored: Boolean(query.cursor) && cursor === null,
  };
}

