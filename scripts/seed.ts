// npm run db:seed - create the demo workspace on the configured database (PGlite or DATABASE_URL).
import { getDbHandle } from '@/db/client';
import { DEMO_EMAIL, DEMO_PASSWORD } from '@/lib/demo/demo-data';
import { seedDemo } from '@/lib/demo/seed-demo';
import { env } from '@/lib/env';

async function main() {
  const handle = await getDbHandle();
  const created = await seedDemo();
  console.log(
    created
      ? `Demo workspace created on ${env().databaseDriver}. Sign in as ${DEMO_EMAIL} / ${DEMO_PASSWORD}`
      : 'Demo workspace already exists; nothing changed.',
  );
  await handle.close();
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
