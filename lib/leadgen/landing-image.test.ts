import { randomUUID } from 'node:crypto';
import { NextRequest } from 'next/server';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { createWorkspace } from '@/db/factories';
import { GET } from '@/app/lp/[slug]/image/route';
import { createLandingPage, duplicateLandingPage, updateLandingPage } from '@/lib/landing-pages/save-landing-page';
import { isAppError } from '@/lib/errors';
import { landingImageUrl } from './get-landing-image';
import { resolveLandingPage } from './get-public-landing-page';
import { landingCacheTags } from './landing-cache';
import { renderGonePage } from './render-gone-page';
import { MAX_IMAGE_BYTES, processLandingImage, saveLandingImage } from './save-landing-image';
import { DEFAULT_FIELDS, type LandingPageFormValues } from './schema';
import { serveLandingImage } from './serve-landing-image';

const picture = (width: number, height: number, format: 'png' | 'jpeg' | 'webp') =>
  sharp({ create: { width, height, channels: 3, background: { r: 25, g: 135, b: 84 } } })[format]().toBuffer();

function values(overrides: Partial<LandingPageFormValues> = {}): LandingPageFormValues {
  return {
    title: 'Images', slug: `img-${randomUUID().slice(0, 8)}`, status: 'published', headline: 'Hi', description: '', brandColor: '#198754',
    buttonLabel: 'Go', successMessage: 'Thanks', redirectUrl: '', whatsappNumber: '', whatsappText: '', defaultCountry: 'BR',
    consentText: 'I agree', tags: [], sourceLabel: '', campaignIds: [], corsOrigins: [], fields: DEFAULT_FIELDS,
    variants: [{ key: 'bf', match: 'utm_campaign', value: 'bf', headline: 'BF', description: '', buttonLabel: 'Go' }],
    ...overrides,
  };
}

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    if (isAppError(err)) return err.code;
    throw err;
  }
  throw new Error('expected an error');
}

const get = (slug: string, query = '', headers: Record<string, string> = {}) =>

  GET(new NextRequest(`http://localhost/lp/${slug}/image${query}`, { headers }), { params: Promise.resolve({ slug }) });

// Opening and migrating a fresh database is slow on a busy machine: done under the hook's longer timeout.
beforeAll(async () => {
  await getDb();
});

