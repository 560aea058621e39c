import 'server-only';
import { and, eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { landingPages, landingPageSlugRedirects, workspaces, type LandingPage } from '@/db/schema';
import { listLandingImages, type LandingImageRef } from './get-landing-image';
import { SLUG_PATTERN } from './schema';

export type PublicLandingPage = LandingPage & { defaultCountry: string; images: LandingImageRef[] };

export type ResolvedLandingPage =
  | { kind: 'page'; page: PublicLandingPage; isPreview: boolean }
  | { kind: 'redirect'; slug: string }
  | { kind: 'gone' }
  | { kind: 'not_found' };

/**
 * What /lp/<slug> answers. Published pages are public; a draft is shown only to members of its
 * own workspace (as a preview) and is "not found" to everyone else; archived pages are gone
 * (410); an old slug redirects to the page's current one.
 */
export async function resolveLandingPage(slug: string, viewerWorkspaceIds: string[] = []): Promise<ResolvedLandingPage> {
  if (!SLUG_PATTERN.test(slug)) return { kind: 'not_found' };
  const db = await getDb();
  const [row] = await db
    .select({ page: landingPages, defaultCountry: workspaces.defaultCountry })
    .from(landingPages)
    .innerJoin(workspaces, eq(workspaces.id, landingPages.workspaceId))
    .where(eq(landingPages.slug, slug));
  if (row) {
    if (row.page.status === 'archived') return { kind: 'gone' };
    const isPreview = row.page.status !== 'published';
    if (isPreview && !viewerWorkspaceIds.includes(row.page.workspaceId)) return { kind: 'not_found' };
    const page = { ...row.page, defaultCountry: row.page.defaultCountry ?? row.defaultCountry, images: await listLandingImages(row.page.id) };
    return { kind: 'page', page, isPreview };
  }
  const [moved] = await db
    .select({ slug: landingPages.slug, status: landingPages.status, workspaceId: landingPages.workspaceId })
    .from(landingPageSlugRedirects)
    .innerJoin(landingPages, and(eq(landingPages.id, landingPageSlugRedirects.landingPageId), eq(landingPages.workspaceId, landingPageSlugRedirects.workspaceId)))
    .where(eq(landingPageSlugRedirects.slug, slug));
  if (!moved) return { kind: 'not_found' };
  if (moved.status === 'draft' && !viewerWorkspaceIds.includes(moved.workspaceId)) return { kind: 'not_found' };
  return { kind: 'redirect', slug: moved.slug };
}

/** A published landing page by its public slug (what visitors may submit to). */
export async function getPublicLandingPage(slug: string): Promise<PublicLandingPage | null> {
  const r = await resolveLandingPage(slug);
  return r.kind === 'page' && !r.isPreview ? r.page : null;
}
