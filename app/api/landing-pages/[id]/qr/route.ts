// GET /api/landing-pages/<id>/qr?format=png|svg&size=&url=&download=1 - a QR code of the page's public address or of a UTM link to it
import type { NextRequest } from 'next/server';
import { z } from 'zod';
import { requireRequestContext } from '@/lib/auth/session';
import { parseInput } from '@/lib/errors';
import { routeError } from '@/lib/http/route-error';
import { renderLandingQr } from '@/lib/landing-pages/render-landing-qr';
import { landingQrQuerySchema } from '@/lib/landing-pages/share-links';

export const runtime = 'nodejs';
type Ctx = { params: Promise<{ id: string }> };
const idSchema = z.object({ id: z.uuid() });

export async function GET(req: NextRequest, { params }: Ctx) {
  try {
    const ctx = await requireRequestContext(req, 'admin');
    const { id } = parseInput(idSchema, { id: (await params).id });
    const query = parseInput(landingQrQuerySchema, Object.fromEntries(req.nextUrl.searchParams));
    const qr = await renderLandingQr(ctx.workspace.id, id, query);
    return new Response(qr.body, {
      headers: {
        'Content-Type': qr.contentType,
        // The panel's preview shows it inline; its download buttons ask the browser to save it.
        'Content-Disposition': `${query.download ? 'attachment' : 'inline'}; filename="${qr.filename}"`,
        // Made in milliseconds, for one admin: not worth a cache entry anywhere.
        'Cache-Control': 'private, no-store',
      },
    });
  } catch (err) {
    return routeError(err);
  }
}
