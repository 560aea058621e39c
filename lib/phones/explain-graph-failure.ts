import type { GraphResult } from '@/lib/whatsapp/types';

// Turns a failed Graph call into words an admin can act on. Meta's code and message are kept
// beside our explanation so support can search for them.

export type GraphFailure = Exclude<GraphResult<never>, { ok: true }>;

export type ExplainedFailure = {
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

export function explainGraphFailure(failure: GraphFailure): ExplainedFailure {
  if (failure.outcome !== 'rejected') {
    const detail = failure.reason;
    const explanation =
      failure.outcome === 'not_sent'
        ? `Could not reach the WhatsApp API (${detail}). Check this server's network or the configured API address.`
        : `The WhatsApp API did not answer in time (${detail}). Try again.`;
    return { code: null, detail, explanation };
  }
  const { code, message, details } = failure.error;
  const explanation =
    BY_CODE[code] ??
    (code === -1 ? 'The address configured for the WhatsApp API did not answer like the Graph API.' : 'Meta refused the request.');
  return { code, detail: details ? `${message} (${details})` : message, explanation };
}
