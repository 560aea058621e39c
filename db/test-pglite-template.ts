import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

// A fresh PGlite spends most of its start in initdb (about 5 s, 15 s on a busy machine) and then
// in the migrations; a hundred test files each paying that was most of the suite's time. The
// global setup makes one migrated database and dumps it; each file starts from the dump (about
// a second) and still runs the migrator, which finds nothing to do. The dump's name carries a hash
// of the migrations, so a changed migration never meets a stale template.

const MIGRATIONS = path.join(process.cwd(), 'drizzle');

export function pgliteTemplatePath(): string {
  const hash = createHash('sha256');
  for (const name of readdirSync(MIGRATIONS, { recursive: true }).map(String).sort()) {
    const file = path.join(MIGRATIONS, name);
    if (name.endsWith('.sql') || name.endsWith('.json')) hash.update(name).update(readFileSync(file));
  }
  return path.join(process.cwd(), '.data', 'test-templates', `pglite-${hash.digest('hex').slice(0, 16)}.tar`);
}

/** The dump for this set of migrations, or undefined when the global setup has not made it. */
export function readPgliteTemplate(): Blob | undefined {
  const file = pgliteTemplatePath();
  return existsSync(file) ? new Blob([readFileSync(file)]) : undefined;
}

export async function writePgliteTemplate(): Promise<void> {
  const file = pgliteTemplatePath();
  if (existsSync(file)) return;
  const { openPglite } = await import('@/db/client');
  const handle = await openPglite(undefined);
  const client = (handle.db as unknown as { $client: { dumpDataDir: (c: 'none') => Promise<Blob> } }).$client;
  const dump = await client.dumpDataDir('none');
  await handle.close();
  mkdirSync(path.dirname(file), { recursive: true });
  // Written aside then renamed: a reader never sees half a file.
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, Buffer.from(await dump.arrayBuffer()));
  renameSync(tmp, file);
}
