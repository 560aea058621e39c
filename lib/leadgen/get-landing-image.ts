import 'server-only';
import { and, eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { landingPageImages } from '@/db/schema';

export type LandingImageRef = { slot: string; etag: string; width: number; height: number; altText: string };

/** The images a page has (hero and variants), without their bytes: what the page needs to link them. */
export async function listLandingImages(landingPageId: string): Promise<LandingImageRef[]> {
  const db = await getDb();
  return db
    .select({ slot: landingPageImages.slot, etag: landingPageImages.etag, width: landingPageImages.width, height: landingPageImages.height, altText: landingPageImages.altText })
    .from(landingPageImages)
    .where(eq(landingPageImages.landingPageId, landingPageId));
}

/** One image's bytes (the caller has already decided the page may be seen). */
export async function getLandingImage(landingPageId: string, slot: string): Promise<{ data: Buffer; contentType: string; etag: string } | null> {
  const db = await getDb();
  const [row] = await db
    .select({ data: landingPageImages.data, contentType: landingPageImages.contentType, etag: landingPageImages.etag })
    .from(landingPageImages)
    .where(and(eq(landingPageImages.landingPageId, landingPageId), eq(landingPageImages.slot, slot)));
  return row ?? null;
}

/** The URL of an image: versioned by its etag so it can be cached for a year. */
export function landingImageUrl(slug: string, ref: Pick<LandingImageRef, 'slot' | 'etag'>): string {
  const q = new URLSearchParams({ v: ref.etag });
  if (ref.slot) q.set('variant', ref.slot);
  return `/lp/${slug}/image?${q}`;
}
