import 'server-only';
import { eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { landingPages } from '@/db/schema';
import { describeError, log } from '@/lib/log/logger';
import { frameAncestorsFor } from './embedding';

const SLUG_RE = /^[a-z0-9][a-z0-9-]{0,79}$/;

export type LandingGate = { frameAncestors: string; isArchived: boolean };

/**
 * What proxy.ts needs before /lp/<slug> renders, in one lookup: frame-ancestors (the page's
 * embedding setting, 'none' for an unknown slug), and whether the page is archived (answered 410
 * by a route handler, since an App Router page cannot set its status). A failed lookup answers
 * 'none' and not archived: refusing a frame is safe, and the page itself still says "gone".
 */
export async function getLandingGate(slug: string): Promise<LandingGate> {
  if (!SLUG_RE.test(slug)) return { frameAncestors: "'none'", isArchived: false };
  try {
    const db = await getDb();
    const [page] = await db
      .select({ allowEmbedding: landingPages.allowEmbedding, embedOrigins: landingPages.embedOrigins, status: landingPages.status })
      .from(landingPages)
      .where(eq(landingPages.slug, slug));
    return { frameAncestors: frameAncestorsFor(page ?? null), isArchived: page?.status === 'archived' };
  } catch (err) {
    log.error('landing page embedding lookup failed; framing refused', { slug, ...describeError(err) });
    return { frameAncestors: "'none'", isArchived: false };
  }
}

/** frame-ancestors for the public page /lp/<slug>. */
export async function getLandingFrameAncestors(slug: string): Promise<string> {
  return (await getLandingGate(slug)).frameAncestors;
}
