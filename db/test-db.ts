import { randomBytes } from 'node:crypto';
import { env } from '@/lib/env';
import { openPglite, openPostgres, type DbHandle } from './client';

// Each test file gets a database of its own: PGlite in memory by default, or a fresh database
// on the PostgreSQL server named by TEST_DATABASE_URL, dropped afterwards.

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);

/** Refuses destructive test setup (create/drop databases) anywhere but this machine. */
export function assertLocalDatabaseUrl(url: string): URL {
  const parsed = new URL(url);
  if (!LOCAL_HOSTS.has(parsed.hostname)) {
    throw new Error(
      `Refusing to run destructive test setup against ${parsed.hostname}: TEST_DATABASE_URL must point at localhost.`,
    );
  }
  return parsed;
}

export type TestDbHandle = DbHandle & { url?: string };

export async function createTestDatabase(testDatabaseUrl = env().TEST_DATABASE_URL): Promise<TestDbHandle> {
  if (!testDatabaseUrl) {
    // Started from the migrated dump the global setup made, when there is one (db/test-pglite-template.ts).
    const { readPgliteTemplate } = await import('./test-pglite-template');
    return openPglite(undefined, { loadDataDir: readPgliteTemplate() });
  }
  const base = assertLocalDatabaseUrl(testDatabaseUrl);
  const name = `whatslab_t_${randomBytes(6).toString('hex')}`;
  const { default: postgres } = await import('postgres');
  const admin = postgres(base.toString(), { max: 1, onnotice: () => undefined });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = new URL(base.toString());
  url.pathname = `/${name}`;
  const handle = await openPostgres(url.toString(), { max: 20 });
  return {
    ...handle,
    url: url.toString(),
    close: async () => {
      await handle.close();
      const dropper = postgres(base.toString(), { max: 1, onnotice: () => undefined });
      await dropper.unsafe(`drop database if exists ${name} with (force)`);
      await dropper.end();
    },
  };
}

