// npm run db:seed - create the demo workspace on the configured database (PGlite or DATABASE_URL).
// With NODE_ENV=production it refuses unless --force, and then gives the owner a random password.
import { getDbHandle } from '@/db/client';
import { chooseSeedPassword } from '@/lib/demo/choose-seed-password';
import { DEMO_EMAIL } from '@/lib/demo/demo-data';
import { seedDemo } from '@/lib/demo/seed-demo';
import { env } from '@/lib/env';

async function main() {
  const e = env();
  // Decided before the database is opened: a refusal changes nothing.
  const { password, isGenerated } = chooseSeedPassword({ nodeEnv: e.NODE_ENV, force: process.argv.slice(2).includes('--force') });
  const handle = await getDbHandle();
  const created = await seedDemo({ password });
  if (!created) console.log('Demo workspace already exists; nothing changed.');
  else if (isGenerated) {
    // Printed this once and stored only as a hash: copy it now or reset it later.
    console.log(`Demo workspace created on ${e.databaseDriver}. Sign in as ${DEMO_EMAIL} with this generated password (shown once):\n${password}`);
  } else console.log(`Demo workspace created on ${e.databaseDriver}. Sign in as ${DEMO_EMAIL} / ${password}`);
  await handle.close();
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
