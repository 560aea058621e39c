import { z } from 'zod';
import { OUTBOUND_EVENT_TYPES } from '@/db/schema/outbound-webhooks';

// The Settings -> Webhooks form: one schema for the browser and the server.

export const EVENT_DESCRIPTIONS: Record<(typeof OUTBOUND_EVENT_TYPES)[number], string> = {
  'lead.created': 'A new lead (landing page, admin form, API, inbound WhatsApp)',
  'lead.updated': 'A lead was edited or captured again',
  'lead.opted_out': 'A lead stopped messages (keyword, form, or WhatsApp)',
  'message.status_changed': 'A message was sent, delivered, read or failed',
  'inbound_message.received': 'A lead wrote to one of your numbers',
  'appointment.changed': 'An appointment was booked, moved or cancelled',
};

export const webhookEndpointFormSchema = z.object({
  url: z
    .string()
    .trim()
    .min(1, 'Enter the URL that receives the events')
    .max(2000, 'At most 2000 characters')
    .refine((v) => {
      try {
        const u = new URL(v);
        return (u.protocol === 'https:' || u.protocol === 'http:') && u.hostname !== '';
      } catch {
        return false;
      }
    }, 'Enter a full http(s) URL, like https://example.com/whatslab-events')
    .refine((v) => {
      try {
        const u = new URL(v);
        return u.username === '' && u.password === '';
      } catch {
        return true;
      }
    }, 'Leave user names and passwords out of the URL: verify the signature instead'),
  description: z.string().trim().max(200, 'At most 200 characters'),
  events: z.array(z.enum(OUTBOUND_EVENT_TYPES)).min(1, 'Pick at least one event'),
});
export type WebhookEndpointFormValues = z.infer<typeof webhookEndpointFormSchema>;

export const endpointIdSchema = z.object({ id: z.uuid('Unknown webhook endpoint') });
export const setEndpointEnabledSchema = z.object({ id: z.uuid('Unknown webhook endpoint'), enabled: z.boolean() });
export const deliveryIdSchema = z.object({ id: z.uuid('Unknown delivery') });
