import { randomUUID } from 'node:crypto';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { createWorkspace } from '@/db/factories';
import { landingPageDailyStats, leads } from '@/db/schema';
import { LandingView } from '@/components/leadgen/landing-view';
import { createLandingPage } from '@/lib/landing-pages/save-landing-page';
import { buildContentSecurityPolicy } from '@/lib/security/content-security-policy';
import { FAIL_SECRET, PASS_SECRET, PASS_TOKEN, startFakeSiteverify } from '@/test/fake-siteverify';
import { issueFormToken } from './form-token';
import { DEFAULT_FIELDS } from './schema';
import { submitLandingPage } from './submit-landing-page';

let fake: Awaited<ReturnType<typeof startFakeSiteverify>>;
beforeAll(async () => {
  fake = await startFakeSiteverify();
  await getDb(); // a fresh database opens slowly on a busy machine: under the hook's timeout
});
afterAll(() => fake.close());

async function page() {
  const ws = await createWorkspace();
  const slug = `ts-${randomUUID().slice(0, 8)}`;
  const p = await createLandingPage(ws.id, {
    title: 'T', slug, status: 'published', headline: 'Hi', description: '', brandColor: '#198754', buttonLabel: 'Go', successMessage: 'Thanks',
    redirectUrl: '', whatsappNumber: '', whatsappText: '', defaultCountry: 'BR', consentText: 'I agree', tags: [], sourceLabel: '', campaignIds: [],
    corsOrigins: [], fields: DEFAULT_FIELDS, variants: [],
  });
  return { ws, slug, id: p.id };
}

describe('Cloudflare Turnstile on the landing form (a local siteverify with the documented test secrets)', () => {
  const meta = () => ({ ip: `198.51.100.${Math.floor(Math.random() * 250)}`, userAgent: 'vitest', referrer: null });
  const turnstile = (secretKey: string) => ({ secretKey, verifyUrl: fake.url, timeoutMs: 2000 });
  const raw = (slug: string, phone: string, extra: Record<string, string> = {}) => ({ name: 'Ana', phone, consent: 'on', _lpt: issueFormToken(slug), ...extra });

  it('a passing token is stored; a failing or missing one is a bot (normal answer, nothing stored, counted blocked); the JSON endpoint is not asked', async () => {
    const { ws, slug, id } = await page();
    const db = await getDb();
    const ok = await submitLandingPage(slug, raw(slug, '11 98765 1001', { 'cf-turnstile-response': PASS_TOKEN }), meta(), { channel: 'form', minFillMs: 0, turnstile: turnstile(PASS_SECRET) });
    expect(ok).toMatchObject({ status: 'success', isBlocked: false });
    expect(fake.seen.at(-1)?.get('response')).toBe(PASS_TOKEN);

    const bad = await submitLandingPage(slug, raw(slug, '11 98765 1002', { 'cf-turnstile-response': PASS_TOKEN }), meta(), { channel: 'form', minFillMs: 0, turnstile: turnstile(FAIL_SECRET) });
    expect(bad).toMatchObject({ status: 'success', isBlocked: true, leadId: null });
    const missing = await submitLandingPage(slug, raw(slug, '11 98765 1003'), meta(), { channel: 'form', minFillMs: 0, turnstile: turnstile(PASS_SECRET) });
    expect(missing).toMatchObject({ status: 'success', isBlocked: true });
    expect(await db.$count(leads, eq(leads.workspaceId, ws.id))).toBe(1);
    const [stat] = await db.select().from(landingPageDailyStats).where(eq(landingPageDailyStats.landingPageId, id));
    expect(stat.blocked).toBe(2);

    const asked = fake.seen.length;
    const json = await submitLandingPage(slug, { name: 'B', phone: '11 98765 1004', consent: 'on' }, meta(), { channel: 'json', turnstile: turnstile(FAIL_SECRET) });
    expect(json).toMatchObject({ status: 'success', isBlocked: false });
    expect(fake.seen.length).toBe(asked);
  });

  it('off by default (no keys in tests): the form is not checked, no widget is drawn, the CSP stays closed', async () => {
    const { slug } = await page();
    const r = await submitLandingPage(slug, raw(slug, '11 98765 1005'), meta(), { channel: 'form', minFillMs: 0 });
    expect(r).toMatchObject({ status: 'success', isBlocked: false });

    const view = (turnstileSiteKey?: string) =>
      renderToStaticMarkup(
        createElement(LandingView, {
          page: { headline: 'H', description: '', buttonLabel: 'Go', brandColor: '#198754', consentText: 'OK', defaultCountry: 'BR', fields: DEFAULT_FIELDS },
          variant: null, isPreview: false, hidden: {}, token: 't', turnstileSiteKey,
        }),
      );
    expect(view()).not.toContain('cf-turnstile');
    expect(view('1x00000000000000000000AA')).toContain('data-sitekey="1x00000000000000000000AA"');
    const csp = (allowTurnstile: boolean) => buildContentSecurityPolicy({ nonce: 'n', isDev: false, frameAncestors: "'none'", allowTurnstile });
    expect(csp(false)).not.toContain('challenges.cloudflare.com');
    expect(csp(true)).toContain("frame-src 'self' https://challenges.cloudflare.com");
  });
});