describe('landing page images', () => {
  it('resizes to at most 1600 px in the same format, drops EXIF, and refuses big, foreign or broken files', async () => {
    const wide = await processLandingImage(await picture(3200, 1200, 'png'));
    expect(wide).toMatchObject({ contentType: 'image/png', width: 1600, height: 600 });
    const tall = await processLandingImage(await picture(900, 2400, 'webp'));
    expect(tall).toMatchObject({ contentType: 'image/webp', width: 600, height: 1600 });
    const small = await processLandingImage(await picture(400, 300, 'jpeg'));
    expect(small).toMatchObject({ contentType: 'image/jpeg', width: 400, height: 300 });

    const withExif = await sharp({ create: { width: 50, height: 40, channels: 3, background: '#fff' } })
      .jpeg()
      .withExif({ IFD0: { Copyright: 'someone', ImageDescription: 'GPS here' } })
      .toBuffer();
    expect((await sharp(withExif).metadata()).exif).toBeDefined();
    expect((await sharp((await processLandingImage(withExif)).data).metadata()).exif).toBeUndefined();

    const png = await picture(10, 10, 'png');
    expect(await codeOf(processLandingImage(Buffer.concat([png, Buffer.alloc(MAX_IMAGE_BYTES)])))).toBe('PAYLOAD_TOO_LARGE');
    expect(await codeOf(processLandingImage(await sharp({ create: { width: 5, height: 5, channels: 3, background: '#000' } }).gif().toBuffer()))).toBe('BAD_USER_INPUT');
    expect(await codeOf(processLandingImage(Buffer.from('<svg onload="alert(1)"></svg>')))).toBe('BAD_USER_INPUT');
    expect(await codeOf(processLandingImage(Buffer.concat([png.subarray(0, 20), Buffer.alloc(100)])))).toBe('BAD_USER_INPUT');
    expect(await codeOf(processLandingImage(Buffer.alloc(0)))).toBe('BAD_USER_INPUT');
  });

  it('is stored in the database and served from /lp/<slug>/image with an ETag, a year of caching when versioned, and 304s', async () => {
    const ws = await createWorkspace();
    const other = await createWorkspace();
    const page = await createLandingPage(ws.id, values());
    const jpeg = await picture(2000, 1000, 'jpeg');
    expect(await codeOf(saveLandingImage(other.id, page.id, '', jpeg, 'x'))).toBe('NOT_FOUND');
    expect(await codeOf(saveLandingImage(ws.id, page.id, 'no-such-variant', jpeg, 'x'))).toBe('BAD_USER_INPUT');
    expect(await codeOf(saveLandingImage(ws.id, page.id, '', jpeg, '<script>'))).toBe('BAD_USER_INPUT');
    const saved = await saveLandingImage(ws.id, page.id, '', jpeg, 'Our shop');
    expect(saved).toMatchObject({ width: 1600, height: 800 });
    await saveLandingImage(ws.id, page.id, 'bf', await picture(300, 300, 'webp'), 'Black Friday');

    const r = await resolveLandingPage(page.slug);
    if (r.kind !== 'page') throw new Error(r.kind);
    const hero = r.page.images.find((i) => i.slot === '')!;
    expect(hero).toEqual({ slot: '', etag: saved.etag, width: 1600, height: 800, altText: 'Our shop' });
    const url = landingImageUrl(page.slug, hero);
    expect(url).toBe(`/lp/${page.slug}/image?v=${saved.etag}`);

    const res = await get(page.slug, `?v=${saved.etag}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/jpeg');
    expect(res.headers.get('etag')).toBe(`"${saved.etag}"`);
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect((await sharp(Buffer.from(await res.arrayBuffer())).metadata()).width).toBe(1600);
    // An old or missing version is cached only briefly; a matching ETag answers 304 with no body.
    expect((await get(page.slug)).headers.get('cache-control')).toBe('public, max-age=300');
    const again = await get(page.slug, `?v=${saved.etag}`, { 'if-none-match': `W/"${saved.etag}"` });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    expect((await get(page.slug, '?variant=bf')).headers.get('content-type')).toBe('image/webp');
    expect((await get(page.slug, '?variant=nope')).status).toBe(404);
    expect((await get(page.slug, '?variant=%3Cx%3E')).status).toBe(400);
    expect((await get(`nope-${randomUUID().slice(0, 8)}`)).status).toBe(404);

    // A copy keeps the images; a renamed page's old image URL redirects; an archived page's is gone.
    const copy = await duplicateLandingPage(ws.id, page.id);
    const c = await resolveLandingPage(copy.slug, [ws.id]);
    expect(c.kind === 'page' && c.page.images.map((i) => i.slot).sort()).toEqual(['', 'bf']);
    await updateLandingPage(ws.id, page.id, values({ slug: `${page.slug}-2` }));
    const moved = await get(page.slug, `?v=${saved.etag}`);
    expect(moved.status).toBe(308);
    expect(moved.headers.get('location')).toBe(`/lp/${page.slug}-2/image?v=${saved.etag}`);
    await updateLandingPage(ws.id, page.id, values({ slug: `${page.slug}-2`, status: 'archived' }));
    expect((await get(`${page.slug}-2`)).status).toBe(410);
  });

  it("a draft's image is private to its workspace", async () => {
    const ws = await createWorkspace();
    const page = await createLandingPage(ws.id, values({ status: 'draft' }));
    await saveLandingImage(ws.id, page.id, '', await picture(20, 20, 'png'), '');
    expect((await serveLandingImage(await resolveLandingPage(page.slug), { slug: page.slug, slot: '', version: null, ifNoneMatch: null, query: '' })).status).toBe(404);
    const member = await serveLandingImage(await resolveLandingPage(page.slug, [ws.id]), { slug: page.slug, slot: '', version: null, ifNoneMatch: null, query: '' });
    expect(member.status).toBe(200);
    expect(member.headers.get('cache-control')).toBe('private, no-cache');
  });
});

describe('public page caching and archived pages', () => {
  it('a change to a page expires the cached lookups of its current and every old slug', async () => {
    const ws = await createWorkspace();
    const page = await createLandingPage(ws.id, values());
    await updateLandingPage(ws.id, page.id, values({ slug: `${page.slug}-b` }));
    await updateLandingPage(ws.id, page.id, values({ slug: `${page.slug}-c` }));
    expect((await landingCacheTags(ws.id, page.id)).sort()).toEqual([`lp:${page.slug}`, `lp:${page.slug}-b`, `lp:${page.slug}-c`]);
    expect(await landingCacheTags((await createWorkspace()).id, page.id)).toEqual([]);
  });

  it('the 410 page is fixed text with the nonce on its style only', () => {
    const html = renderGonePage('abc123==');
    expect(html).toContain('<style nonce="abc123==">');
    expect(html).toContain('This page is no longer available');
    expect(renderGonePage('"><script>')).not.toContain('<script>');
  });
});
