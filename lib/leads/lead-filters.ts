import { z } from 'zod';
import { LEAD_SOURCES, LIFECYCLE_STATUSES } from '@/db/schema/leads';
import { queryParam } from '@/lib/validation/query-param';

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

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)));
const yesNo = z.enum(['yes', 'no']);

/** Parses URL search params; anything unexpected is dropped rather than an error. */
export const leadFilterSchema = z.object({
  q: queryParam(z.string().trim().max(100).optional()).catch(undefined),
  source: queryParam(z.enum(LEAD_SOURCES).optional()).catch(undefined),
  tag: queryParam(z.string().trim().min(1).max(50).optional()).catch(undefined),
  status: queryParam(z.enum(LIFECYCLE_STATUSES).optional()).catch(undefined),
  createdFrom: queryParam(day.optional()).catch(undefined),
  createdTo: queryParam(day.optional()).catch(undefined),
  optedOut: queryParam(yesNo.optional()).catch(undefined),
  replied: queryParam(yesNo.optional()).catch(undefined),
  sort: queryParam(z.enum(LEAD_SORTS).optional()).catch(undefined),
});
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
