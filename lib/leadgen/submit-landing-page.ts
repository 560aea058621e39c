import 'server-only';
import { createHash } from 'node:crypto';
import { fieldErrors } from '@/lib/errors';
import { captureLead } from '@/lib/leads/capture-lead';
import { normalizePhone, toWaDigits } from '@/lib/phones/normalize-phone';
import { consumeRateLimit } from '@/lib/rate-limit/consume-rate-limit';
import { checkFormToken } from './form-token';
import { getPublicLandingPage, type PublicLandingPage } from './get-public-landing-page';
import { recordLandingStat } from './record-landing-stats';
import { chooseVariant, isStandardField, landingSubmissionSchema } from './schema';
import { TURNSTILE_FIELD, verifyTurnstile, type TurnstileConfig } from './verify-turnstile';
import { env } from '@/lib/env';

// Per address and page: generous for a family behind one router, tight for a script.
export const IP_RATE = { window: 10 * 60, max: 20 };
// Per phone and page: the same number submitted over and over is someone else's number.
export const PHONE_RATE = { window: 60 * 60, max: 5 };
export const HONEYPOT_FIELD = 'website';
export const TOKEN_FIELD = '_lpt';
// Shown when no message was queued (a returning visitor, a bot, no campaign): it promises nothing.
export const NOTHING_QUEUED_MESSAGE = 'Thanks! We have your details.';

export type LandingRequestMeta = { ip: string; userAgent: string | null; referrer: string | null; landingUrl?: string | null };
export type SubmitOptions = { channel: 'form' | 'json'; minFillMs?: number; now?: number; turnstile?: TurnstileConfig | null };

export type SubmitResult =
  | { status: 'success'; message: string; whatsappUrl: string | null; redirectUrl: string | null; leadId: string | null; isBlocked: boolean; queued: number }
  | { status: 'error'; message: string; fields: Record<string, string>; values: Record<string, string>; retryAfter?: number; code: 'invalid' | 'rate_limited' | 'not_found' };

export function consentHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

function whatsappUrl(page: PublicLandingPage): string | null {
  if (!page.whatsappNumber) return null;
  const text = page.whatsappText ? `?text=${encodeURIComponent(page.whatsappText)}` : '';
  return `https://wa.me/${toWaDigits(page.whatsappNumber)}${text}`;
}

/**
 * A visitor's submission of /lp/<slug> (the page's form or the JSON endpoint): spam checks,
 * validation, then one capture (lead + touchpoint + outbox). A bot gets the same answer as a
 * person and nothing is stored, only counted as blocked.
 */
export async function submitLandingPage(slug: string, raw: Record<string, string>, meta: LandingRequestMeta, opts: SubmitOptions = { channel: 'form' }): Promise<SubmitResult> {
  const page = await getPublicLandingPage(slug);
  if (!page) return { status: 'error', code: 'not_found', message: 'This page is no longer available.', fields: {}, values: raw };
  const blocked = async (): Promise<SubmitResult> => {
    await recordLandingStat(page.id, 'blocked', raw.utm_source);
    return { status: 'success', message: NOTHING_QUEUED_MESSAGE, whatsappUrl: whatsappUrl(page), redirectUrl: page.redirectUrl, leadId: null, isBlocked: true, queued: 0 };
  };
  if ((raw[HONEYPOT_FIELD] ?? '').trim() !== '') return blocked();
  // Only the page's own form carries a token; the JSON endpoint is for other sites' forms.
  if (opts.channel === 'form' && checkFormToken(page.slug, raw[TOKEN_FIELD], opts) !== 'ok') return blocked();
  // Turnstile (when configured) is asked last: it is a network call, the checks above are free.
  const turnstile = opts.channel === 'form' ? (opts.turnstile === undefined ? env().turnstile : opts.turnstile) : null;
  if (turnstile && (await verifyTurnstile(turnstile, raw[TURNSTILE_FIELD], meta.ip)) === 'failed') return blocked();

  const limit = await consumeRateLimit(`lp:${page.id}:${meta.ip}`, IP_RATE);
  if (!limit.allowed) {
    return { status: 'error', code: 'rate_limited', retryAfter: limit.retryAfter ?? 60, message: `Too many submissions. Please try again in ${limit.retryAfter} seconds.`, fields: {}, values: raw };
  }
  const parsed = landingSubmissionSchema(page.fields).safeParse(raw);
  const fields = parsed.success ? {} : fieldErrors(parsed.error);
  const country = /^[A-Z]{2}$/.test(raw.phone_country ?? '') ? raw.phone_country : page.defaultCountry;
  const phone = normalizePhone(raw.phone ?? '', country);
  if (!phone.ok && !fields.phone && raw.phone?.trim()) fields.phone = `That does not look like a WhatsApp number (${phone.reason}).`;
  if (!parsed.success || !phone.ok) {
    return { status: 'error', code: 'invalid', message: 'Please check the highlighted fields.', fields, values: raw };
  }
  const phoneLimit = await consumeRateLimit(`lp:${page.id}:phone:${phone.e164}`, PHONE_RATE);
  if (!phoneLimit.allowed) {
    return { status: 'error', code: 'rate_limited', retryAfter: phoneLimit.retryAfter ?? 60, message: `Too many submissions for this number. Please try again in ${phoneLimit.retryAfter} seconds.`, fields: {}, values: raw };
  }

  const data = parsed.data as Record<string, string | undefined>;
  const attributes: Record<string, string> = {};
  for (const f of page.fields) {
    const v = data[f.name];
    if (!isStandardField(f.name) && v) attributes[f.name] = v;
  }
  const variant = chooseVariant(page.variants, data);
  const now = new Date(opts.now ?? Date.now());
  const attribution = Object.fromEntries(['gclid', 'fbclid', 'ctwa_clid', 'ref'].flatMap((k) => (data[k] ? [[k, data[k]]] : [])));
  const result = await captureLead({
    workspaceId: page.workspaceId,
    phoneE164: phone.e164,
    source: 'landing_page',
    name: data.name,
    email: data.email,
    tags: page.tags,
    attributes,
    consent: { at: now, source: `landing_page:${page.slug}`, text: page.consentText },
    touchpoint: {
      landingPageId: page.id,
      utm: { source: data.utm_source, medium: data.utm_medium, campaign: data.utm_campaign, term: data.utm_term, content: data.utm_content },
      referrer: meta.referrer,
      ipAddress: meta.ip,
      userAgent: meta.userAgent,
      payload: {
        ...attribution,
        channel: opts.channel,
        slug: page.slug,
        landingUrl: meta.landingUrl?.slice(0, 1000) ?? null,
        sourceLabel: page.sourceLabel,
        variant: variant?.key ?? 'default',
        consent: { at: now.toISOString(), landingPageId: page.id, slug: page.slug, textHash: consentHash(page.consentText) },
        fields: Object.fromEntries(page.fields.map((f) => [f.name, data[f.name] ?? null])),
      },
    },
  });
  const queued = result.queuedMessageIds.length;
  return {
    status: 'success',
    // The page's thank-you text may promise a message: only say it when one was queued.
    message: queued > 0 ? page.successMessage : NOTHING_QUEUED_MESSAGE,
    whatsappUrl: whatsappUrl(page),
    redirectUrl: page.redirectUrl,
    leadId: result.lead.id,
    isBlocked: false,
    queued,
  };
}
