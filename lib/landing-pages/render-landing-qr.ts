import 'server-only';
import QRCode from 'qrcode';
import { z } from 'zod';
import { env } from '@/lib/env';
import { parseInput } from '@/lib/errors';
import { loadLandingPage } from './save-landing-page';
import { fileNamePart, landingPublicUrl, shareLinkSchema, type LandingQrQuery } from './share-links';

export type LandingQr = { body: Uint8Array<ArrayBuffer> | string; contentType: string; filename: string; url: string };

// 'M' restores up to 15% of the code: enough for a smudged flyer, still small for long UTM links.
// The 4-module quiet zone is the standard's; scanners miss codes printed without it.
const QR_OPTIONS = { errorCorrectionLevel: 'M', margin: 4, color: { dark: '#000000ff', light: '#ffffffff' } } as const;

/** "<slug>-qr", or with the link's source and campaign ("<slug>-instagram-bf-qr") so downloads of several links stay apart. */
function baseName(slug: string, url: string): string {
  const q = new URL(url).searchParams;
  const tags = [q.get('utm_source'), q.get('utm_campaign')].map((v) => fileNamePart(v ?? '')).filter(Boolean);
  return [slug, ...tags, 'qr'].join('-');
}

/**
 * A QR code of a page of this workspace (another workspace's is NOT_FOUND) that opens its public
 * address, or a tagged link to it. Any other address is BAD_USER_INPUT: the route must not become
 * a QR generator for arbitrary links. Drafts and archived pages get one too; the panel says what
 * visitors will see there.
 */
export async function renderLandingQr(workspaceId: string, pageId: string, query: LandingQrQuery): Promise<LandingQr> {
  const page = await loadLandingPage(workspaceId, pageId);
  const publicUrl = landingPublicUrl(env().appUrl, page.slug);
  const { url } = parseInput(z.object({ url: shareLinkSchema(publicUrl) }), { url: query.url ?? publicUrl });
  const filename = `${baseName(page.slug, url)}.${query.format}`;
  if (query.format === 'svg') {
    const svg = await QRCode.toString(url, { ...QR_OPTIONS, type: 'svg', width: query.size });
    return { body: svg, contentType: 'image/svg+xml; charset=utf-8', filename, url };
  }
  const png = await QRCode.toBuffer(url, { ...QR_OPTIONS, type: 'png', width: query.size });
  return { body: new Uint8Array(png), contentType: 'image/png', filename, url };
}
