import type { ErrorDecision } from './types';

// Meta's error.code -> what the dispatcher should do (WHATSAPP.md "Errors"). We decide on the
// code only: never on the message text or the HTTP status (rate limits come with 400 and 429).

export type ErrorClassification = { decision: ErrorDecision; retryAfterMs: number };

const SECOND = 1000;
const MINUTE = 60 * SECOND;

const RULES: Record<number, ErrorClassification> = {
  // Transient: retry this message with backoff.
  1: { decision: 'retry', retryAfterMs: 5 * SECOND }, // API unknown
  2: { decision: 'retry', retryAfterMs: 5 * SECOND }, // API service temporarily unavailable
  131000: { decision: 'retry', retryAfterMs: 10 * SECOND }, // something went wrong (retry a limited number of times)
  131016: { decision: 'retry', retryAfterMs: 30 * SECOND }, // service overloaded
  133004: { decision: 'retry', retryAfterMs: 30 * SECOND }, // server temporarily unavailable
  131057: { decision: 'retry', retryAfterMs: MINUTE }, // account in maintenance mode: about a minute
  // Limits of the whole sender.
  4: { decision: 'backoff_sender', retryAfterMs: MINUTE }, // app API call limit
  80007: { decision: 'backoff_sender', retryAfterMs: MINUTE }, // WABA API call limit
  130429: { decision: 'backoff_sender', retryAfterMs: SECOND }, // throughput cap: short backoff
  // Pair rate limit: only this recipient, after about 6 s (bursts borrow against later quota).
  131056: { decision: 'retry_recipient_later', retryAfterMs: 10 * SECOND },
  // Meta is unhappy with the sender: stop it and tell the admin.
  131048: { decision: 'pause_sender', retryAfterMs: 60 * MINUTE }, // spam rate limit
  368: { decision: 'pause_sender', retryAfterMs: 60 * MINUTE }, // temporarily blocked for policy violations
  131031: { decision: 'pause_sender', retryAfterMs: 60 * MINUTE }, // account locked
  // The access token is invalid or expired.
  190: { decision: 'token_invalid', retryAfterMs: 0 },
  0: { decision: 'token_invalid', retryAfterMs: 0 },
};

const GIVE_UP: ErrorClassification = { decision: 'give_up', retryAfterMs: 0 };

/**
 * Everything not listed above gives up: the documented do-not-retry codes (100, 131008, 131009,
 * 131026, 131047, 131049, 131050, 131051, 132000, 132001, 132005, 132007, 132012, 132015, 132016,
 * 133010, 131030) and any code we do not know, because re-sending blindly could spam a user.
 * The subcode is accepted for future refinement; no rule depends on it today.
 */
export function classifyError(code: number, subcode?: number): ErrorClassification {
  void subcode;
  return RULES[code] ?? GIVE_UP;
}
