import 'server-only';
import { randomBytes } from 'node:crypto';

/** A fresh webhook verify token: 32 URL-safe characters, unguessable, easy to paste. */
export function generateVerifyToken(): string {
  return randomBytes(24).toString('base64url');
}
