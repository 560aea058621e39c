import 'server-only';
import { fieldErrors } from '@/lib/errors';
import { captureLead } from '@/lib/leads/capture-lead';
import { normalizePhone } from '@/lib/phones/normalize-phone';
import { consumeRateLimit } from '@/lib/rate-limit/consume-rate-limit';
import { getPublicLandingPage } from './get-public-landing-page';
import { isStandardField, landingSubmissionSchema, type LandingFormState } from './schema';

// Per address and page: generous for a family behind one router, tight for a script.
const RATE = { window: 10 * 60, max: 20 };

export type LandingRequestMeta = { ip: string; userAgent: string | null; referrer: string | null };

/** A visitor's submission of /lp/<slug>: validate, normalise, capture (lead + touchpoint + outbox). */
export async function submitLandingPage(slug: string, raw: Record<string, string>, meta: LandingRequestMeta): Promise<LandingFormState> {
  const page = await getPublicLandingPage(slug);
  if (!page) return { status: 'error', message: 'This page is no longer available.', fields: {}, values: raw };

  const limit = await consumeRateLimit(`lp:${page.id}:${meta.ip}`, RATE);
  if (!limit.allowed) {
    return { status: 'error', message: `Too many submissions. Please try again in ${limit.retryAfter} seconds.`, fields: {}, values: raw };
  }
  const parsed = landingSubmissionSchema(page.fields).safeParse(raw);
  const fields = parsed.success ? {} : fieldErrors(parsed.error);
  const phone = normalizePhone(raw.phone ?? '', page.defaultCountry);
  if (!phone.ok && !fields.phone && raw.phone?.trim()) fields.phone = `That does not look like a WhatsApp number (${phone.reason}).`;
  if (!parsed.success || !phone.ok) {
    return { status: 'error', message: 'Please check the highlighted fields.', fields, values: raw };
  }
  const data = parsed.data as Record<string, string | undefined>;
  const attributes: Record<string, string> = {};
  for (const f of page.fields) {
    const v = data[f.name];
    if (!isStandardField(f.name) && v) attributes[f.name] = v;
  }
  await captureLead({
    workspaceId: page.workspaceId,
    phoneE164: phone.e164,
    source: 'landing_page',
    name: data.name,
    email: data.email,
    tags: page.tags,
    attributes,
    consent: { at: new Date(), source: `landing_page:${page.slug}`, text: page.consentText },
    touchpoint: {
      landingPageId: page.id,
      utm: { source: data.utm_source, medium: data.utm_medium, campaign: data.utm_campaign, term: data.utm_term, content: data.utm_content },
      referrer: meta.referrer,
      ipAddress: meta.ip,
      userAgent: meta.userAgent,
      payload: { fields: Object.fromEntries(page.fields.map((f) => [f.name, data[f.name] ?? null])) },
    },
  });
  return { status: 'success', message: page.successMessage };
}
