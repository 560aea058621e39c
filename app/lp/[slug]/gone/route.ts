// GET /lp/<slug> of an archived page (proxy.ts rewrites it here): a friendly page with status 410
import { headers } from 'next/headers';
import { resolveLandingPageCached } from '@/lib/leadgen/landing-cache';
import { renderGonePage } from '@/lib/leadgen/render-gone-page';

type Ctx = { params: Promise<{ slug: string }> };

export async function GET(_req: Request, { params }: Ctx) {
  const r = await resolveLandingPageCached((await params).slug);
  if (r.kind !== 'gone') return new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  return new Response(renderGonePage((await headers()).get('x-nonce')), {
    status: 410,
    headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' },
  });
}
