import 'server-only';
import { getDb } from '@/db/client';
import { DatabaseLockedError } from '@/db/lock';
import { DEMO_EMAIL, DEMO_PASSWORD } from '@/lib/demo/demo-data';
import { seedDemo } from '@/lib/demo/seed-demo';
import { env } from '@/lib/env';
import { log } from '@/lib/log/logger';

/**
 * What a server process does once at boot, before it serves: open the database (which applies
 * migrations) and seed the demo on an empty embedded database. Sandbox senders need nothing:
 * each process sends them through its own sandbox (lib/whatsapp/sender-credentials.ts).
 */
export async function prepareServer(): Promise<void> {
  let e: ReturnType<typeof env>;
  try {
    e = env();
  } catch (err) {
    // A configuration lib/env.ts refuses (missing production secrets, the sandbox in production
    // without its allow flag) stops the server, rather than leave it answering 500s.
    console.error(`\n[whatslab] ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  }
  try {
    await getDb();
  } catch (err) {
    // A second process on the same embedded database must stop, loudly, rather than serve
    // requests that would each fail (or write to a copy the first process overwrites).
    if (err instanceof DatabaseLockedError) {
      console.error(`\n[whatslab] ${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
  if (e.isDemoSeedEnabled && (await seedDemo())) {
    log.info('demo workspace created');
  }
  if (e.isDemoSeedEnabled) {
    console.log(`\n  WhatsLab is ready at ${e.appUrl}\n  Demo sign-in: ${DEMO_EMAIL} / ${DEMO_PASSWORD}\n  Demo landing page: ${e.appUrl}/lp/demo\n`);
  }
}
