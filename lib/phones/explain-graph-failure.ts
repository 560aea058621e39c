import type { GraphResult } from '@/lib/whatsapp/types';

// Turns a failed Graph call into words an admin can act on. Meta's code and message are kept
// beside our explanation so support can search for them.

export type GraphFailure = Exclude<GraphResult<never>, { ok: true }>;

/** What failed, in our words: what the admin should look at first. */
export type FailureKind = 'network' | 'timeout' | 'token' | 'id' | 'permission' | 'rate_limit' | 'not_graph' | 'other';

const SUMMARY: Record<FailureKind, string> = {
  network: 'Network error: the WhatsApp API could not be reached',
  timeout: 'Network error: the WhatsApp API did not answer in time',
  token: 'Wrong access token',
  id: 'Wrong phone number ID (or a token without access to it)',
  permission: 'The access token lacks a permission',
  rate_limit: 'Too many API calls right now',
  not_graph: 'The configured WhatsApp API address is not the Graph API',
  other: 'Meta refused the request',
};

/** A rejection that will not pass by itself: the phone's details or token must change. */
export function isDefinitiveFailure(kind: FailureKind): boolean {
  return kind === 'token' || kind === 'id' || kind === 'permission' || kind === 'not_graph';
}

export type ExplainedFailure = {
  /** Set for every failure of a Graph call (other failures, such as a missing fallback, have none). */
  kind?: FailureKind;
  /** A few words saying what failed ("Wrong access token"). */
  summary?: string;
  /** Meta's error.code, or null when Meta never answered. */
  code: number | null;
  /** Meta's own message (or the network reason), verbatim. */
  detail: string;
  /** What it means and what to do. */
  explanation: string;
};

const BY_CODE: Record<number, string> = {
  190: 'Meta rejected the access token: it has expired or been revoked. Generate a permanent (system user) token and replace it here.',
  0: 'Meta rejected the access token. Generate a new one and replace it here.',
  100: 'Meta does not know this ID, or this token has no access to it. Check the phone number ID and WhatsApp Business Account ID, and that the token belongs to the same app.',
  10: 'The token lacks a permission (whatsapp_business_messaging / whatsapp_business_management).',
  200: 'The token lacks a permission (whatsapp_business_messaging / whatsapp_business_management).',
  4: 'Too many API calls for this app right now; try again in a minute.',
  80007: 'Too many API calls for this WhatsApp Business Account; try again in a minute.',
  130429: 'The number’s throughput limit was reached; try again in a moment.',
  131026: 'WhatsApp could not deliver to this number (not on WhatsApp, or an old app version).',
  131030: 'This recipient is not on the allowed list of Meta’s test number. Add it in the App Dashboard.',
  131047: 'More than 24 hours passed since this person last wrote: only an approved template can be sent.',
  131056: 'Too many messages to this same number in a short time; wait a few seconds.',
  132000: 'The number of parameters does not match the template. Sync templates and check the mapping.',
  132001: 'This template does not exist in that language or is not approved. Sync templates.',
  133010: 'This phone number is not registered with the Cloud API yet.',
};

const KIND_BY_CODE: Record<number, FailureKind> = { 190: 'token', 0: 'token', 100: 'id', 133010: 'id', 10: 'permission', 200: 'permission', 4: 'rate_limit', 80007: 'rate_limit', 130429: 'rate_limit' };

export function explainGraphFailure(failure: GraphFailure): ExplainedFailure {
  if (failure.outcome !== 'rejected') {
    const detail = failure.reason;
    const kind: FailureKind = detail === 'timeout' ? 'timeout' : 'network';
    const explanation =
      kind === 'network'
        ? `Could not reach the WhatsApp API (${detail}). Check this server's network or the configured API address.`
        : `The WhatsApp API did not answer in time. Try again.`;
    return { kind, summary: SUMMARY[kind], code: null, detail, explanation };
  }
  const { code, message, details } = failure.error;
  const kind: FailureKind = code === -1 ? 'not_graph' : (KIND_BY_CODE[code] ?? 'other');
  const explanation = BY_CODE[code] ?? (code === -1 ? 'The address configured for the WhatsApp API did not answer like the Graph API.' : 'Meta refused the request.');
  return { kind, summary: SUMMARY[kind], code, detail: details ? `${message} (${details})` : message, explanation };
}
