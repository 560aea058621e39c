import { z } from 'zod';
import { fromLocalInput, localDay } from '@/lib/appointments/local-time';
import { daySchema } from '@/lib/validation/strict-values';

// The date range every analytics figure is computed for: whole local days in the workspace's
// time zone. A range is [local midnight of `from`, local midnight after `to`), so a day with a
// daylight-saving change is 23 or 25 hours long and still one bucket.

export const RANGE_PRESETS = ['7d', '30d', '90d', 'month', 'custom'] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number];
export const RANGE_PRESET_LABELS: Record<RangePreset, string> = {
  '7d': 'Last 7 days',
  '30d': 'Last 30 days',
  '90d': 'Last 90 days',
  month: 'This month',
  custom: 'Custom',
};
/** A custom range longer than this is refused: the charts have one point per day. */
export const MAX_RANGE_DAYS = 366;

export const rangeInputSchema = z
  .object({
    range: z.enum(RANGE_PRESETS).default('30d'),
    from: daySchema.optional(),
    to: daySchema.optional(),
  })
  .refine((r) => r.range !== 'custom' || (r.from && r.to), { message: 'A custom range needs a from and a to day', path: ['from'] })
  .refine((r) => r.range !== 'custom' || !r.from || !r.to || r.from <= r.to, { message: 'The range ends before it starts', path: ['to'] })
  .refine((r) => r.range !== 'custom' || !r.from || !r.to || daysBetween(r.from, r.to) < MAX_RANGE_DAYS, {
    message: `A range is at most ${MAX_RANGE_DAYS} days`,
    path: ['to'],
  });
export type RangeInput = z.input<typeof rangeInputSchema>;

export type Period = {
  /** First and last local day, YYYY-MM-DD, both included. */
  fromDay: string;
  toDay: string;
  /** [start, end): local midnight of fromDay, local midnight after toDay. */
  start: Date;
  end: Date;
};
export type AnalyticsRange = {
  preset: RangePreset;
  timeZone: string;
  current: Period;
  /** The same number of days right before `current`: the KPI cards' comparison. */
  previous: Period;
  /** Every local day of `current`, in order (chart x axis). */
  days: string[];
};

/** Calendar arithmetic on YYYY-MM-DD strings: time zones do not enter here. */
export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

function period(fromDay: string, toDay: string, timeZone: string): Period {
  const start = fromLocalInput(`${fromDay}T00:00`, timeZone);
  const end = fromLocalInput(`${addDays(toDay, 1)}T00:00`, timeZone);
  if (!start || !end) throw new Error(`Not a day range: ${fromDay}..${toDay}`);
  return { fromDay, toDay, start, end };
}

/** The range for a parsed input, "now" and a time zone; presets end today (local). */
export function resolveRange(input: z.output<typeof rangeInputSchema>, timeZone: string, now: Date = new Date()): AnalyticsRange {
  const today = localDay(now, timeZone);
  let fromDay: string;
  let toDay = today;
  switch (input.range) {
    case '7d':
      fromDay = addDays(today, -6);
      break;
    case '30d':
      fromDay = addDays(today, -29);
      break;
    case '90d':
      fromDay = addDays(today, -89);
      break;
    case 'month':
      fromDay = `${today.slice(0, 8)}01`;
      break;
    case 'custom':
      fromDay = input.from!;
      toDay = input.to!;
      break;
  }
  const length = daysBetween(fromDay, toDay) + 1;
  const current = period(fromDay, toDay, timeZone);
  const previous = period(addDays(fromDay, -length), addDays(fromDay, -1), timeZone);
  const days = Array.from({ length }, (_, i) => addDays(fromDay, i));
  return { preset: input.range, timeZone, current, previous, days };
}
