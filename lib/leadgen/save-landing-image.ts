import 'server-only';
import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import sharp from 'sharp';
import { getDb } from '@/db/client';
import { landingPageImages, landingPages } from '@/db/schema';
import { AppError } from '@/lib/errors';

export const MAX_IMAGE_BYTES = 2 * 1024 * 1024;
export const MAX_IMAGE_SIDE = 1600;
// A 2 MB file can still decode to a huge bitmap (a "decompression bomb"): refuse past ~40 MP.
const MAX_INPUT_PIXELS = 40_000_000;
const ALT_MAX = 200;

type Kind = { format: 'png' | 'jpeg' | 'webp'; contentType: string };

// The file's own first bytes decide what it is, not its name or the browser's declared type.
function sniff(bytes: Buffer): Kind | null {
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return { format: 'png', contentType: 'image/png' };
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return { format: 'jpeg', contentType: 'image/jpeg' };
  if (bytes.length >= 12 && bytes.toString('latin1', 0, 4) === 'RIFF' && bytes.toString('latin1', 8, 12) === 'WEBP') return { format: 'webp', contentType: 'image/webp' };
  return null;
}

export type ProcessedImage = { data: Buffer; contentType: string; width: number; height: number; etag: string };

/**
 * Checks an upload (at most 2 MB, PNG/JPEG/WebP by content) and re-encodes it at most 1600 px on
 * its longer side in the same format. Re-encoding also drops EXIF and other metadata (a phone
 * photo's GPS position must not end up on a public page) after applying its orientation.
 */
export async function processLandingImage(bytes: Buffer): Promise<ProcessedImage> {
  if (bytes.length === 0) throw new AppError('BAD_USER_INPUT', 'Choose an image file', { fields: { image: 'Choose an image file' } });
  if (bytes.length > MAX_IMAGE_BYTES) throw new AppError('PAYLOAD_TOO_LARGE', 'The image is larger than 2 MB', { fields: { image: 'The image is larger than 2 MB' } });
  const kind = sniff(bytes);
  if (!kind) throw new AppError('BAD_USER_INPUT', 'Upload a PNG, JPEG or WebP image', { fields: { image: 'Upload a PNG, JPEG or WebP image' } });
  try {
    const pipeline = sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' })
      .rotate()
      .resize({ width: MAX_IMAGE_SIDE, height: MAX_IMAGE_SIDE, fit: 'inside', withoutEnlargement: true });
    const encoded =
      kind.format === 'png' ? pipeline.png({ compressionLevel: 9 }) : kind.format === 'jpeg' ? pipeline.jpeg({ quality: 82, mozjpeg: true }) : pipeline.webp({ quality: 80 });
    const { data, info } = await encoded.toBuffer({ resolveWithObject: true });
    return { data, contentType: kind.contentType, width: info.width, height: info.height, etag: createHash('sha256').update(data).digest('base64url').slice(0, 22) };
  } catch (err) {
    if (err instanceof AppError) throw err;
    // A truncated or corrupt file, or one past the pixel limit.
    throw new AppError('BAD_USER_INPUT', 'That image could not be read: try another file', { fields: { image: 'That image could not be read' } });
  }
}

/** The slot an image belongs to: '' for the hero, a variant's key for that variant. */
async function assertSlot(workspaceId: string, landingPageId: string, slot: string) {
  const db = await getDb();
  const [page] = await db
    .select({ variants: landingPages.variants })
    .from(landingPages)
    .where(and(eq(landingPages.workspaceId, workspaceId), eq(landingPages.id, landingPageId)));
  if (!page) throw new AppError('NOT_FOUND', 'Landing page not found');
  if (slot !== '' && !page.variants.some((v) => v.key === slot)) throw new AppError('BAD_USER_INPUT', 'No such variant on this page', { fields: { image: 'No such variant on this page' } });
}

/** Stores (or replaces) the page's hero image or a variant's image. */
export async function saveLandingImage(workspaceId: string, landingPageId: string, slot: string, bytes: Buffer, altText: string): Promise<{ etag: string; width: number; height: number }> {
  const alt = altText.trim();
  if (alt.length > ALT_MAX || /[<>]/.test(alt)) throw new AppError('BAD_USER_INPUT', 'Describe the image in plain text (at most 200 characters)', { fields: { imageAlt: 'Plain text, at most 200 characters' } });
  await assertSlot(workspaceId, landingPageId, slot);
  const img = await processLandingImage(bytes);
  const db = await getDb();
  const row = { contentType: img.contentType, data: img.data, width: img.width, height: img.height, etag: img.etag, altText: alt, updatedAt: new Date() };
  await db
    .insert(landingPageImages)
    .values({ landingPageId, slot, workspaceId, ...row })
    .onConflictDoUpdate({ target: [landingPageImages.landingPageId, landingPageImages.slot], set: row });
  return { etag: img.etag, width: img.width, height: img.height };
}

/** Removes the page's hero image or a variant's image. */
export async function removeLandingImage(workspaceId: string, landingPageId: string, slot: string): Promise<void> {
  const db = await getDb();
  await db
    .delete(landingPageImages)
    .where(and(eq(landingPageImages.workspaceId, workspaceId), eq(landingPageImages.landingPageId, landingPageId), eq(landingPageImages.slot, slot)));
}

/** Changes the description (alt text) of a stored image. */
export async function describeLandingImage(workspaceId: string, landingPageId: string, slot: string, altText: string): Promise<void> {
  const alt = altText.trim();
  if (alt.length > ALT_MAX || /[<>]/.test(alt)) throw new AppError('BAD_USER_INPUT', 'Describe the image in plain text (at most 200 characters)', { fields: { imageAlt: 'Plain text, at most 200 characters' } });
  const db = await getDb();
  const done = await db
    .update(landingPageImages)
    .set({ altText: alt })
    .where(and(eq(landingPageImages.workspaceId, workspaceId), eq(landingPageImages.landingPageId, landingPageId), eq(landingPageImages.slot, slot)))
    .returning({ slot: landingPageImages.slot });
  if (done.length === 0) throw new AppError('NOT_FOUND', 'Image not found');
}
