import { randomUUID } from 'node:crypto';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { and, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { createCampaign, createSenderPhone, createTemplate, createWorkspace } from '@/db/factories';
import { campaigns, landingPageDailyStats, leads, leadTouchpoints, messages } from '@/db/schema';
import { LandingView } from '@/components/leadgen/landing-view';
import { createLandingPage, duplicateLandingPage, updateLandingPage } from '@/lib/landing-pages/save-landing-page';
import { isAppError } from '@/lib/errors';
import { issueFormToken } from './form-token';
import { resolveLandingPage } from './get-public-landing-page';
import { safeHref } from './markdown';
import { DEFAULT_FIELDS, landingPageFormSchema, type LandingPageFormValues } from './schema';
import { IP_RATE, NOTHING_QUEUED_MESSAGE, PHONE_RATE, submitLandingPage } from './submit-landing-page';

function values(overrides: Partial<LandingPageFormValues> = {}): LandingPageFormValues {
  return {
    title: 'Spring offer',
    slug: `spring-${randomUUID().slice(0, 8)}`,
    status: 'published',
    headline: 'Talk to us',
    description: 'Leave your **number**.',
    brandColor: '#198754',
    buttonLabel: 'Message me',
    successMessage: 'Thanks! We just sent you a message.',
    redirectUrl: '',
    whatsappNumber: '',
    whatsappText: '',
    defaultCountry: 'BR',
    consentText: 'I agree to receive WhatsApp messages.',
    tags: ['spring'],
    sourceLabel: 'Instagram ads',
    campaignIds: [],
    corsOrigins: [],
    fields: [
      ...DEFAULT_FIELDS,
      { name: 'plan', label: 'Plan', type: 'select', required: true, options: ['Basic', 'Pro'] },
      { name: 'newsletter', label: 'Send me news', type: 'checkbox', required: false },
      { name: 'partner', label: 'Partner', type: 'hidden', required: false, param: 'partner' },
    ],
    variants: [{ key: 'black-friday', match: 'utm_campaign', value: 'bf', headline: 'Black Friday!', description: '', buttonLabel: 'Get the deal' }],
    ...overrides,
  };
}

async function fieldErrorOf(p: Promise<unknown>): Promise<Record<string, string>> {
  try {
    await p;
  } catch (err) {
    if (isAppError(err)) return err.fields ?? { _: err.message };
    throw err;
  }
  throw new Error('expected an error');
}

const meta = (ip = `10.1.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`) => ({ ip, userAgent: 'vitest', referrer: 'https://ads.example/', landingUrl: null });
const OLD_ENOUGH = { channel: 'form' as const, minFillMs: 0 };

async function setup(overrides: Partial<LandingPageFormValues> = {}) {
  const ws = await createWorkspace();
  const sender = await createSenderPhone(ws.id);
  const template = await createTemplate(ws.id);
  const campaign = await createCampaign(ws.id, { templateId: template.id, senderPhoneId: sender.id, trigger: { sources: [], landingPageIds: [randomUUID()], tags: [], onImport: false } });
  const page = await createLandingPage(ws.id, values({ campaignIds: [campaign.id], ...overrides }));
  return { ws, page, campaign };
}

describe('landing page builder: slugs', () => {
  it('refuses reserved words, bad shapes and taken slugs; a rename answers 308 from the old slug', async () => {
    const ws = await createWorkspace();
    expect(await fieldErrorOf(createLandingPage(ws.id, values({ slug: 'admin' })))).toHaveProperty('slug', 'That word is reserved: choose another slug');
    expect(await fieldErrorOf(createLandingPage(ws.id, values({ slug: '-x' })))).toHaveProperty('slug');
    const page = await createLandingPage(ws.id, values());
    const other = await createWorkspace();
    expect(await fieldErrorOf(createLandingPage(other.id, values({ slug: page.slug })))).toEqual({ slug: 'That slug is already taken' });

    const newSlug = `${page.slug}-v2`;
    await updateLandingPage(ws.id, page.id, values({ slug: newSlug }));
    expect(await resolveLandingPage(page.slug)).toEqual({ kind: 'redirect', slug: newSlug });
    // The old slug stays the page's: nobody else may take it.
    expect(await fieldErrorOf(createLandingPage(other.id, values({ slug: page.slug })))).toEqual({ slug: 'That slug is already taken' });
    // Another workspace cannot edit it.
    expect(await fieldErrorOf(updateLandingPage(other.id, page.id, values({ slug: `${page.slug}-x` })))).toEqual({ _: 'Landing page not found' });
    // Going back to the old slug works and ends the redirect.
    await updateLandingPage(ws.id, page.id, values({ slug: page.slug }));
    expect((await resolveLandingPage(page.slug)).kind).toBe('page');
    expect(await resolveLandingPage(newSlug)).toEqual({ kind: 'redirect', slug: page.slug });
  });

  it('drafts are seen only by their workspace, archived pages are gone, unknown slugs are not found', async () => {
    const ws = await createWorkspace();
    const other = await createWorkspace();
    const page = await createLandingPage(ws.id, values({ status: 'draft' }));
    expect((await resolveLandingPage(page.slug)).kind).toBe('not_found');
    expect((await resolveLandingPage(page.slug, [other.id])).kind).toBe('not_found');
    expect(await resolveLandingPage(page.slug, [ws.id])).toMatchObject({ kind: 'page', isPreview: true });
    await updateLandingPage(ws.id, page.id, values({ slug: page.slug, status: 'archived' }));
    expect((await resolveLandingPage(page.slug)).kind).toBe('gone');
    expect((await resolveLandingPage(`nope-${randomUUID().slice(0, 8)}`)).kind).toBe('not_found');
    const copy = await duplicateLandingPage(ws.id, page.id);
    expect(copy.slug).toBe(`${page.slug}-copy`);
    expect(await resolveLandingPage(copy.slug, [ws.id])).toMatchObject({ kind: 'page', isPreview: true, page: { status: 'draft' } });
  });

  it('chooses which campaigns react, and refuses to leave a campaign listening to every page', async () => {
    const { ws, page, campaign } = await setup();
    const db = await getDb();
    const [c] = await db.select().from(campaigns).where(eq(campaigns.id, campaign.id));
    expect(c.trigger.landingPageIds).toContain(page.id);
    const only = await createCampaign(ws.id, { templateId: c.templateId, senderPhoneId: c.senderPhoneId, trigger: { sources: [], landingPageIds: [page.id], tags: [], onImport: false } });
    expect(await fieldErrorOf(updateLandingPage(ws.id, page.id, values({ slug: page.slug, campaignIds: [campaign.id] })))).toHaveProperty('campaignIds');
    await updateLandingPage(ws.id, page.id, values({ slug: page.slug, campaignIds: [only.id] }));
    const [after] = await db.select().from(campaigns).where(eq(campaigns.id, campaign.id));
    expect(after.trigger.landingPageIds).not.toContain(page.id);
  });
});

describe('landing page text is never markup', () => {
  const attacks = ['<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '[click](javascript:alert(1))', '[x](java\tscript:alert(1))', '" onmouseover="alert(1)'];

  it('the builder refuses angle brackets in short texts and non-https redirects', () => {
    for (const a of attacks.slice(0, 2)) {
      for (const field of ['title', 'headline', 'buttonLabel', 'successMessage', 'consentText', 'sourceLabel', 'whatsappText'] as const) {
        expect(landingPageFormSchema.safeParse(values({ [field]: a })).success, `${field}: ${a}`).toBe(false);
      }
      expect(landingPageFormSchema.safeParse(values({ fields: [...DEFAULT_FIELDS, { name: 'x', label: a, type: 'text', required: false }] })).success).toBe(false);
    }
    expect(landingPageFormSchema.safeParse(values({ redirectUrl: 'javascript:alert(1)' })).success).toBe(false);
    expect(landingPageFormSchema.safeParse(values({ redirectUrl: 'http://example.com' })).success).toBe(false);
    expect(landingPageFormSchema.safeParse(values({ redirectUrl: 'https://example.com/thanks' })).success).toBe(true);
    expect(safeHref('javascript:alert(1)')).toBeNull();
    expect(safeHref(' jav\nascript:alert(1)')).toBeNull();
    expect(safeHref('data:text/html,<b>')).toBeNull();
  });

  it('the rendered page shows attacks in every text as text', () => {
    for (const a of attacks) {
      const html = renderToStaticMarkup(
        createElement(LandingView, {
          page: {
            headline: a,
            description: `${a}\n\n- ${a}\n\n**${a}** [ok](https://example.com) ${a}`,
            buttonLabel: a,
            brandColor: '#198754',
            consentText: a,
            defaultCountry: 'BR',
            fields: [...DEFAULT_FIELDS, { name: 'plan', label: a, type: 'select', required: true, options: [a] }, { name: 'c', label: a, type: 'checkbox', required: false }],
          },
          variant: null,
          isPreview: false,
          hidden: { utm_source: a },
          token: 't',
        }),
      );
      expect(html).not.toMatch(/<script/i);
      expect(html).not.toMatch(/<img/i);
      expect(html).not.toMatch(/href="\s*javascript:/i);
      // No attribute named on...: handlers would only exist as escaped text.
      expect(html).not.toMatch(/<[^>]*\son[a-z]+="/i);
      expect(html).toContain('href="https://example.com/"');
    }
  });
});

describe('submitting a landing page', () => {
  it('a second submission of the same phone in another format adds a touchpoint only, with no second welcome and no promise of one', async () => {
    const { ws, page } = await setup();
    const db = await getDb();
    const first = await submitLandingPage(
      page.slug,
      { name: 'Ana', phone: '(11) 98765-4321', consent: 'on', plan: 'Pro', newsletter: 'on', partner: 'acme', utm_campaign: 'bf', utm_source: 'ig', gclid: 'g1', ref: 'r1', _lpt: issueFormToken(page.slug) },
      meta(),
      OLD_ENOUGH,
    );
    expect(first).toMatchObject({ status: 'success', message: 'Thanks! We just sent you a message.', queued: 1 });
    const second = await submitLandingPage(page.slug, { name: 'Other', email: 'ana@example.com', phone: '+55 11 98765 4321', consent: 'on', plan: 'Basic', _lpt: issueFormToken(page.slug) }, meta(), OLD_ENOUGH);
    expect(second).toMatchObject({ status: 'success', message: NOTHING_QUEUED_MESSAGE, queued: 0 });

    const rows = await db.select().from(leads).where(eq(leads.workspaceId, ws.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ phoneE164: '+5511987654321', name: 'Ana', email: 'ana@example.com', tags: ['spring'], consentSource: `landing_page:${page.slug}` });
    expect(rows[0].attributes).toEqual({ plan: 'Pro', newsletter: 'yes', partner: 'acme' });
    expect(await db.$count(messages, eq(messages.leadId, rows[0].id))).toBe(1);
    const tps = await db.select().from(leadTouchpoints).where(eq(leadTouchpoints.leadId, rows[0].id)).orderBy(leadTouchpoints.createdAt);
    expect(tps).toHaveLength(2);
    expect(tps[0]).toMatchObject({ utmCampaign: 'bf', utmSource: 'ig', landingPageId: page.id });
    expect(tps[0].payload).toMatchObject({ gclid: 'g1', ref: 'r1', variant: 'black-friday', sourceLabel: 'Instagram ads', consent: { slug: page.slug, landingPageId: page.id } });
    expect((tps[0].payload.consent as { textHash: string }).textHash).toMatch(/^[0-9a-f]{16}$/);
    expect(tps[1].payload).toMatchObject({ variant: 'default' });
  });

  it('field errors keep the values, and without consent nothing is stored', async () => {
    const { ws, page } = await setup();
    const r = await submitLandingPage(page.slug, { name: 'Bia', phone: '11 98765 0000', plan: 'Gold', _lpt: issueFormToken(page.slug) }, meta(), OLD_ENOUGH);
    expect(r).toMatchObject({ status: 'error', code: 'invalid', values: { name: 'Bia' } });
    if (r.status === 'error') expect(Object.keys(r.fields).sort()).toEqual(['consent', 'plan']);
    expect(await (await getDb()).$count(leads, eq(leads.workspaceId, ws.id))).toBe(0);
  });

  it('a honeypot, a missing or forged token and a too-fast fill look like success, store nothing and count as blocked', async () => {
    const { ws, page } = await setup();
    const db = await getDb();
    const good = { name: 'Bot', phone: '11 98765 1111', consent: 'on', plan: 'Pro', utm_source: 'spam' };
    const cases = [
      [{ ...good, website: 'http://spam', _lpt: issueFormToken(page.slug) }, OLD_ENOUGH],
      [{ ...good }, OLD_ENOUGH],
      [{ ...good, _lpt: issueFormToken('another-page') }, OLD_ENOUGH],
      [{ ...good, _lpt: `${Date.now()}.${'A'.repeat(43)}` }, OLD_ENOUGH],
      [{ ...good, _lpt: issueFormToken(page.slug) }, { channel: 'form' as const, minFillMs: 60_000 }],
    ] as const;
    for (const [raw, opts] of cases) {
      expect(await submitLandingPage(page.slug, { ...raw }, meta(), opts)).toMatchObject({ status: 'success', isBlocked: true, message: NOTHING_QUEUED_MESSAGE });
    }
    expect(await db.$count(leads, eq(leads.workspaceId, ws.id))).toBe(0);
    const [stat] = await db.select({ blocked: sql<number>`sum(${landingPageDailyStats.blocked})::int` }).from(landingPageDailyStats).where(and(eq(landingPageDailyStats.landingPageId, page.id), eq(landingPageDailyStats.utmSource, 'spam')));
    expect(Number(stat.blocked)).toBe(cases.length);
    // The real thing passes with the same fields once the fill took long enough.
    expect(await submitLandingPage(page.slug, { ...good, _lpt: issueFormToken(page.slug, Date.now() - 5000) }, meta(), { channel: 'form' })).toMatchObject({ status: 'success', isBlocked: false });
  });

  it('limits submissions per address and per phone, in the database', async () => {
    const { page } = await setup();
    const ip = meta().ip;
    const results = [];
    for (let i = 0; i < IP_RATE.max + 2; i++) {
      results.push(await submitLandingPage(page.slug, { name: 'N', phone: `11 98${String(100000 + i).padStart(6, '0').slice(0, 3)}-${String(1000 + i)}`, consent: 'on', plan: 'Pro' }, meta(ip), { channel: 'json' }));
    }
    expect(results.slice(0, IP_RATE.max).every((r) => r.status === 'success')).toBe(true);
    expect(results.at(-1)).toMatchObject({ status: 'error', code: 'rate_limited' });
    expect((results.at(-1) as { retryAfter: number }).retryAfter).toBeGreaterThan(0);

    const phoneResults = [];
    for (let i = 0; i < PHONE_RATE.max + 1; i++) {
      phoneResults.push(await submitLandingPage(page.slug, { name: 'N', phone: '11 98765 2222', consent: 'on', plan: 'Pro' }, meta(), { channel: 'json' }));
    }
    expect(phoneResults.slice(0, PHONE_RATE.max).every((r) => r.status === 'success')).toBe(true);
    expect(phoneResults.at(-1)).toMatchObject({ status: 'error', code: 'rate_limited' });
  });
});
