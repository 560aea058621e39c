import { randomBytes } from 'node:crypto';
import { isAppError } from '@/lib/errors';
import { describeError, log } from '@/lib/log/logger';

export type ActionResult<T = undefined> =
  | { ok: true; data: T }
  | { ok: false; message: string; fields?: Record<string, string> };

/** Expected errors show their message; anything else is logged with an id and shown generically. */
export function toActionError(err: unknown): { ok: false; message: string; fields?: Record<string, string> } {
  if (isAppError(err)) return { ok: false, message: err.message, fields: err.fields };
  const id = randomBytes(4).toString('hex');
  log.error('unexpected error in action', { errorId: id, ...describeError(err) });
  return { ok: false, message: `Something went wrong (error ${id}). Please try again.` };
}
