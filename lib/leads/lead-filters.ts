import { z } from 'zod';
import { LEAD_SOURCES, LIFECYCLE_STATUSES } from '@/db/schema/leads';
import { lenientShape, queryParam } from '@/lib/validation/query-param';
import { daySchema, textSchema } from '@/lib/validation/strict-values';

// What the leads page filters on. The same object travels in the URL (GET form), in bulk
// actions ("all N matching") and in the export link, so each place selects the same leads.

export const LEAD_SORTS = ['newest', 'oldest', 'name', 'activity'] as const;
export type LeadSort = (typeof LEAD_SORTS)[number];
export const LEAD_SORT_LABELS: Record<LeadSort, string> = {
  newest: 'Newest first',
  oldest: 'Oldest first',
  name: 'Name (A–Z)',
  activity: 'Last activity',
};

const yesNo = z.enum(['yes', 'no'], { error: 'Use yes or no' });

/** Each filter, strictly: the export and bulk actions refuse a bad value (400) instead of widening. */
export const leadFilterShape = {
  q: queryParam(textSchema(100).trim().optional()),
  source: queryParam(z.enum(LEAD_SOURCES, { error: 'Not a lead source' }).optional()),
  tag: queryParam(textSchema(50).trim().min(1).optional()),
  status: queryParam(z.enum(LIFECYCLE_STATUSES, { error: 'Not a status' }).optional()),
  createdFrom: queryParam(daySchema.optional()),
  createdTo: queryParam(daySchema.optional()),
  optedOut: queryParam(yesNo.optional()),
  replied: queryParam(yesNo.optional()),
  sort: queryParam(z.enum(LEAD_SORTS, { error: 'Not a sort' }).optional()),
};
export const strictLeadFilterSchema = z.object(leadFilterShape);

/** Parses the page's URL search params; a value that does not parse is dropped (and shown). */
export const leadFilterSchema = z.object(lenientShape(leadFilterShape));
export type LeadFilter = z.infer<typeof leadFilterSchema>;

export const FILTER_KEYS = Object.keys(leadFilterSchema.shape) as (keyof LeadFilter)[];

/** Is anything narrowing the list (the sort alone does not)? */
export function isFiltered(f: LeadFilter): boolean {
  return FILTER_KEYS.some((k) => k !== 'sort' && f[k] !== undefined);
}

/** The filter as URL search params, for page links, the export link and bulk actions. */
export function filterToParams(f: LeadFilter): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = f[key];
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  return params;
}
