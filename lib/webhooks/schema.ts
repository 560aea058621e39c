import { z } from 'zod';

// WhatsApp webhook payloads (WHATSAPP.md "Webhooks"). Lenient on purpose: Meta adds fields, and
// one odd item must not stop the others, so items are parsed one by one where they are used.

/** Just enough to find which senders a body is about (before the signature is checked). */
export const envelopeSchema = z.object({
  object: z.string().optional(),
  entry: z.array(
    z.object({
      id: z.string().optional(),
      changes: z.array(
        z.object({
          field: z.string(),
          value: z.looseObject({ metadata: z.looseObject({ phone_number_id: z.string().min(1) }).optional() }),
        }),
      ),
    }),
  ),
});
export type WebhookEnvelope = z.infer<typeof envelopeSchema>;

/** No WhatsApp message predates the service (2009); a sender's clock may run a little ahead of ours. */
export const MIN_WEBHOOK_TIMESTAMP = Date.UTC(2009, 0, 1) / 1000;
export const MAX_WEBHOOK_CLOCK_SKEW_SECONDS = 24 * 60 * 60;

// Bounded on purpose: an absurd value (1e20) would be an invalid date that fails the whole
// event on every run; out of range, the one item is skipped like any other malformed item.
const unixSeconds = z.union([z.string(), z.number()]).transform((v, ctx) => {
  const n = Number(v);
  if (!Number.isFinite(n) || n < MIN_WEBHOOK_TIMESTAMP || n > Date.now() / 1000 + MAX_WEBHOOK_CLOCK_SKEW_SECONDS) {
    ctx.addIssue({ code: 'custom', message: 'timestamp must be Unix seconds between 2009 and now' });
    return z.NEVER;
  }
  return new Date(n * 1000);
});

export const statusSchema = z.looseObject({
  id: z.string().min(1),
  status: z.enum(['sent', 'delivered', 'read', 'failed']),
  timestamp: unixSeconds,
  recipient_id: z.string().optional(),
  biz_opaque_callback_data: z.string().optional(),
  errors: z
    .array(
      z.looseObject({
        code: z.coerce.number().int(),
        title: z.string().optional(),
        message: z.string().optional(),
        error_data: z.looseObject({ details: z.string().optional() }).optional(),
      }),
    )
    .optional(),
});
export type StatusItem = z.infer<typeof statusSchema>;

const reply = z.looseObject({ id: z.string(), title: z.string().optional() });

export const inboundMessageSchema = z.looseObject({
  from: z.string().regex(/^\d{6,15}$/),
  id: z.string().min(1),
  timestamp: unixSeconds,
  type: z.string(),
  text: z.looseObject({ body: z.string() }).optional(),
  button: z.looseObject({ payload: z.string().optional(), text: z.string().optional() }).optional(),
  interactive: z.looseObject({ type: z.string().optional(), button_reply: reply.optional(), list_reply: reply.optional() }).optional(),
  reaction: z.looseObject({ emoji: z.string().optional(), message_id: z.string().optional() }).optional(),
  context: z.looseObject({ id: z.string().optional(), from: z.string().optional() }).optional(),
});
export type InboundItem = z.infer<typeof inboundMessageSchema>;

export const contactSchema = z.looseObject({
  wa_id: z.string(),
  profile: z.looseObject({ name: z.string().optional() }).optional(),
});
export type ContactItem = z.infer<typeof contactSchema>;
