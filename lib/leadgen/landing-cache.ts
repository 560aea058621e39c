import 'server-only';
import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { revalidateTag, unstable_cache, updateTag } from 'next/cache';
import { getDb } from '@/db/client';
import { env } from '@/lib/env';
import { landingPages, landingPageSlugRedirects } from '@/db/schema';
import { resolveLandingPage, type ResolvedLandingPage } from './get-public-landing-page';
import { SLUG_PATTERN } from './schema';

// Public pages are looked up from Next's data cache (a visit costs no page query), tagged by the
// slug asked for. Every change to a page (save, publish, archive, rename, image) expires the tags
// of all its slugs, current and old, so the next visit sees it. The time limit is only a safety
// net for self-hosted setups with several Next processes, whose caches are not shared.
const SAFETY_NET_SECONDS = 300;

export const landingSlugTag = (slug: string) => `lp:${slug}`;

/**
 * Which database the lookup came from, in its key: Next keeps this cache on disk beside the build,
 * so a server of the same build on another database (a second PGlite directory, a new
 * DATABASE_URL) must not be handed this one's pages and ids.
 */
const databaseKey = () => {
  const e = env();
  return createHash('sha256').update(e.DATABASE_URL ?? `pglite:${e.pgliteDir}`).digest('hex').slice(0, 16);
};

type Cached = Exclude<ResolvedLandingPage, { kind: 'page' }> | { kind: 'page'; isPreview: boolean; page: Omit<Extract<ResolvedLandingPage, { kind: 'page' }>['page'], 'createdAt' | 'updatedAt'> & { createdAt: string; updatedAt: string } };

/** resolveLandingPage for a visitor (no session), from Next's data cache. */
export async function resolveLandingPageCached(slug: string): Promise<ResolvedLandingPage> {
  // No page has such a slug: answered before the cache, which would log an over-long tag with it.
  if (!SLUG_PATTERN.test(slug)) return { kind: 'not_found' };
  const cached = (await unstable_cache(async () => resolveLandingPage(slug), ['lp-resolve', databaseKey(), slug], { tags: [landingSlugTag(slug)], revalidate: SAFETY_NET_SECONDS })()) as unknown as Cached;
  // The cache stores JSON: dates come back as strings.
  if (cached.kind !== 'page') return cached;
  return { ...cached, page: { ...cached.page, createdAt: new Date(cached.page.createdAt), updatedAt: new Date(cached.page.updatedAt) } };
}

/** Every tag a change to this page must expire: its slug and the old slugs that redirect to it. */
export async function landingCacheTags(workspaceId: string, landingPageId: string): Promise<string[]> {
  const db = await getDb();
  const [current] = await db.select({ slug: landingPages.slug }).from(landingPages).where(and(eq(landingPages.workspaceId, workspaceId), eq(landingPages.id, landingPageId)));
  const old = await db
    .select({ slug: landingPageSlugRedirects.slug })
    .from(landingPageSlugRedirects)
    .where(and(eq(landingPageSlugRedirects.workspaceId, workspaceId), eq(landingPageSlugRedirects.landingPageId, landingPageId)));
  return [...(current ? [current.slug] : []), ...old.map((r) => r.slug)].map(landingSlugTag);
}

/**
 * Expires the page's cached lookups at once. A server action may read its own write (updateTag);
 * a route handler may not call updateTag, so it expires the tag with no stale period instead.
 */
export async function revalidateLandingPage(workspaceId: string, landingPageId: string, from: 'action' | 'route'): Promise<void> {
  for (const tag of await landingCacheTags(workspaceId, landingPageId)) {
    if (from === 'action') updateTag(tag);
    else revalidateTag(tag, { expire: 0 });
  }
}
