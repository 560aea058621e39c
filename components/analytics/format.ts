// Number formats shared by the Analytics page's cards, charts and tables.

export function formatRate(r: number | null): string {
  return r === null ? '–' : `${(r * 100).toFixed(1)} %`;
}

/** Seconds as "45 s", "12 min", "3.5 h" or "2.1 d". */
export function formatDuration(seconds: number | null): string {
  if (seconds === null) return '–';
  if (seconds < 60) return `${Math.round(seconds)} s`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min`;
  if (seconds < 86_400) return `${(seconds / 3600).toFixed(1)} h`;
  return `${(seconds / 86_400).toFixed(1)} d`;
}

/** The change of a count against the previous period, as a signed percentage. */
export function formatCountChange(now: number, before: number): string {
  if (before === 0) return now === 0 ? 'no change' : 'new (none before)';
  const pct = ((now - before) / before) * 100;
  return `${pct >= 0 ? '+' : '−'}${Math.abs(pct).toFixed(0)} %`;
}

/** The change of a rate against the previous period, in percentage points. */
export function formatRateChange(now: number | null, before: number | null): string {
  if (now === null || before === null) return 'no comparison';
  const pp = (now - before) * 100;
  return `${pp >= 0 ? '+' : '−'}${Math.abs(pp).toFixed(1)} pp`;
}
