import { z } from 'zod';

// One schema per sender-phone form, shared by the browser (zodResolver) and the server.

const digitsId = (what: string) =>
  z
    .string()
    .trim()
    .min(1, `Enter the ${what}`)
    .regex(/^\d{5,20}$/, `The ${what} is the number Meta shows (digits only), not the phone number`);

// Secrets are write-only: an empty string on edit means "keep the stored one".
const secret = (what: string, min: number) =>
  z
    .string()
    .trim()
    .max(1024, `That ${what} is too long`)
    .refine((v) => v === '' || v.length >= min, `That ${what} is too short`)
    .refine((v) => !/\s/.test(v), `The ${what} cannot contain spaces`);

const baseFields = {
  label: z.string().trim().min(1, 'Give this phone a name').max(80, 'At most 80 characters'),
  phoneNumberId: digitsId('phone number ID'),
  wabaId: digitsId('WhatsApp Business Account ID'),
  webhookVerifyToken: z
    .string()
    .trim()
    .min(16, 'Use at least 16 characters')
    .max(128, 'At most 128 characters')
    .regex(/^[\w.~-]+$/, 'Letters, digits and - _ . ~ only (it travels in a URL)'),
  rateLimitPerSecond: z.coerce
    .number({ error: 'Enter a number' })
    .int('Whole messages per second')
    .min(1, 'At least 1 per second')
    .max(1000, "Meta's highest tier is 1,000 per second"),
  isActive: z.boolean(),
};

export const createSenderPhoneSchema = z.object({
  ...baseFields,
  accessToken: secret('access token', 20).refine((v) => v !== '', 'Paste the access token'),
  appSecret: secret('app secret', 16).refine((v) => v !== '', 'Paste the app secret'),
});
export type CreateSenderPhoneInput = z.input<typeof createSenderPhoneSchema>;

export const updateSenderPhoneSchema = z.object({
  ...baseFields,
  id: z.uuid(),
  accessToken: secret('access token', 20),
  appSecret: secret('app secret', 16),
});
export type UpdateSenderPhoneInput = z.input<typeof updateSenderPhoneSchema>;

export const senderPhoneIdSchema = z.object({ id: z.uuid('Unknown phone') });

export const DEFAULT_RATE_LIMIT_PER_SECOND = 80;
