import { afterAll, beforeAll } from 'vitest';
import { getDbHandle, peekDbHandle, setDbFactoryForTests } from '@/db/client';
import { createTestDatabase, type TestDbHandle } from '@/db/test-db';

// Every test file that touches the database gets its own fresh, migrated one (db/test-db.ts),
// opened on first use so pure unit tests pay nothing.
beforeAll(() => {
  setDbFactoryForTests(() => createTestDatabase());
});

afterAll(async () => {
  const opened = peekDbHandle();
  setDbFactoryForTests(undefined);
  if (opened) await (await opened).close();
});

/** The current test file's database handle (`url` is set on the PostgreSQL server). */
export async function testDb(): Promise<TestDbHandle> {
  return (await getDbHandle()) as TestDbHandle;
}
