import 'server-only';
import { APIError } from 'better-auth/api';
import { AppError, parseInput } from '@/lib/errors';
import { consumeRateLimit } from '@/lib/rate-limit/consume-rate-limit';
import { getAuth } from './auth';
import { signInSchema } from './schema';

// Limits by account and by address, so neither a botnet on one account nor one address
// across many accounts gets more than a handful of guesses.
const PER_EMAIL = { window: 15 * 60, max: 10 };
const PER_IP = { window: 15 * 60, max: 50 };

export async function signInUser(raw: unknown, requestHeaders: Headers, ip: string) {
  const input = parseInput(signInSchema, raw);
  for (const [key, rule] of [
    [`sign-in:email:${input.email}`, PER_EMAIL],
    [`sign-in:ip:${ip}`, PER_IP],
  ] as const) {
    const verdict = await consumeRateLimit(key, rule);
    if (!verdict.allowed) {
      throw new AppError('RATE_LIMITED', `Too many sign-in attempts. Try again in ${verdict.retryAfter} seconds.`, {
        retryAfterSeconds: verdict.retryAfter ?? 60,
      });
    }
  }
  const auth = await getAuth();
  try {
    const result = await auth.api.signInEmail({
      body: { email: input.email, password: input.password },
      headers: requestHeaders,
    });
    return { userId: result.user.id };
  } catch (err) {
    if (err instanceof APIError && (err.status === 'UNAUTHORIZED' || err.statusCode === 401)) {
      throw new AppError('UNAUTHENTICATED', 'Wrong email or password.');
    }
    throw err;
  }
}
