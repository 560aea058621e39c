import { z } from 'zod';
import { strictLeadFilterSchema } from './lead-filters';
import { idField } from '@/lib/validation/strict-values';

/** Most rows a page shows; "select all matching" switches to the filter instead of ids. */
export const MAX_SELECTED_IDS = 200;

/**
 * Which leads a bulk action touches: rows ticked on the page (ids), or every lead matching
 * the filter across all pages. The filter travels, never a million ids.
 */
export const leadSelectionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('ids'), ids: z.array(idField('Not a valid lead id')).min(1, 'Select at least one lead').max(MAX_SELECTED_IDS) }),
  z.object({ kind: z.literal('filter'), filter: strictLeadFilterSchema }),
]);
export type LeadSelection = z.infer<typeof leadSelectionSchema>;

export const tagNameSchema = z
  .string()
  .trim()
  .min(1, 'Enter a tag')
  .max(50, 'A tag has at most 50 characters')
  .refine((t) => !/[,\r\n]/.test(t), 'A tag cannot contain commas or line breaks');
