// One line of progress for a terminal: bar, percent, rows, rows/s and time left. Pure.

const WIDTH = 28;

export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '--';
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}

/** Rows per second so far and the time left, from the share of the work done. */
export function rateAndEta(p: { done: number; total: number; rows: number; elapsedMs: number }) {
  const seconds = p.elapsedMs / 1000;
  const fraction = p.total > 0 ? Math.min(1, p.done / p.total) : 0;
  const rowsPerSecond = seconds > 0 ? p.rows / seconds : 0;
  const secondsLeft = fraction > 0 ? (seconds / fraction) * (1 - fraction) : Number.NaN;
  return { fraction, rowsPerSecond, secondsLeft };
}

export function progressLine(p: { done: number; total: number; rows: number; elapsedMs: number }): string {
  const { fraction, rowsPerSecond, secondsLeft } = rateAndEta(p);
  const filled = Math.round(fraction * WIDTH);
  const bar = '#'.repeat(filled) + '-'.repeat(WIDTH - filled);
  return `[${bar}] ${(fraction * 100).toFixed(0).padStart(3)}%  ${p.rows.toLocaleString('en')} rows  ${Math.round(rowsPerSecond).toLocaleString('en')} rows/s  ${formatDuration(secondsLeft)} left`;
}
