import { writePgliteTemplate } from '@/db/test-pglite-template';

// Vitest's global setup: the migrated PGlite every test file starts from (db/test-pglite-template.ts).
// On the PostgreSQL server (TEST_DATABASE_URL) each file creates and migrates its own database.
export default async function setup(): Promise<void> {
  if (!process.env.TEST_DATABASE_URL) await writePgliteTemplate();
}
