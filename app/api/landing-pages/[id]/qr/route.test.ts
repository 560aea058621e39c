import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import jsQR from 'jsqr';
import { NextRequest } from 'next/server';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import * as s from '@/db/schema';
import { getAuth } from '@/lib/auth/auth';
import { getSessionContextFor } from '@/lib/auth/session';
import { env } from '@/lib/env';
import { createLandingPage } from '@/lib/landing-pages/save-landing-page';
import { buildShareLink, landingPublicUrl } from '@/lib/landing-pages/share-links';
import { DEFAULT_FIELDS, type LandingPageFormValues } from '@/lib/leadgen/schema';
import { GET } from './route';

// The route against a real database and real sessions: each admin signs up through better-auth
// and calls the handler with the session cookie a browser would send.

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

async function signUp(): Promise<{ cookie: string; workspaceId: string; userId: string }> {
  const auth = await getAuth();
  const email = `qr-${randomUUID().slice(0, 8)}@example.test`;
  const res = await auth.api.signUpEmail({ body: { name: 'QR admin', email, password: 'qr-password-123' }, asResponse: true });
  expect(res.ok).toBe(true);
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  // The first session lookup gives a new account its own workspace, as the first page view does.
  const ctx = await getSessionContextFor(new Headers({ cookie }));
  return { cookie, workspaceId: ctx!.workspace.id, userId: ctx!.user.id };
}

async function makePage(workspaceId: string, overrides: Partial<LandingPageFormValues> = {}) {
  const values: LandingPageFormValues = {
    title: 'QR', slug: `qr-${randomUUID().slice(0, 8)}`, status: 'published', headline: 'Hi', description: '', brandColor: '#198754',
    buttonLabel: 'Go', successMessage: 'Thanks', redirectUrl: '', whatsappNumber: '', whatsappText: '', defaultCountry: 'BR',
    consentText: 'I agree', tags: [], sourceLabel: '', campaignIds: [], corsOrigins: [], fields: DEFAULT_FIELDS, variants: [],
    ...overrides,
  };
  const page = await createLandingPage(workspaceId, values);
  return { ...page, publicUrl: landingPublicUrl(env().appUrl, page.slug) };
}

const get = (id: string, query: Record<string, string>, cookie?: string) =>
  GET(new NextRequest(`http://localhost/api/landing-pages/${id}/qr?${new URLSearchParams(query)}`, { headers: cookie ? { cookie } : {} }), {
    params: Promise.resolve({ id }),
  });

/** The text a phone camera would read from an image sharp can open (PNG, or SVG rasterised by librsvg). */
async function decode(image: Buffer): Promise<string | null> {
  const { data, info } = await sharp(image).flatten({ background: '#ffffff' }).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return jsQR(new Uint8ClampedArray(data.buffer, data.byteOffset, data.length), info.width, info.height)?.data ?? null;
}

let admin: Awaited<ReturnType<typeof signUp>>;
beforeAll(async () => {
  admin = await signUp();
});

