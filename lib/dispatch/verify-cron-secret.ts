import 'server-only';
import { createHash, timingSafeEqual } from 'node:crypto';
import { env } from '@/lib/env';

/** `Authorization: Bearer <CRON_SECRET>`, compared in constant time (hashes have equal length). */
export function isCronAuthorized(authorization: string | null, secret: string = env().cronSecret): boolean {
  if (!authorization || !secret) return false;
  const match = /^Bearer\s+(.+)$/i.exec(authorization.trim());
  if (!match) return false;
  const digest = (v: string) => createHash('sha256').update(v).digest();
  return timingSafeEqual(digest(match[1]), digest(secret));
}
