import 'server-only';
import { createHmac } from 'node:crypto';
import { safeEqual } from '@/lib/crypto/secret-box';

// X-Hub-Signature-256: "sha256=" + hex HMAC-SHA256 of the exact raw body, keyed with the app
// secret. Always sign/verify the raw text: Meta escapes non-ASCII as \uXXXX, so a re-serialised
// JSON would not match.

export const SIGNATURE_HEADER = 'x-hub-signature-256';

export function signWebhookBody(rawBody: string | Buffer, appSecret: string): string {
  return `sha256=${createHmac('sha256', appSecret).update(rawBody).digest('hex')}`;
}

export function verifyWebhookSignature(rawBody: string | Buffer, header: string | null | undefined, appSecret: string): boolean {
  if (!header || !appSecret) return false;
  const given = header.trim().toLowerCase();
  if (!/^sha256=[0-9a-f]{64}$/.test(given)) return false;
  return safeEqual(given, signWebhookBody(rawBody, appSecret));
}
