import 'server-only';
import { getLandingImage } from './get-landing-image';
import type { ResolvedLandingPage } from './get-public-landing-page';

// The image URL carries its etag (?v=...), so a published page's image at that URL never changes:
// browsers and CDNs may keep it for a year. Without a matching v, only briefly.
const IMMUTABLE = 'public, max-age=31536000, immutable';
const SHORT = 'public, max-age=300';
// A draft's image is seen only by the workspace's members: never stored by shared caches.
const PRIVATE = 'private, no-cache';

export type ImageRequest = { slug: string; slot: string; version: string | null; ifNoneMatch: string | null; query: string };

/** The answer to GET /lp/<slug>/image for a page already resolved for this viewer. */
export async function serveLandingImage(resolved: ResolvedLandingPage, req: ImageRequest): Promise<Response> {
  if (resolved.kind === 'redirect') return new Response(null, { status: 308, headers: { Location: `/lp/${resolved.slug}/image${req.query}` } });
  if (resolved.kind === 'gone') return new Response(null, { status: 410 });
  if (resolved.kind !== 'page') return new Response(null, { status: 404 });
  const image = await getLandingImage(resolved.page.id, req.slot);
  if (!image) return new Response(null, { status: 404 });
  const etag = `"${image.etag}"`;
  const cacheControl = resolved.isPreview ? PRIVATE : req.version === image.etag ? IMMUTABLE : SHORT;
  const headers = { ETag: etag, 'Cache-Control': cacheControl, 'Content-Type': image.contentType, 'X-Content-Type-Options': 'nosniff' };
  const tags = (req.ifNoneMatch ?? '').split(',').map((t) => t.trim().replace(/^W\//, ''));
  if (tags.includes(etag) || tags.includes('*')) return new Response(null, { status: 304, headers });
  return new Response(new Uint8Array(image.data), { status: 200, headers: { ...headers, 'Content-Length': String(image.data.length) } });
}
