import { describe, expect, it } from 'vitest';
import { classifyError } from './classify-error';

describe('classifyError', () => {
  const cases: [number, string][] = [
    [1, 'retry'],
    [2, 'retry'],
    [131000, 'retry'],
    [131016, 'retry'],
    [133004, 'retry'],
    [131057, 'retry'],
    [4, 'backoff_sender'],
    [80007, 'backoff_sender'],
    [130429, 'backoff_sender'],
    [131056, 'retry_recipient_later'],
    [131048, 'pause_sender'],
    [368, 'pause_sender'],
    [131031, 'pause_sender'],
    [190, 'token_invalid'],
    [0, 'token_invalid'],
    // Do not retry.
    ...[100, 131008, 131009, 131026, 131047, 131049, 131050, 131051, 132000, 132001, 132005, 132007, 132012, 132015, 132016, 133010, 131030].map(
      (c) => [c, 'give_up'] as [number, string],
    ),
    // Unknown codes are never retried blindly.
    [999999, 'give_up'],
    [-1, 'give_up'],
  ];

  it.each(cases)('code %i -> %s', (code, decision) => {
    expect(classifyError(code).decision).toBe(decision);
  });

  it('waits about a minute on 131057, briefly on 130429, and not at all when giving up', () => {
    expect(classifyError(131057).retryAfterMs).toBe(60_000);
    expect(classifyError(130429).retryAfterMs).toBeLessThanOrEqual(2_000);
    expect(classifyError(131056).retryAfterMs).toBeGreaterThanOrEqual(6_000);
    expect(classifyError(131026).retryAfterMs).toBe(0);
    expect(classifyError(190, 463).decision).toBe('token_invalid');
  });
});
