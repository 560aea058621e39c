import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { execRows, setDbFactoryForTests } from '@/db/client';
import { dispatchOnce } from '@/lib/dispatch/run-dispatcher';
import { testDb } from '@/test/setup-db';
import { GET } from './route';

describe('/api/health', () => {
  it('answers 200 with the driver, migrations and the last dispatcher run', async () => {
    await dispatchOnce({ workerId: 'health-test', kind: 'worker' });
    const { driver } = await testDb();
    const res = await GET();
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ status: 'ok', database: driver, migrations: 'up-to-date', dispatcher: { workers: 1 } });
    expect(Date.parse(body.dispatcher.lastRunAt)).toBeGreaterThan(Date.now() - 60_000);
  });

  it('answers 503 when a migration is pending', async () => {
    const { db } = await testDb();
    const [last] = await execRows<Record<string, unknown>>(
      db,
      sql`delete from drizzle.__drizzle_migrations where id = (select max(id) from drizzle.__drizzle_migrations) returning *`,
    );
    try {
      const res = await GET();
      expect(res.status).toBe(503);
      expect(await res.json()).toMatchObject({ status: 'error', reason: expect.stringMatching(/^migrations pending/) });
    } finally {
      await execRows(
        db,
        sql`insert into drizzle.__drizzle_migrations (id, hash, created_at) values (${last.id}, ${last.hash}, ${last.created_at})`,
      );
    }
  });

  it('answers 503 when the database is unreachable', async () => {
    const handle = await testDb();
    setDbFactoryForTests(() => Promise.reject(new Error('connection refused')));
    try {
      const res = await GET();
      expect(res.status).toBe(503);
      expect(await res.json()).toEqual({ status: 'error', reason: 'database unreachable' });
    } finally {
      // Hand the real database back so the file's teardown closes (and drops) it.
      setDbFactoryForTests(() => Promise.resolve(handle));
    }
  });
});
