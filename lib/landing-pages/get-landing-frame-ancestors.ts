import 'server-only';
import { eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { landingPages } from '@/db/schema';
import { log } from '@/lib/log/logger';
import { frameAncestorsFor } from './embedding';

const SLUG_RE = /^[a-z0-9][a-z0-9-]{0,79}$/;

/**
 * frame-ancestors for the public page /lp/<slug> (proxy.ts): the page's embedding setting, or
 * 'none' for an unknown slug. A failed lookup also answers 'none': refusing a frame is safe.
 */
export async function getLandingFrameAncestors(slug: string): Promise<string> {
  if (!SLUG_RE.test(slug)) return "'none'";
  try {
    const db = await getDb();
    const [page] = await db
      .select({ allowEmbedding: landingPages.allowEmbedding, embedOrigins: landingPages.embedOrigins })
      .from(landingPages)
      .where(eq(landingPages.slug, slug));
    return frameAncestorsFor(page ?? null);
  } catch (err) {
    log.error('landing page embedding lookup failed; framing refused', { slug, error: err instanceof Error ? err.message : String(err) });
    return "'none'";
  }
}
