// POST /api/landing-pages/<id>/image?slot=&alt= - upload a page's hero image (raw PNG/JPEG/WebP body); PATCH its alt text; DELETE it
import { NextResponse, type NextRequest } from 'next/server';
import { z } from 'zod';
import { requireActionContext } from '@/lib/auth/session';
import { AppError, parseInput } from '@/lib/errors';
import { readLimitedBody } from '@/lib/http/read-limited-body';
import { routeError } from '@/lib/http/route-error';
import { revalidateLandingPage } from '@/lib/leadgen/landing-cache';
import { describeLandingImage, MAX_IMAGE_BYTES, removeLandingImage, saveLandingImage } from '@/lib/leadgen/save-landing-image';

export const runtime = 'nodejs';
type Ctx = { params: Promise<{ id: string }> };
const querySchema = z.object({
  id: z.uuid(),
  // '' is the hero image; a variant's key is that variant's image.
  slot: z.union([z.literal(''), z.string().regex(/^[a-z0-9-]{1,40}$/)]).default(''),
  alt: z.string().max(200).default(''),
});
// The body is the file itself: a cross-site <form> cannot send an image/* content type.
const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/webp'];

export async function POST(req: NextRequest, { params }: Ctx) {
  try {
    const ctx = await requireActionContext('admin');
    const q = parseInput(querySchema, { ...Object.fromEntries(req.nextUrl.searchParams), id: (await params).id });
    if (!IMAGE_TYPES.includes((req.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase())) {
      throw new AppError('BAD_USER_INPUT', 'Upload a PNG, JPEG or WebP image', { fields: { image: 'Upload a PNG, JPEG or WebP image' } });
    }
    const saved = await saveLandingImage(ctx.workspace.id, q.id, q.slot, await readLimitedBody(req, MAX_IMAGE_BYTES), q.alt);
    await revalidateLandingPage(ctx.workspace.id, q.id, 'route');
    return NextResponse.json(saved, { status: 201 });
  } catch (err) {
    return routeError(err);
  }
}

export async function DELETE(req: NextRequest, { params }: Ctx) {
  try {
    const ctx = await requireActionContext('admin');
    const q = parseInput(querySchema, { ...Object.fromEntries(req.nextUrl.searchParams), id: (await params).id });
    await removeLandingImage(ctx.workspace.id, q.id, q.slot);
    await revalidateLandingPage(ctx.workspace.id, q.id, 'route');
    return new NextResponse(null, { status: 204 });
  } catch (err) {
    return routeError(err);
  }
}

export async function PATCH(req: NextRequest, { params }: Ctx) {
  try {
    const ctx = await requireActionContext('admin');
    const q = parseInput(querySchema, { ...Object.fromEntries(req.nextUrl.searchParams), id: (await params).id });
    await describeLandingImage(ctx.workspace.id, q.id, q.slot, q.alt);
    await revalidateLandingPage(ctx.workspace.id, q.id, 'route');
    return new NextResponse(null, { status: 204 });
  } catch (err) {
    return routeError(err);
  }
}
