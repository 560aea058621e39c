import { describe, expect, it } from 'vitest';
import { retryDelayMs } from './backoff';

describe('retryDelayMs', () => {
  const opts = { baseMs: 1000, maxMs: 60_000 };

  it('doubles per attempt with half of it jittered', () => {
    expect(retryDelayMs(1, { ...opts, random: () => 0 })).toBe(500);
    expect(retryDelayMs(1, { ...opts, random: () => 1 })).toBe(1000);
    expect(retryDelayMs(3, { ...opts, random: () => 0 })).toBe(2000);
    expect(retryDelayMs(3, { ...opts, random: () => 1 })).toBe(4000);
  });

  it('is capped, and never shorter than the hint from Meta', () => {
    expect(retryDelayMs(30, { ...opts, random: () => 1 })).toBe(60_000);
    expect(retryDelayMs(1, { ...opts, minMs: 10_000, random: () => 1 })).toBe(10_000);
  });
});