describe('GET /api/landing-pages/<id>/qr', () => {
  it('draws a PNG of the public address by default, shown inline, that decodes back to the address', async () => {
    const page = await makePage(admin.workspaceId);
    const res = await get(page.id, { size: '512' }, admin.cookie);
    expect(res.status, await res.clone().text()).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(res.headers.get('content-disposition')).toBe(`inline; filename="${page.slug}-qr.png"`);
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    const png = Buffer.from(await res.arrayBuffer());
    expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    expect(await sharp(png).metadata()).toMatchObject({ format: 'png', width: 512, height: 512 });
    expect(await decode(png)).toBe(page.publicUrl);
  });

  it('encodes a tagged link in canonical order as a PNG download named after its source and campaign', async () => {
    const page = await makePage(admin.workspaceId);
    // Tags in another order, a space and an accent: the code holds the builder's own form of the link.
    const asked = `${page.publicUrl}?utm_campaign=Black%20Friday%C3%A9&ref=partner-7&utm_source=instagram&utm_medium=social`;
    const res = await get(page.id, { url: asked, format: 'png', size: '1024', download: '1' }, admin.cookie);
    expect(res.status, await res.clone().text()).toBe(200);
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="${page.slug}-instagram-black-fridaye-qr.png"`);
    const expected = buildShareLink(page.publicUrl, { utm_source: 'instagram', utm_medium: 'social', utm_campaign: 'Black Fridayé', ref: 'partner-7' });
    expect(expected).toBe(`${page.publicUrl}?utm_source=instagram&utm_medium=social&utm_campaign=Black+Friday%C3%A9&ref=partner-7`);
    const png = Buffer.from(await res.arrayBuffer());
    expect((await sharp(png).metadata()).width).toBe(1024);
    expect(await decode(png)).toBe(expected);
  });

  it('draws an SVG that parses as SVG and decodes to the same link', async () => {
    const page = await makePage(admin.workspaceId);
    const link = buildShareLink(page.publicUrl, { utm_source: 'print', utm_medium: 'qr' });
    const res = await get(page.id, { url: link, format: 'svg', size: '512', download: '1' }, admin.cookie);
    expect(res.status, await res.clone().text()).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/svg+xml; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="${page.slug}-print-qr.svg"`);
    const svg = await res.text();
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="512" height="512" viewBox="0 0 \d+ \d+"/);
    expect(svg.trim().endsWith('</svg>')).toBe(true);
    // No script, no external reference: safe to open from the downloads folder.
    expect(svg).not.toMatch(/<script|href=|on\w+=/i);
    const image = Buffer.from(svg);
    expect(await sharp(image).metadata()).toMatchObject({ format: 'svg', width: 512, height: 512 });
    expect(await decode(image)).toBe(link);
  });

  it('also serves drafts and archived pages (the panel says what visitors see there)', async () => {
    for (const status of ['draft', 'archived'] as const) {
      const page = await makePage(admin.workspaceId, { status });
      const res = await get(page.id, {}, admin.cookie);
      expect(res.status, status).toBe(200);
      expect(await decode(Buffer.from(await res.arrayBuffer()))).toBe(page.publicUrl);
    }
  });

  it('refuses to encode any other address: 400 with a message', async () => {
    const page = await makePage(admin.workspaceId);
    const other = await makePage(admin.workspaceId);
    const origin = new URL(page.publicUrl).origin;
    const refused = [
      `https://evil.example/lp/${page.slug}`,
      // The same page under the other scheme is another origin.
      page.publicUrl.startsWith('https:') ? page.publicUrl.replace(/^https:/, 'http:') : page.publicUrl.replace(/^http:/, 'https:'),
      other.publicUrl,
      `${origin}/lp/${page.slug}/image`,
      `${origin}/sign-in?next=/lp/${page.slug}`,
      `${page.publicUrl}#utm_source=x`,
      `${page.publicUrl}?next=https://evil.example`,
      `${page.publicUrl}?gclid=abc`,
      `${page.publicUrl}?utm_source=a&utm_source=b`,
      `${page.publicUrl}?utm_source=${'x'.repeat(201)}`,
      `${page.publicUrl}?utm_source=line%0Abreak`,
      `${origin.replace('//', '//user:pw@')}/lp/${page.slug}`,
      `javascript:alert(1)//${page.publicUrl}`,
      'not a url',
    ];
    for (const url of refused) {
      const res = await get(page.id, { url }, admin.cookie);
      expect(res.status, url).toBe(400);
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(body.error.code, url).toBe('BAD_USER_INPUT');
      expect(body.error.message, url).toContain("Only this page's address");
    }
  });

  it('400 for a bad format, size or id', async () => {
    const page = await makePage(admin.workspaceId);
    expect((await get(page.id, { format: 'gif' }, admin.cookie)).status).toBe(400);
    expect((await get(page.id, { size: '5000' }, admin.cookie)).status).toBe(400);
    expect((await get(page.id, { size: 'big' }, admin.cookie)).status).toBe(400);
    expect((await get('not-a-uuid', {}, admin.cookie)).status).toBe(400);
  });

  it('404 for another workspace’s page or an unknown id, even with that page’s own address', async () => {
    const stranger = await signUp();
    const theirs = await makePage(stranger.workspaceId);
    const res = await get(theirs.id, { url: theirs.publicUrl }, admin.cookie);
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('NOT_FOUND');
    expect((await get(randomUUID(), {}, admin.cookie)).status).toBe(404);
    // Its owner gets it.
    expect((await get(theirs.id, {}, stranger.cookie)).status).toBe(200);
  });

  it('401 without a session or with a forged one, 403 for an agent', async () => {
    const page = await makePage(admin.workspaceId);
    expect((await get(page.id, {})).status).toBe(401);
    expect((await get(page.id, {}, 'better-auth.session_token=forged')).status).toBe(401);

    const agent = await signUp();
    const own = await makePage(agent.workspaceId);
    const db = await getDb();
    await db.update(s.memberships).set({ role: 'agent' }).where(eq(s.memberships.userId, agent.userId));
    const res = await get(own.id, {}, agent.cookie);
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('FORBIDDEN');
  });
});
