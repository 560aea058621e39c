// GET /lp/<slug>/image - a landing page's hero image (?variant=<key> for a variant's), with an ETag
import type { NextRequest } from 'next/server';
import { z } from 'zod';
import { getSessionContext } from '@/lib/auth/session';
import { resolveLandingPage } from '@/lib/leadgen/get-public-landing-page';
import { serveLandingImage } from '@/lib/leadgen/serve-landing-image';

type Ctx = { params: Promise<{ slug: string }> };
const querySchema = z.object({
  variant: z.string().regex(/^[a-z0-9-]{1,40}$/).optional(),
  v: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/).optional(),
});

export async function GET(req: NextRequest, { params }: Ctx) {
  const { slug } = await params;
  const q = querySchema.safeParse(Object.fromEntries(req.nextUrl.searchParams));
  if (!q.success) return new Response(null, { status: 400 });
  let resolved = await resolveLandingPage(slug);
  // Only a draft needs the viewer (as on the page itself).
  if (resolved.kind === 'not_found') {
    const ctx = await getSessionContext().catch(() => null);
    if (ctx) resolved = await resolveLandingPage(slug, [ctx.workspace.id]);
  }
  return serveLandingImage(resolved, { slug, slot: q.data.variant ?? '', version: q.data.v ?? null, ifNoneMatch: req.headers.get('if-none-match'), query: req.nextUrl.search });
}
