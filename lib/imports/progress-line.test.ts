import { describe, expect, it } from 'vitest';
import { formatDuration, progressLine, rateAndEta } from './progress-line';

describe('progress', () => {
  it('computes rows/s and time left from the share done', () => {
    expect(rateAndEta({ done: 25, total: 100, rows: 1000, elapsedMs: 10_000 })).toEqual({ fraction: 0.25, rowsPerSecond: 100, secondsLeft: 30 });
    expect(rateAndEta({ done: 0, total: 100, rows: 0, elapsedMs: 0 }).secondsLeft).toBeNaN();
  });

  it('formats durations and the terminal line', () => {
    expect(formatDuration(5)).toBe('5s');
    expect(formatDuration(125)).toBe('2m05s');
    expect(formatDuration(3 * 3600 + 60)).toBe('3h01m');
    expect(formatDuration(Number.NaN)).toBe('--');
    expect(progressLine({ done: 50, total: 100, rows: 5000, elapsedMs: 5000 })).toBe(
      '[##############--------------]  50%  5,000 rows  1,000 rows/s  5s left',
    );
  });
});
