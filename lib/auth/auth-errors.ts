import 'server-only';
import { isAPIError } from 'better-auth/api';
import { AppError } from '@/lib/errors';

/** better-auth's errors (its own and our hooks') as the app's; anything unexpected as it is. */
export function toAppError(err: unknown): unknown {
  if (!isAPIError(err)) return err;
  const body = (err.body ?? {}) as { message?: string; code?: string; fields?: Record<string, string>; retryAfter?: number };
  switch (err.statusCode) {
    case 400:
      return new AppError('BAD_USER_INPUT', body.message ?? 'Invalid input', { fields: body.fields });
    case 401:
      return new AppError('UNAUTHENTICATED', 'Wrong email or password.');
    case 422:
      if (body.code?.startsWith('USER_ALREADY_EXISTS')) {
        return new AppError('CONFLICT', 'An account with this email already exists.', {
          fields: { email: 'An account with this email already exists. Sign in instead.' },
        });
      }
      return new AppError('BAD_USER_INPUT', body.message ?? 'Invalid input');
    case 429:
      return new AppError('RATE_LIMITED', body.message ?? 'Too many attempts. Try again later.', {
        retryAfterSeconds: body.retryAfter ?? 60,
      });
    default:
      return err;
  }
}
