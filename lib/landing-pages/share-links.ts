import { z } from 'zod';

// The links the Share panel hands out: the page's public address, the same with UTM tags, and an
// iframe snippet. Browser-safe (no server imports): the panel builds the link live with these, and
// the QR route checks with the same rules that a link it is asked to encode is one of them.

/** The tags the builder sets, in the order they appear in a link. The public page reads all six (lib/leadgen/schema.ts). */
export const SHARE_PARAMS = ['utm_source', 'utm_medium', 'utm_campaign', 'utm_term', 'utm_content', 'ref'] as const;
export type ShareParam = (typeof SHARE_PARAMS)[number];
export type ShareParams = Partial<Record<ShareParam, string>>;

/** The public page keeps at most 200 characters of each parameter (app/lp/[slug]/page.tsx). */
export const MAX_SHARE_PARAM_LENGTH = 200;
/** A QR code of a longer link gets too dense to scan reliably from print. */
export const MAX_SHARE_LINK_LENGTH = 1000;

// Control characters would survive URL encoding and land in the lead's attribution.
const CONTROL_RE = /[\u0000-\u001f\u007f]/;

const shareParamValue = z
  .string()
  .trim()
  .max(MAX_SHARE_PARAM_LENGTH, `At most ${MAX_SHARE_PARAM_LENGTH} characters`)
  .refine((v) => !CONTROL_RE.test(v), 'No line breaks or control characters');

/** What the UTM builder's inputs may hold (empty means "leave this tag out"). */
export const shareParamsSchema = z.object({
  utm_source: shareParamValue.optional(),
  utm_medium: shareParamValue.optional(),
  utm_campaign: shareParamValue.optional(),
  utm_term: shareParamValue.optional(),
  utm_content: shareParamValue.optional(),
  ref: shareParamValue.optional(),
});

/** Common sources with the medium marketers usually pair them with; the campaign stays the user's. */
export const UTM_PRESETS: { label: string; source: string; medium: string }[] = [
  { label: 'Facebook', source: 'facebook', medium: 'paid_social' },
  { label: 'Instagram', source: 'instagram', medium: 'social' },
  { label: 'Google Ads', source: 'google', medium: 'cpc' },
  { label: 'WhatsApp', source: 'whatsapp', medium: 'messaging' },
  { label: 'E-mail', source: 'newsletter', medium: 'email' },
  { label: 'Print (QR)', source: 'print', medium: 'qr' },
];

/** The page's public address, built from APP_URL as every other public link of the app is. */
export function landingPublicUrl(appUrl: string, slug: string): string {
  return `${appUrl.replace(/\/$/, '')}/lp/${slug}`;
}

/** The public address with the non-empty tags, always in SHARE_PARAMS order (one link per set of tags). */
export function buildShareLink(publicUrl: string, params: ShareParams): string {
  const url = new URL(publicUrl);
  for (const p of SHARE_PARAMS) {
    const v = params[p]?.trim();
    if (v) url.searchParams.set(p, v);
  }
  return url.toString();
}

export type BuiltShareLink = { link: string | null; errors: Partial<Record<ShareParam, string>>; isTooLongForQr: boolean };

/** What the builder shows for its inputs: the link, or a message beside each tag that cannot go in one. */
export function tryShareLink(publicUrl: string, params: ShareParams): BuiltShareLink {
  const parsed = shareParamsSchema.safeParse(params);
  if (!parsed.success) {
    const errors: Partial<Record<ShareParam, string>> = {};
    for (const issue of parsed.error.issues) errors[issue.path[0] as ShareParam] ??= issue.message;
    return { link: null, errors, isTooLongForQr: false };
  }
  const link = buildShareLink(publicUrl, parsed.data);
  return { link, errors: {}, isTooLongForQr: link.length > MAX_SHARE_LINK_LENGTH };
}

/**
 * The canonical form of `link` if it is this page's address with only builder tags, else null.
 * Anything else (another host, another page, a fragment, credentials, an unknown or repeated
 * parameter) is refused: the QR route must never encode an arbitrary address.
 */
