import 'server-only';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { sql, type SQL } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { env } from '@/lib/env';
import { acquireDirectoryLock } from './lock';
import * as schema from './schema';

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;
export type Driver = 'pglite' | 'postgres';

export type DbHandle = { db: Db; driver: Driver; close: () => Promise<void> };

export const MIGRATIONS_FOLDER = path.join(process.cwd(), 'drizzle');
const MIGRATION_LOCK_ID = 7_130_404_211;

type QueryListener = (query: string, params: unknown[]) => void;
const queryListeners = new Set<QueryListener>();
// Drizzle calls this for every statement it sends (inside transactions too), on both drivers:
// tests count statements with it (the GraphQL N+1 guard). No listener, no cost beyond a loop.
const queryLogger = {
  logQuery(query: string, params: unknown[]) {
    for (const listener of queryListeners) listener(query, params);
  },
};

/** Calls `listener` with each SQL statement Drizzle sends until the returned stop is called. */
export function watchQueries(listener: QueryListener): () => void {
  queryListeners.add(listener);
  return () => queryListeners.delete(listener);
}

/**
 * Opens PGlite (a directory, or memory when dir is undefined) and applies pending migrations.
 * `loadDataDir`: start from a dump of a database (db/test-pglite-template.ts) instead of an initdb.
 */
export async function openPglite(dir: string | undefined, opts: { migrate?: boolean; loadDataDir?: Blob } = {}): Promise<DbHandle> {
  const release = dir ? acquireDirectoryLock(dir) : () => undefined;
  try {
    const { PGlite } = await import('@electric-sql/pglite');
    const { drizzle } = await import('drizzle-orm/pglite');
    // pg_trgm backs the leads search index (migration 0003); the server ships it as contrib.
    const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
    const client: PGlite = new PGlite({ dataDir: dir, loadDataDir: opts.loadDataDir, extensions: { pg_trgm } });
    await client.waitReady;
    const db = drizzle({ client, schema, logger: queryLogger }) as unknown as Db;
    if (opts.migrate !== false) {
      const { migrate } = await import('drizzle-orm/pglite/migrator');
      await migrate(db as never, { migrationsFolder: MIGRATIONS_FOLDER });
    }
    return {
      db,
      driver: 'pglite',
      close: async () => {
        await client.close();
        release();
      },
    };
  } catch (err) {
    release();
    throw err;
  }
}

/** Connects to a PostgreSQL server and (by default) applies pending migrations under a lock. */
export async function openPostgres(url: string, opts: { migrate?: boolean; max?: number } = {}): Promise<DbHandle> {
  const { default: postgres } = await import('postgres');
  const { drizzle } = await import('drizzle-orm/postgres-js');
  if (opts.migrate !== false) await migratePostgres(url);
  // prepare:false keeps us compatible with transaction-mode poolers (Supabase's port 6543).
  const client = postgres(url, { max: opts.max ?? env().DATABASE_POOL_MAX, prepare: false, onnotice: () => undefined });
  const db = drizzle({ client, schema, logger: queryLogger }) as unknown as Db;
  return { db, driver: 'postgres', close: () => client.end({ timeout: 5 }) };
}

/** Applies pending migrations; several processes starting at once take turns (advisory lock). */
export async function migratePostgres(url: string): Promise<void> {
  const { default: postgres } = await import('postgres');
  const { drizzle } = await import('drizzle-orm/postgres-js');
  const { migrate } = await import('drizzle-orm/postgres-js/migrator');
  const client = postgres(url, { max: 1, prepare: false, onnotice: () => undefined });
  try {
    await client`select pg_advisory_lock(${MIGRATION_LOCK_ID})`;
    await migrate(drizzle({ client }), { migrationsFolder: MIGRATIONS_FOLDER });
    await client`select pg_advisory_unlock(${MIGRATION_LOCK_ID})`;
  } finally {
    await client.end({ timeout: 5 });
  }
}

const state = globalThis as unknown as {
  __whatslabDb?: Promise<DbHandle>;
  __whatslabDbFactory?: () => Promise<DbHandle>;
};

/** The process-wide database (survives dev hot reload). */
export function getDbHandle(): Promise<DbHandle> {
  if (!state.__whatslabDb) {
    const e = env();
    const factory = state.__whatslabDbFactory;
    state.__whatslabDb = factory ? factory() : e.DATABASE_URL ? openPostgres(e.DATABASE_URL) : openPglite(e.pgliteDir);
    // A failed open must not be cached forever (e.g. the server was briefly down).
    state.__whatslabDb.catch(() => {
      state.__whatslabDb = undefined;
    });
  }
  return state.__whatslabDb;
}

export async function getDb(): Promise<Db> {
  return (await getDbHandle()).db;
}

/** Tests point the whole app at their own database, opened on first use. */
export function setDbFactoryForTests(factory: (() => Promise<DbHandle>) | undefined): void {
  state.__whatslabDbFactory = factory;
  state.__whatslabDb = undefined;
}

/** The handle if one was opened, without opening one. */
export function peekDbHandle(): Promise<DbHandle> | undefined {
  return state.__whatslabDb;
}

/** Raw SQL rows on both drivers (postgres.js returns an array, PGlite `{ rows }`). */
export async function execRows<T = Record<string, unknown>>(db: DbOrTx, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown;
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

/** Which migrations in drizzle/ the database has not applied yet. */
export async function pendingMigrations(db: Db): Promise<string[]> {
  const journal = JSON.parse(readFileSync(path.join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8')) as {
    entries: { tag: string; when: number }[];
  };
  let applied: { created_at: string | number }[] = [];
  try {
    applied = await execRows(db, sql`select created_at from drizzle.__drizzle_migrations`);
  } catch {
    return journal.entries.map((e) => e.tag);
  }
  const done = new Set(applied.map((r) => Number(r.created_at)));
  return journal.entries.filter((e) => !done.has(e.when)).map((e) => e.tag);
}
