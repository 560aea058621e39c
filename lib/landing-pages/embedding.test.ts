import { randomUUID } from 'node:crypto';
import { NextRequest } from 'next/server';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { createWorkspace } from '@/db/factories';
import { landingPages, type LandingPage } from '@/db/schema';
import { buildContentSecurityPolicy } from '@/lib/security/content-security-policy';
import { proxy } from '@/proxy';
import { DEFAULT_FIELDS, type LandingPageFormValues } from '@/lib/leadgen/schema';
import { embeddingSchema, frameAncestorsFor } from './embedding';
import { getLandingFrameAncestors } from './get-landing-frame-ancestors';
import { landingPageFormValues } from './landing-page-form-values';
import { createLandingPage, loadLandingPage, updateLandingPage } from './save-landing-page';

async function landingPage(values: Partial<LandingPage> = {}) {
  const ws = await createWorkspace();
  const db = await getDb();
  const [page] = await db
    .insert(landingPages)
    .values({ workspaceId: ws.id, slug: `lp-${randomUUID().slice(0, 8)}`, title: 'T', headline: 'H', consentText: 'OK', ...values })
    .returning();
  return page;
}

async function headersFor(path: string) {
  const res = await proxy(new NextRequest(`http://localhost${path}`));
  return { csp: res.headers.get('content-security-policy') ?? '', xfo: res.headers.get('x-frame-options') };
}

describe('landing page embedding', () => {
  it('is off for a new page: framing refused', async () => {
    const page = await landingPage();
    expect(page.allowEmbedding).toBe(false);
    expect(page.embedOrigins).toEqual([]);
    expect(await getLandingFrameAncestors(page.slug)).toBe("'none'");
    const { csp, xfo } = await headersFor(`/lp/${page.slug}`);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(xfo).toBe('DENY');
  });

  it('a page that allows it may be framed by its listed sites only, or by any when none are listed', async () => {
    const listed = await landingPage({ allowEmbedding: true, embedOrigins: ['https://shop.example.com', 'https://*.example.org'] });
    const anywhere = await landingPage({ allowEmbedding: true });
    const listedHeaders = await headersFor(`/lp/${listed.slug}`);
    expect(listedHeaders.csp).toMatch(/frame-ancestors 'self' https:\/\/shop\.example\.com https:\/\/\*\.example\.org$/);
    expect(listedHeaders.xfo).toBeNull();
    expect((await headersFor(`/lp/${anywhere.slug}/`)).csp).toMatch(/frame-ancestors \*$/);
    // Everything else of the policy stays.
    expect(listedHeaders.csp).toContain("script-src 'self' 'nonce-");
  });

  it('the admin, unknown pages and malformed slugs are never frameable', async () => {
    await landingPage({ allowEmbedding: true, slug: 'embeddable-demo' });
    for (const path of ['/dashboard', '/lp/missing-page', '/lp/EMBEDDABLE-DEMO', '/lp/embeddable-demo/extra', '/sign-in?next=/lp/embeddable-demo']) {
      const { csp, xfo } = await headersFor(path);
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(xfo, path).toBe('DENY');
    }
  });

  it('stored origins cannot smuggle directives into the header; the form schema refuses them', () => {
    expect(frameAncestorsFor({ allowEmbedding: true, embedOrigins: ["https://a.example; script-src 'unsafe-inline'"] })).toBe("'none'");
    expect(frameAncestorsFor({ allowEmbedding: true, embedOrigins: ['https://a.example', 'javascript:alert(1)'] })).toBe("'self' https://a.example");
    expect(embeddingSchema.parse({ allowEmbedding: true, embedOrigins: [' HTTPS://Shop.Example.com/ '] })).toEqual({
      allowEmbedding: true,
      embedOrigins: ['https://shop.example.com'],
    });
    for (const bad of ['https://a.example/path', "https://a.example'", 'ftp://a.example', 'https://', '*']) {
      expect(embeddingSchema.safeParse({ allowEmbedding: true, embedOrigins: [bad] }).success, bad).toBe(false);
    }
    expect(embeddingSchema.parse({})).toEqual({ allowEmbedding: false, embedOrigins: [] });
  });

  it('is set in the builder: saved, shown again, sent by the proxy, and bad origins refused with a message', async () => {
    const ws = await createWorkspace();
    const values: LandingPageFormValues = {
      title: 'Embed', slug: `emb-${randomUUID().slice(0, 8)}`, status: 'published', headline: 'Hi', description: '', brandColor: '#198754',
      buttonLabel: 'Go', successMessage: 'Thanks', redirectUrl: '', whatsappNumber: '', whatsappText: '', defaultCountry: 'BR',
      consentText: 'I agree', tags: [], sourceLabel: '', campaignIds: [], corsOrigins: [], fields: DEFAULT_FIELDS, variants: [],
    };
    // Left out (older callers), the setting is off.
    const page = await createLandingPage(ws.id, values);
    expect(await getLandingFrameAncestors(page.slug)).toBe("'none'");
    await updateLandingPage(ws.id, page.id, { ...values, allowEmbedding: true, embedOrigins: ['https://Shop.Example.com/', 'https://shop.example.com'] });
    expect(await getLandingFrameAncestors(page.slug)).toBe("'self' https://shop.example.com");
    const stored = await loadLandingPage(ws.id, page.id);
    expect(await landingPageFormValues(ws.id, stored, 'BR')).toMatchObject({ allowEmbedding: true, embedOrigins: ['https://shop.example.com'] });
    await expect(updateLandingPage(ws.id, page.id, { ...values, allowEmbedding: true, embedOrigins: ['https://shop.example.com/landing'] })).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: { 'embedOrigins.0': 'Enter an origin like https://www.example.com (no path)' },
    });
  });
});

describe('content security policy', () => {
  it('allows eval and inline styles only in development, and the HMR websocket there', () => {
    const prod = buildContentSecurityPolicy({ nonce: 'abc', isDev: false, frameAncestors: "'none'" });
    const dev = buildContentSecurityPolicy({ nonce: 'abc', isDev: true, frameAncestors: "'none'" });
    expect(prod).toContain("script-src 'self' 'nonce-abc' 'strict-dynamic';");
    expect(prod).not.toMatch(/unsafe-eval|ws:/);
    expect(prod).toContain("style-src 'self' 'nonce-abc';");
    expect(prod).toContain("worker-src 'self' blob:");
    expect(dev).toContain("'unsafe-eval'");
    expect(dev).toContain("connect-src 'self' ws: wss:");
  });

  it('gives every request its own nonce, on the request (for Next.js) and the response', async () => {
    const a = await proxy(new NextRequest('http://localhost/sign-in'));
    const b = await proxy(new NextRequest('http://localhost/sign-in'));
    const nonce = (r: Response) => /'nonce-([^']+)'/.exec(r.headers.get('content-security-policy') ?? '')?.[1];
    expect(nonce(a)).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(nonce(a)).not.toBe(nonce(b));
    // NextResponse.next({ request: { headers } }) passes request headers on as x-middleware-request-*.
    expect(a.headers.get('x-middleware-request-x-nonce')).toBe(nonce(a));
    expect(a.headers.get('x-middleware-request-content-security-policy')).toBe(a.headers.get('content-security-policy'));
  });
});
