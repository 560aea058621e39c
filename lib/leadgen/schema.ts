import { z } from 'zod';
import { LANDING_FIELD_TYPES, LANDING_PAGE_STATUSES, type LandingPage, type LandingPageField, type LandingPageVariant } from '@/db/schema/leads';
import { embeddingSchema } from '@/lib/landing-pages/embedding';

// One module for the builder's form and the public form, imported by the browser and the server.

export type LandingField = LandingPageField;

const STANDARD = new Set(['name', 'phone', 'email']);
export function isStandardField(name: string): boolean {
  return STANDARD.has(name);
}

/** Words that can never be a slug: paths of the app itself, or confusing look-alikes. */
export const RESERVED_SLUGS = new Set([
  'admin', 'api', 'app', 'auth', 'campaigns', 'dashboard', 'edit', 'image', 'images', 'leads', 'login', 'logout',
  'lp', 'messages', 'new', 'preview', 'settings', 'sign-in', 'sign-up', 'static', 'submissions', 'www', '_next',
]);
export const SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;

export const slugSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, 'Enter a slug')
  .max(64, 'At most 64 characters')
  .regex(SLUG_PATTERN, 'Lower-case letters, digits and dashes, not starting or ending with a dash')
  .refine((s) => !RESERVED_SLUGS.has(s), 'That word is reserved: choose another slug');

// No HTML is ever rendered from these texts, but a text that *looks* like markup is a sign of an
// attack or a paste from somewhere else: short plain fields refuse angle brackets outright.
const plain = (max: number, label: string) =>
  z.string().trim().min(1, `Enter ${label}`).max(max, `At most ${max} characters`).refine((s) => !/[<>]/.test(s), 'No < or > here');
const optionalPlain = (max: number) =>
  z.string().trim().max(max, `At most ${max} characters`).refine((s) => !/[<>]/.test(s), 'No < or > here');

const httpsUrl = z
  .string()
  .trim()
  .max(500)
  .refine((s) => {
    if (s === '') return true;
    try {
      const u = new URL(s);
      return u.protocol === 'https:' && !u.username && !u.password;
    } catch {
      return false;
    }
  }, 'An https:// address');

const origin = z
  .string()
  .trim()
  .refine((s) => {
    try {
      const u = new URL(s);
      return (u.protocol === 'https:' || u.protocol === 'http:') && u.origin === s.replace(/\/$/, '');
    } catch {
      return false;
    }
  }, 'An origin such as https://example.com (no path)')
  .transform((s) => s.replace(/\/$/, ''));

const attributeKey = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9_]{0,39}$/, 'Lower-case letters, digits and _ (an attribute key)');

export const landingFieldSchema = z
  .object({
    name: attributeKey,
    label: plain(80, 'a label'),
    type: z.enum(LANDING_FIELD_TYPES),
    required: z.boolean(),
    options: z.array(optionalPlain(80).pipe(z.string().min(1, 'Enter the option'))).max(30).optional(),
    param: z.string().trim().regex(/^[A-Za-z0-9_-]{0,40}$/, 'Letters, digits, _ and -').optional(),
  })
  .superRefine((f, ctx) => {
    if (f.type === 'select' && (f.options?.length ?? 0) < 1) ctx.addIssue({ code: 'custom', path: ['options'], message: 'Give the select at least one option' });
    if (f.type === 'hidden' && !f.param) ctx.addIssue({ code: 'custom', path: ['param'], message: 'Which URL parameter fills it' });
  });

export const landingVariantSchema = z.object({
  key: z.string().trim().regex(/^[a-z0-9-]{1,40}$/, 'Lower-case letters, digits and dashes'),
  match: z.enum(['utm_campaign', 'utm_source']),
  value: z.string().trim().min(1, 'Enter the value to match').max(200),
  headline: plain(160, 'a headline'),
  description: z.string().trim().max(5000),
  buttonLabel: plain(60, 'a button label'),
});

