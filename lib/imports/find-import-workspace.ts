import 'server-only';
import { asc, eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { workspaces, type Workspace } from '@/db/schema';
import { AppError } from '@/lib/errors';

/**
 * The workspace a command-line import goes to: the one named by slug, or the only one there
 * is. With several and no slug, the error lists them so the next command can name one.
 */
export async function findImportWorkspace(slug?: string): Promise<Workspace> {
  const db = await getDb();
  if (slug) {
    const [ws] = await db.select().from(workspaces).where(eq(workspaces.slug, slug));
    if (!ws) throw new AppError('NOT_FOUND', `No workspace with slug "${slug}".`);
    return ws;
  }
  const all = await db.select().from(workspaces).orderBy(asc(workspaces.slug)).limit(21);
  if (all.length === 1) return all[0];
  if (all.length === 0) throw new AppError('NOT_FOUND', 'There is no workspace yet: sign up or run npm run db:seed first.');
  const names = all.slice(0, 20).map((w) => w.slug).join(', ');
  throw new AppError('BAD_USER_INPUT', `Several workspaces: choose one with --workspace <slug> (${names}${all.length > 20 ? ', ...' : ''}).`);
}