export function canonicalShareLink(link: string, publicUrl: string): string | null {
  if (link.length > MAX_SHARE_LINK_LENGTH) return null;
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    return null;
  }
  const base = new URL(publicUrl);
  if (url.origin !== base.origin || url.pathname !== base.pathname || url.username || url.password || url.hash) return null;
  const params: ShareParams = {};
  for (const [key, value] of url.searchParams) {
    if (!(SHARE_PARAMS as readonly string[]).includes(key) || key in params) return null;
    const parsed = shareParamValue.safeParse(value);
    if (!parsed.success || parsed.data === '') return null;
    params[key as ShareParam] = parsed.data;
  }
  const canonical = buildShareLink(publicUrl, params);
  return canonical.length > MAX_SHARE_LINK_LENGTH ? null : canonical;
}

/** A link to encode in a QR code: this page's address, with or without builder tags. */
export function shareLinkSchema(publicUrl: string) {
  return z
    .string()
    .trim()
    .transform((s, ctx) => {
      const canonical = canonicalShareLink(s, publicUrl);
      if (canonical === null) {
        ctx.addIssue({ code: 'custom', message: `Only this page's address (${publicUrl}), optionally with utm_* and ref tags, can be encoded` });
        return z.NEVER;
      }
      return canonical;
    });
}

export const QR_FORMATS = ['png', 'svg'] as const;
export type QrFormat = (typeof QR_FORMATS)[number];
export const QR_SIZES = [256, 512, 1024, 2048] as const;

/** GET /api/landing-pages/<id>/qr: what to draw, how big, and whether the browser should save it. */
export const landingQrQuerySchema = z.object({
  format: z.enum(QR_FORMATS).default('png'),
  // Pixels for a PNG; the width and height an SVG declares (it scales without loss anyway).
  size: z.coerce.number().int().min(128, 'At least 128 pixels').max(2048, 'At most 2048 pixels').default(512),
  // Checked against the page once it is loaded (shareLinkSchema); this only bounds the work.
  url: z.string().max(2 * MAX_SHARE_LINK_LENGTH, 'That link is too long for a QR code').optional(),
  download: z.enum(['1']).optional(),
});
export type LandingQrQuery = z.output<typeof landingQrQuerySchema>;

/** Where the admin UI fetches a QR code of `link` (the route checks the link again). */
export function landingQrPath(pageId: string, opts: { link: string; format: QrFormat; size: number; isDownload?: boolean }): string {
  const q = new URLSearchParams({ format: opts.format, size: String(opts.size), url: opts.link });
  if (opts.isDownload) q.set('download', '1');
  return `/api/landing-pages/${pageId}/qr?${q.toString()}`;
}

export const embedSizeSchema = z.object({
  width: z.string().trim().regex(/^(\d{2,4}(px)?|\d{1,3}%)$/, 'A number of pixels, or a percentage like 100%'),
  height: z.string().trim().regex(/^\d{2,4}(px)?$/, 'A number of pixels, like 720'),
});

const escapeAttribute = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * The iframe snippet for another site. There is no separate "embed" rendering of the page: the
 * frame shows the page itself. `title` names the frame for screen readers on the host site. HTML's
 * width attribute takes pixels only, so a percentage goes in the style.
 */
export function embedSnippet(opts: { src: string; title: string; width: string; height: string }): string {
  const width = escapeAttribute(opts.width.replace(/px$/, ''));
  const height = escapeAttribute(opts.height.replace(/px$/, ''));
  const isPercent = width.endsWith('%');
  return [
    `<iframe src="${escapeAttribute(opts.src)}" title="${escapeAttribute(opts.title)}"`,
    ...(isPercent ? [] : [`width="${width}"`]),
    `height="${height}" style="border:0;${isPercent ? `width:${width};` : ''}max-width:100%" loading="lazy"></iframe>`,
  ].join(' ');
}

/** A file-name part from a tag value: "Black Friday!" -> "black-friday". */
export function fileNamePart(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
}
