import { z } from 'zod';

// Who may put a landing page in an <iframe>: the page's own setting, turned into the CSP
// frame-ancestors sources that proxy.ts sends. Shared with the landing-page form (issue 11).

/** Most origins a page lists; a CSP header has to stay small. */
export const MAX_EMBED_ORIGINS = 20;

// scheme://host[:port], the host optionally starting with "*." (CSP's own wildcard), nothing else:
// no path, no quotes or semicolons that could smuggle another directive into the header.
const ORIGIN_RE = /^https?:\/\/(\*\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(:\d{1,5})?$/;

export const embedOriginSchema = z
  .string()
  .trim()
  .toLowerCase()
  .transform((v) => v.replace(/\/$/, ''))
  .refine((v) => ORIGIN_RE.test(v), 'Enter an origin like https://www.example.com (no path)');

export const embeddingSchema = z.object({
  allowEmbedding: z.boolean().default(false),
  embedOrigins: z.array(embedOriginSchema).max(MAX_EMBED_ORIGINS, `At most ${MAX_EMBED_ORIGINS} sites`).default([]),
});

export type EmbeddingSetting = { allowEmbedding: boolean; embedOrigins: string[] };

/**
 * The frame-ancestors sources for a landing page: 'none' unless it allows embedding; then the
 * listed origins (stored values are checked again, so a bad row cannot break the header), or
 * any site when none are listed.
 */
export function frameAncestorsFor(page: EmbeddingSetting | null): string {
  if (!page?.allowEmbedding) return "'none'";
  const origins = page.embedOrigins.filter((o) => ORIGIN_RE.test(o)).slice(0, MAX_EMBED_ORIGINS);
  if (page.embedOrigins.length > 0) return origins.length > 0 ? ["'self'", ...origins].join(' ') : "'none'";
  return '*';
}
