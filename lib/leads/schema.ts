import { z } from 'zod';
import { LIFECYCLE_STATUSES } from '@/db/schema/leads';
import { tagNameSchema } from './lead-selection';

// The create / edit lead form: one schema shared by the browser (zodResolver) and the server.
// The phone is checked here for presence only; the server normalises it with the workspace's
// default country (lib/phones/normalize-phone.ts) and answers with the reason when invalid.

export const MAX_TAGS = 50;
export const MAX_ATTRIBUTES = 50;

const attributeSchema = z.object({
  key: z
    .string()
    .trim()
    .min(1, 'Enter a name for this attribute')
    .max(64, 'At most 64 characters')
    .regex(/^[^\r\n]+$/, 'No line breaks in a name'),
  value: z.string().trim().max(1000, 'At most 1000 characters'),
});

export const leadFormSchema = z
  .object({
    name: z.string().trim().max(200, 'At most 200 characters'),
    phone: z.string().trim().min(1, 'Enter a phone number').max(40, 'That is too long for a phone number'),
    email: z
      .string()
      .trim()
      .max(254, 'At most 254 characters')
      .refine((v) => v === '' || z.email().safeParse(v).success, 'Enter a valid e-mail address, like ana@example.com'),
    lifecycleStatus: z.enum(LIFECYCLE_STATUSES, { error: 'Choose a status' }),
    tags: z.array(tagNameSchema).max(MAX_TAGS, `At most ${MAX_TAGS} tags`),
    attributes: z.array(attributeSchema).max(MAX_ATTRIBUTES, `At most ${MAX_ATTRIBUTES} attributes`),
    hasConsent: z.boolean(),
    consentText: z.string().trim().max(1000, 'At most 1000 characters'),
    optedOut: z.boolean(),
    /** New leads only: queue the automated campaigns that ask for manual leads (with consent). */
    triggerCampaigns: z.boolean().optional(),
  })
  .superRefine((v, ctx) => {
    const seen = new Set<string>();
    v.attributes.forEach((a, i) => {
      const key = a.key.trim().toLowerCase();
      if (seen.has(key)) ctx.addIssue({ code: 'custom', path: ['attributes', i, 'key'], message: 'This name is already used above' });
      seen.add(key);
    });
  });
export type LeadFormInput = z.input<typeof leadFormSchema>;
export type LeadFormValues = z.output<typeof leadFormSchema>;

export const EMPTY_LEAD_FORM: LeadFormValues = {
  name: '',
  phone: '',
  email: '',
  lifecycleStatus: 'new',
  tags: [],
  attributes: [],
  hasConsent: false,
  consentText: '',
  optedOut: false,
};

/** What a save answers: the lead's id, or errors per field (and the lead a phone belongs to). */
export type SaveLeadResult =
  | { ok: true; data: { id: string } }
  | { ok: false; message: string; fields?: Record<string, string>; duplicateLeadId?: string };
