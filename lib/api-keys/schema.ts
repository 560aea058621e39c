import { z } from 'zod';
import { API_KEY_SCOPES } from '@/db/schema/workspaces';

// The Settings -> API keys form: one schema for the browser and the server.
export const createApiKeySchema = z.object({
  name: z.string().trim().min(1, 'Give this key a name').max(80, 'At most 80 characters'),
  scopes: z.array(z.enum(API_KEY_SCOPES)).min(1, 'Choose at least one scope').max(10),
  // A calendar day (yyyy-mm-dd): the key stops working at the start of that day, UTC.
  expiresOn: z
    .union([z.literal(''), z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date like 2027-01-31')])
    .optional()
    .default('')
    .refine((v) => v === '' || Date.parse(`${v}T00:00:00Z`) > Date.now(), 'Choose a day in the future'),
});
export type CreateApiKeyInput = z.input<typeof createApiKeySchema>;

export const apiKeyIdSchema = z.object({ id: z.uuid('Unknown key') });
