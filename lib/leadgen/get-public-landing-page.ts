import 'server-only';
import { and, eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { landingPages, workspaces } from '@/db/schema';

/** A published landing page by its public slug (the slug is unique across workspaces). */
export async function getPublicLandingPage(slug: string) {
  if (!/^[a-z0-9][a-z0-9-]{0,79}$/.test(slug)) return null;
  const db = await getDb();
  const [row] = await db
    .select({ page: landingPages, defaultCountry: workspaces.defaultCountry })
    .from(landingPages)
    .innerJoin(workspaces, eq(workspaces.id, landingPages.workspaceId))
    .where(and(eq(landingPages.slug, slug), eq(landingPages.isPublished, true)));
  return row ? { ...row.page, defaultCountry: row.page.defaultCountry ?? row.defaultCountry } : null;
}
