import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { leads } from '@/db/schema';
import { hasNoNul, isId, isUtcTimestamp } from '@/lib/validation/strict-values';
import type { LeadSort } from './lead-filters';

// Keyset pagination per sort: each sort is a tuple of keys ending in the id (unique), in one
// direction, matching one btree index in db/schema/leads.ts so that any page, however deep,
// is an index range scan of page-size rows.

// isValid is strict: a cursor is a URL value anyone can forge, and a value PostgreSQL cannot
// cast (9999-99-99T99:99:99Z, year 0000, a NUL) must not reach it.
type Key = { expr: SQL; text: SQL; cast: SQL; isValid: (value: string) => boolean };
type SortSpec = { dir: 'asc' | 'desc'; nulls: 'first' | 'last'; keys: Key[] };


// Timestamps travel as PostgreSQL text with microseconds: a JS Date keeps only milliseconds,
// and rounding would skip or repeat rows created within the same millisecond.
const tsKey = (expr: SQL): Key => ({
  expr,
  text: sql`to_char(${expr} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
  cast: sql`timestamptz`,
  isValid: isUtcTimestamp,
});
const idKey: Key = { expr: sql`${leads.id}`, text: sql`${leads.id}::text`, cast: sql`uuid`, isValid: isId };

const SORTS: Record<LeadSort, SortSpec> = {
  newest: { dir: 'desc', nulls: 'last', keys: [tsKey(sql`${leads.createdAt}`), idKey] },
  oldest: { dir: 'asc', nulls: 'first', keys: [tsKey(sql`${leads.createdAt}`), idKey] },
  // Unnamed leads go last rather than first ("" sorts before every name).
  name: {
    dir: 'asc',
    nulls: 'last',
    keys: [
      { expr: sql`(${leads.name} is null)`, text: sql`(${leads.name} is null)::text`, cast: sql`boolean`, isValid: (v) => v === 'true' || v === 'false' },
      { expr: sql`coalesce(${leads.name}, '')`, text: sql`coalesce(${leads.name}, '')`, cast: sql`text`, isValid: (v) => v.length <= 1000 && hasNoNul(v) },
      idKey,
    ],
  },
  // Last activity: the later of sign-up and the lead's last message to us.
  activity: { dir: 'desc', nulls: 'last', keys: [tsKey(sql`greatest(${leads.createdAt}, ${leads.lastInboundAt})`), idKey] },
};

/**
 * A search lists exact matches first, then the rest (lib/leads/list-leads.ts): `tier` says which
 * of the two lists the row belongs to (0 when absent, and always 0 without a search).
 */
export type Cursor = { sort: LeadSort; values: string[]; tier?: 0 | 1 };

const REST_SUFFIX = ':rest';

export function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify([c.tier === 1 ? `${c.sort}${REST_SUFFIX}` : c.sort, ...c.values])).toString('base64url');
}

/** A cursor of this sort, or null for anything else (tampered, stale, from another sort). */
export function decodeCursor(value: string | undefined, sort: LeadSort): Cursor | null {
  if (!value) return null;
  try {
    const parsed = z.array(z.string()).safeParse(JSON.parse(Buffer.from(value, 'base64url').toString('utf8')));
    if (!parsed.success) return null;
    const [head, ...values] = parsed.data;
    const tier = head === `${sort}${REST_SUFFIX}` ? 1 : 0;
    const keys = SORTS[sort].keys;
    if ((head !== sort && tier === 0) || values.length !== keys.length) return null;
    return keys.every((k, i) => k.isValid(values[i])) ? { sort, values, ...(tier === 1 ? { tier } : {}) } : null;
  } catch {
    return null;
  }
}

/** Columns to select so that a row can become a cursor. */
export function cursorColumns(sort: LeadSort): SQL {
  return sql`json_build_array(${sql.join(SORTS[sort].keys.map((k) => k.text), sql`, `)})`;
}

/** Rows strictly after (forward) or before (backward) the cursor in this sort's order. */
export function afterCursor(cursor: Cursor, backward: boolean): SQL {
  const spec = SORTS[cursor.sort];
  const forwardOp = spec.dir === 'desc' ? sql`<` : sql`>`;
  const op = backward ? (spec.dir === 'desc' ? sql`>` : sql`<`) : forwardOp;
  const left = sql.join(spec.keys.map((k) => k.expr), sql`, `);
  // Through text first: postgres.js serialises a parameter by the type the server infers, and
  // its boolean and timestamp serialisers would turn the string 'true' into false and drop
  // the microseconds.
  const right = sql.join(spec.keys.map((k, i) => sql`${cursor.values[i]}::text::${k.cast}`), sql`, `);
  return sql`(${left}) ${op} (${right})`;
}

/** ORDER BY of the sort, or its exact reverse when walking back (the same index, backwards). */
export function sortOrder(sort: LeadSort, backward: boolean): SQL {
  const spec = SORTS[sort];
  const dir = backward ? (spec.dir === 'desc' ? sql`asc` : sql`desc`) : sql.raw(spec.dir);
  const nulls = backward ? (spec.nulls === 'last' ? sql`nulls first` : sql`nulls last`) : sql.raw(`nulls ${spec.nulls}`);
  return sql.join(spec.keys.map((k) => sql`${k.expr} ${dir} ${nulls}`), sql`, `);
}

/** The cursorColumns() value of a row (json, parsed by both drivers; be strict anyway). */
export function parseCursorValues(values: unknown): string[] {
  const arr = typeof values === 'string' ? (JSON.parse(values) as unknown) : values;
  return z.array(z.string()).parse(arr);
}
