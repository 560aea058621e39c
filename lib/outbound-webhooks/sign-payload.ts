import { createHmac } from 'node:crypto';

// WhatsLab-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>" with the endpoint secret>.
// The timestamp is inside the signed text, so a captured request cannot be replayed later with
// a fresh timestamp (receivers reject old ones: docs/webhooks.md).

export const SIGNATURE_HEADER = 'WhatsLab-Signature';

export function signWebhookBody(secret: string, timestampSeconds: number, body: string): string {
  const v1 = createHmac('sha256', secret).update(`${timestampSeconds}.${body}`).digest('hex');
  return `t=${timestampSeconds},v1=${v1}`;
}
