import { z } from 'zod';

// The personalized-message form, shared by the browser (zodResolver) and the server. It checks
// shape only; what the text means (placeholders, fallbacks, parameter counts) is checked by
// validate-template.ts, live in the browser and again on save.

export const parameterMappingSchema = z.object({
  component: z.enum(['header', 'body', 'button']),
  index: z.coerce.number().int().min(0).max(100),
  name: z.string().max(60).optional(),
  source: z.enum(['field', 'fixed']),
  field: z.string().trim().max(80).optional().default(''),
  value: z.string().max(2000, 'At most 2,000 characters').optional().default(''),
  fallback: z.string().max(1024, 'At most 1,024 characters').optional().default(''),
});

export const templateFormSchema = z.object({
  id: z.uuid().optional(),
  name: z.string().trim().min(1, 'Give this message a name').max(80, 'At most 80 characters'),
  // Same values as TEMPLATE_KINDS in db/schema/templates.ts (not imported: this file runs in the browser).
  kind: z.enum(['session_text', 'whatsapp_template']),
  // The 4,096 limit is reported by validate-template.ts with the exact count.
  body: z.string().max(20_000, 'Far too long: WhatsApp allows 4,096 characters').default(''),
  whatsappTemplateId: z.union([z.uuid('Choose an approved WhatsApp template'), z.literal('')]).default(''),
  parameterMapping: z.array(parameterMappingSchema).max(30).default([]),
});
export type TemplateFormInput = z.input<typeof templateFormSchema>;
export type TemplateFormValues = z.output<typeof templateFormSchema>;

export const templateIdSchema = z.object({ id: z.uuid('Unknown message') });
