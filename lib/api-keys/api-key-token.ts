import 'server-only';
import { createHash, randomBytes } from 'node:crypto';

// Keys look like wl_live_<32 base62 chars> (about 190 bits). Only the SHA-256 is stored: a
// key is random enough that a slow hash adds nothing, and a fast one keeps every request cheap.
export const API_KEY_PREFIX = 'wl_live_';
/** How much of the key the UI shows so a key can be recognised (wl_live_ + 4 chars). */
export const VISIBLE_PREFIX_LENGTH = API_KEY_PREFIX.length + 4;
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export function generateApiKey(): string {
  const bytes = randomBytes(32);
  let body = '';
  // 248 = 4 * 62: rejecting bytes above it keeps every character equally likely.
  for (const b of bytes) if (b < 248) body += ALPHABET[b % 62];
  while (body.length < 32) {
    const [b] = randomBytes(1);
    if (b < 248) body += ALPHABET[b % 62];
  }
  return API_KEY_PREFIX + body.slice(0, 32);
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

export function looksLikeApiKey(key: string): boolean {
  return /^wl_live_[A-Za-z0-9]{32}$/.test(key);
}
