import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { execRows, getDb, pendingMigrations } from './client';
import { assertLocalDatabaseUrl } from './test-db';

describe('database module', () => {
  it('opens a migrated database with no pending migrations', async () => {
    const db = await getDb();
    expect(await pendingMigrations(db)).toEqual([]);
    const rows = await execRows<{ n: number }>(db, sql`select count(*)::int as n from workspaces`);
    expect(rows[0].n).toBeGreaterThanOrEqual(0);
  });

  it('refuses destructive test setup against a non-local server', () => {
    expect(() => assertLocalDatabaseUrl('postgres://u@db.example.supabase.co:5432/postgres')).toThrow(/Refusing/);
    expect(assertLocalDatabaseUrl('postgres://postgres@127.0.0.1:5432/test').hostname).toBe('127.0.0.1');
  });
});
