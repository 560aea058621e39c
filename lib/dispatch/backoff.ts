// Exponential backoff with jitter for retrying a message. Pure, so it is tested without a clock.

export type BackoffOptions = {
  baseMs: number;
  maxMs: number;
  /** Meta's hint (retryAfterMs from the classifier): the delay is never shorter. */
  minMs?: number;
  random?: () => number;
};

/**
 * Delay before attempt `attempt + 1`: base * 2^(attempt - 1), capped at maxMs, with "equal
 * jitter" (half fixed, half random) so that a burst of failures does not retry in lockstep.
 */
export function retryDelayMs(attempt: number, opts: BackoffOptions): number {
  const random = opts.random ?? Math.random;
  const exp = Math.min(opts.maxMs, opts.baseMs * 2 ** Math.max(0, attempt - 1));
  const jittered = exp / 2 + random() * (exp / 2);
  return Math.round(Math.max(opts.minMs ?? 0, jittered));
}