/** The builder's form (New, Edit), checked in the browser and again on the server. */
export const landingPageFormSchema = z
  .object({
    title: plain(120, 'a title'),
    slug: slugSchema,
    status: z.enum(LANDING_PAGE_STATUSES),
    headline: plain(160, 'a headline'),
    description: z.string().trim().max(5000, 'At most 5,000 characters'),
    brandColor: z.string().trim().regex(/^#[0-9a-fA-F]{6}$/, 'A colour like #198754'),
    buttonLabel: plain(60, 'a button label'),
    successMessage: plain(500, 'a thank-you text'),
    redirectUrl: httpsUrl,
    whatsappNumber: z.string().trim().regex(/^(\+[1-9]\d{6,14})?$/, 'A number in international format, like +5511999990000'),
    whatsappText: optionalPlain(300),
    defaultCountry: z.string().trim().regex(/^[A-Z]{2}$/, 'A two-letter country code'),
    consentText: plain(1000, 'the consent text'),
    tags: z.array(z.string().trim().min(1).max(40).regex(/^[^<>,]+$/, 'No commas or angle brackets')).max(20),
    sourceLabel: optionalPlain(80),
    campaignIds: z.array(z.uuid()).max(50),
    corsOrigins: z.array(origin).max(20),
    // Who may frame the page (proxy.ts turns it into frame-ancestors); off unless ticked.
    allowEmbedding: embeddingSchema.shape.allowEmbedding,
    embedOrigins: embeddingSchema.shape.embedOrigins,
    fields: z.array(landingFieldSchema).max(30),
    variants: z.array(landingVariantSchema).max(20),
  })
  .superRefine((v, ctx) => {
    const seen = new Set<string>();
    v.fields.forEach((f, i) => {
      if (seen.has(f.name)) ctx.addIssue({ code: 'custom', path: ['fields', i, 'name'], message: 'Each field needs its own key' });
      seen.add(f.name);
      if (f.name === 'phone' && f.type !== 'tel') ctx.addIssue({ code: 'custom', path: ['fields', i, 'type'], message: 'The phone field is a phone number' });
      if (f.name === 'email' && f.type !== 'email') ctx.addIssue({ code: 'custom', path: ['fields', i, 'type'], message: 'The email field is an e-mail' });
    });
    for (const required of ['name', 'phone']) {
      if (!seen.has(required)) ctx.addIssue({ code: 'custom', path: ['fields'], message: `The form always asks for ${required}` });
    }
    const keys = new Set<string>();
    v.variants.forEach((x, i) => {
      const k = `${x.match}=${x.value}`;
      if (keys.has(k) || keys.has(`key:${x.key}`)) ctx.addIssue({ code: 'custom', path: ['variants', i, 'value'], message: 'Another variant already matches this' });
      keys.add(k);
      keys.add(`key:${x.key}`);
    });
  });
export type LandingPageFormValues = z.input<typeof landingPageFormSchema>;
export type LandingPageInput = z.output<typeof landingPageFormSchema>;

export const DEFAULT_FIELDS: LandingPageField[] = [
  { name: 'name', label: 'Name', type: 'text', required: true },
  { name: 'phone', label: 'WhatsApp number', type: 'tel', required: true },
  { name: 'email', label: 'Email', type: 'email', required: false },
];

export const ATTRIBUTION_PARAMS = ['utm_source', 'utm_medium', 'utm_campaign', 'utm_term', 'utm_content', 'gclid', 'fbclid', 'ctwa_clid', 'ref'] as const;
export type AttributionParam = (typeof ATTRIBUTION_PARAMS)[number];

/** The submission schema of one landing page, built from its field list (shared by page and server). */
export function landingSubmissionSchema(fields: LandingField[]) {
  const shape: Record<string, z.ZodType> = {
    phone: z.string().trim().min(1, 'Enter your WhatsApp number').max(40, 'That number is too long'),
    consent: z.enum(['on', 'true', 'yes', '1'], { error: 'Please agree so we can message you on WhatsApp' }),
  };
  for (const f of fields) {
    if (f.name === 'phone') continue;
    if (f.type === 'hidden') {
      shape[f.name] = z.string().trim().max(200).optional();
      continue;
    }
    if (f.type === 'checkbox') {
      const checked = z.enum(['on', 'true', 'yes', '1'], { error: `Please tick “${f.label}”` }).transform(() => 'yes');
      shape[f.name] = f.required ? checked : z.union([checked, z.literal('').transform(() => undefined)]).optional();
      continue;
    }
    let field: z.ZodType =
      f.type === 'email'
        ? z.string().trim().toLowerCase().max(200).pipe(z.email('Enter a valid email address'))
        : f.type === 'select'
          ? z.string().trim().refine((v) => (f.options ?? []).includes(v), 'Choose one of the options')
          : f.type === 'date'
            ? z.string().trim().regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter a date').refine((v) => !Number.isNaN(Date.parse(v)), 'Enter a real date')
            : z.string().trim().max(f.type === 'textarea' ? 2000 : 200, `Keep it under ${f.type === 'textarea' ? 2000 : 200} characters`);
    if (f.required) {
      field = z.string().trim().min(1, `Enter your ${f.label.toLowerCase()}`).pipe(field as unknown as z.ZodString);
    } else {
      field = z.union([z.literal('').transform(() => undefined), field]).optional();
    }
    shape[f.name] = field;
  }
  for (const p of ATTRIBUTION_PARAMS) shape[p] = z.string().trim().max(200).optional();
  return z.object(shape);
}

/** The variant a visit sees: the first rule whose utm value matches, else none (the default content). */
export function chooseVariant(variants: LandingPageVariant[], params: Partial<Record<string, string | undefined>>): LandingPageVariant | null {
  for (const v of variants) {
    const got = params[v.match];
    if (got && got.trim().toLowerCase() === v.value.trim().toLowerCase()) return v;
  }
  return null;
}

/** What a visit shows: the page's content, or its variant's. */
export function visibleContent(page: Pick<LandingPage, 'headline' | 'description' | 'buttonLabel'>, variant: LandingPageVariant | null) {
  return variant
    ? { headline: variant.headline, description: variant.description, buttonLabel: variant.buttonLabel }
    : { headline: page.headline, description: page.description, buttonLabel: page.buttonLabel };
}

export type LandingFormState =
  | { status: 'idle' }
  | { status: 'success'; message: string; whatsappUrl?: string | null }
  | { status: 'error'; message: string; fields: Record<string, string>; values: Record<string, string> };
