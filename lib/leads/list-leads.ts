import 'server-only';
import { and, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { execRows, getDb, type DbOrTx, type Tx } from '@/db/client';
import { leads, type LeadSource, type LifecycleStatus, type MessageStatus } from '@/db/schema';
import { lenientShape, queryParam } from '@/lib/validation/query-param';
import { leadFilterShape, type LeadFilter, type LeadSort } from './lead-filters';
import { afterCursor, cursorColumns, decodeCursor, encodeCursor, parseCursorValues, sortOrder } from './lead-sorts';
import { exactMatchCondition, leadFilterWhere, MIN_PHONE_SEARCH_DIGITS } from './lead-where';

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

/** SET LOCAL of several planner settings in one round trip (they end with the transaction). */
async function setLocal(tx: Tx, settings: Record<string, 'on' | 'off'>): Promise<void> {
  const calls = Object.entries(settings).map(([name, value]) => sql`set_config(${name}, ${value}, true)`);
  await tx.execute(sql`select ${sql.join(calls, sql`, `)}`);
}

/**
 * Tag and text filters go through GIN indexes whose selectivity PostgreSQL guesses from
 * samples: a tag on 10 of a million leads can look like 25,000, and the planner then walks
 * the sort's index through the whole table looking for 50 rows (about a second), or reads
 * 25,000 matches of a common word to sort them. One cheap probe (bitmap scans only, stops
 * after SELECTIVE_MATCHES + 1 rows) tells which plan is right for this filter. `isIndexed`:
 * the where holds a GIN condition whatever the filter (the exact-match keys).
 */
async function choosePlan(tx: Tx, where: SQL, f: LeadFilter, isIndexed = false): Promise<Plan> {
  const q = f.q?.trim() ?? '';
  const searchUsesTrigrams = q.length >= 3 || q.replace(/\D/g, '').length >= MIN_PHONE_SEARCH_DIGITS;
  if (!isIndexed) {
    if (!f.tag && !q) return 'planner';
    // Under three characters there are no trigrams to look up: matches are common, walk.
    if (!f.tag && !searchUsesTrigrams) return 'walk-sort-index';
  }
  await setLocal(tx, { enable_seqscan: 'off', enable_indexscan: 'off', enable_indexonlyscan: 'off' });
  const [{ n }] = await execRows<{ n: number }>(
    tx,
    sql`select count(*)::int as n from (select 1 from ${leads} where ${where} limit ${SELECTIVE_MATCHES + 1}) s`,
  );
  await setLocal(tx, { enable_seqscan: 'on', enable_indexscan: 'on', enable_indexonlyscan: 'on' });
  return Number(n) <= SELECTIVE_MATCHES ? 'read-matches' : 'walk-sort-index';
}

type Tier = { where: SQL; isIndexed: boolean };

/**
 * A search lists whole-name or whole-e-mail matches first ("Bruno Silva CSV1" before
 * "Bruno Silva CSV1201"), then every other match: two keyset lists one after the other, each
 * in the chosen sort. The exact list does not need the substring condition (an exact match
 * contains q), so it is a lookup in the keys index even for a one-letter search.
 */
function tiersOf(workspaceId: string, query: LeadListQuery, extraWhere: SQL | undefined): Tier[] {
  const where = and(leadFilterWhere(workspaceId, query), extraWhere)!;
  const q = query.q?.trim();
  if (!q) return [{ where, isIndexed: false }];
  const exact = exactMatchCondition(q);
  return [
    { where: and(leadFilterWhere(workspaceId, { ...query, q: undefined }), extraWhere, exact)!, isIndexed: true },
    { where: and(where, sql`not (${exact})`)!, isIndexed: false },
  ];
}

/**
 * One page of a workspace's filtered leads in the chosen sort, by keyset: the cursor is the
 * sort key of the row before the page (and which tier it is in), so a deep page costs the
 * same as the first.
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
  const sort = query.sort ?? 'newest';
  const pageSize = Math.min(Math.max(opts.pageSize ?? LEADS_PAGE_SIZE, 1), opts.maxPageSize ?? LEADS_PAGE_SIZE);
  const tiers = tiersOf(workspaceId, query, opts.extraWhere);
  const decoded = decodeCursor(query.cursor, sort);
  // A "rest" cursor in a list without a search is a stale link: start over.
  const cursor = decoded && (decoded.tier ?? 0) < tiers.length ? decoded : null;
  const isPrev = cursor !== null && query.dir === 'prev';
  const cursorTier = cursor?.tier ?? 0;

  // Forward: from the cursor's tier onwards; backward: from it back to the first.
  const order = tiers.map((_, i) => i).filter((i) => (isPrev ? i <= cursorTier : i >= cursorTier));
  if (isPrev) order.reverse();
  const fetched: (FetchedRow & { tier: 0 | 1 })[] = [];
  for (const t of order) {
    const want = pageSize + 1 - fetched.length;
    if (want <= 0) break;
    const conditions = [tiers[t].where];
    if (cursor && t === cursorTier) conditions.push(afterCursor(cursor, isPrev));
    const rows = await fetchTier(and(...conditions)!, query, tiers[t].isIndexed, { workspaceId, sort, isPrev, limit: want, isLastMessageStatusSkipped: opts.isLastMessageStatusSkipped });
    fetched.push(...rows.map((r) => ({ ...r, tier: t as 0 | 1 })));
  }

  const hasMore = fetched.length > pageSize;
  const page = fetched.slice(0, pageSize);
  if (isPrev) page.reverse();

  const first = page[0];
  const last = page[page.length - 1];
  // Walking forward, a cursor means an earlier page exists; walking back, a later one does.
  const hasEarlier = isPrev ? hasMore : cursor !== null;
  const hasLater = isPrev ? true : hasMore;
  const toCursor = (r: (typeof page)[number]) =>
    encodeCursor({ sort, values: parseCursorValues(r.cursorValues), ...(r.tier === 1 ? { tier: 1 as const } : {}) });

  return {
    rows: page.map(({ cursorValues, tier, ...rest }) => {
      void cursorValues;
      void tier;
      return rest;
    }),
    rowCursors: page.map(toCursor),
    sort,
    nextCursor: hasLater && last ? toCursor(last) : null,
    prevCursor: hasEarlier && first ? toCursor(first) : null,
    isCursorIgnored: Boolean(query.cursor) && cursor === null,
  };
}

type FetchedRow = LeadListRow & { cursorValues: string[] };

/** Up to `limit` rows of one tier in the sort's order (or its reverse), with the plan it needs. */
async function fetchTier(
  where: SQL,
  query: LeadListQuery,
  isIndexed: boolean,
  p: { workspaceId: string; sort: LeadSort; isPrev: boolean; limit: number; isLastMessageStatusSkipped?: boolean },
): Promise<FetchedRow[]> {
  const db = await getDb();
  const page$ = (q: DbOrTx) =>
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
        cursorValues: sql<string[]>`${cursorColumns(p.sort)}`,
        // Written out with aliases: in a one-table select Drizzle leaves columns unqualified, and
        // "id" inside the subquery would then mean messages.id.
        lastMessageStatus: p.isLastMessageStatusSkipped
          ? sql<null>`null`
          : sql<MessageStatus | null>`(
              select m.status from messages m
              where m.lead_id = "leads"."id" and m.workspace_id = ${p.workspaceId}
              order by m.created_at desc limit 1)`,
      })
      .from(leads)
      .where(where)
      .orderBy(sortOrder(p.sort, p.isPrev))
      .limit(p.limit);

  // The plan is only chosen for tag and text filters; without them one plain statement
  // (no transaction: the API and the page call this on every request).
  if (!query.tag && !query.q?.trim()) return page$(db);
  return db.transaction(async (tx) => {
    const plan = await choosePlan(tx, where, query, isIndexed);
    // SET LOCAL: the choice ends with this transaction.
    if (plan === 'walk-sort-index') await setLocal(tx, { enable_bitmapscan: 'off' });
    if (plan === 'read-matches') await setLocal(tx, { enable_indexscan: 'off', enable_indexonlyscan: 'off' });
    return page$(tx);
  });
}
