// npm run db:migrate - apply pending migrations to DATABASE_URL (or the embedded database).
import { getDbHandle, pendingMigrations } from '@/db/client';
import { env } from '@/lib/env';

async function main() {
  const handle = await getDbHandle();
  const pending = await pendingMigrations(handle.db);
  console.log(`Migrations applied on ${env().databaseDriver}; pending: ${pending.length === 0 ? 'none' : pending.join(', ')}`);
  await handle.close();
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
