import { z } from 'zod';
import { daySchema } from '@/lib/validation/strict-values';
import { queryParam } from '@/lib/validation/query-param';
import { SEGMENT_DIMENSIONS } from './funnel-steps';
import { RANGE_PRESETS, rangeInputSchema } from './range';

/** The Analytics page's URL parameters, each strict; the page drops (and names) those that fail. */
export const analyticsQueryShape = {
  range: queryParam(z.enum(RANGE_PRESETS).optional()),
  from: queryParam(daySchema.optional()),
  to: queryParam(daySchema.optional()),
  segment: queryParam(z.enum(SEGMENT_DIMENSIONS).optional()),
};

export type AnalyticsQuery = {
  range: z.output<typeof rangeInputSchema>;
  segment: (typeof SEGMENT_DIMENSIONS)[number];
  /** Why the URL's range was not used (the page falls back to 30 days), if it was not. */
  rangeError: string | null;
};

/** URL parameters -> a range and a segmentation that always work, plus what was wrong. */
export function parseAnalyticsQuery(raw: Record<string, unknown>): AnalyticsQuery {
  const pick = <K extends keyof typeof analyticsQueryShape>(k: K) => {
    const r = analyticsQueryShape[k].safeParse(raw[k]);
    return r.success ? (r.data as z.output<(typeof analyticsQueryShape)[K]>) : undefined;
  };
  const segment = pick('segment') ?? 'source';
  const range = rangeInputSchema.safeParse({ range: pick('range'), from: pick('from'), to: pick('to') });
  if (range.success) return { range: range.data, segment, rangeError: null };
  return { range: rangeInputSchema.parse({}), segment, rangeError: range.error.issues[0]?.message ?? 'Not a valid range' };
}
