import 'server-only';
import { getAuth } from './auth';
import { toAppError } from './auth-errors';
import { signInSchema } from './schema';
import { parseInput } from '@/lib/errors';

/**
 * Signs in through better-auth, whose hooks (lib/auth/auth-hooks.ts) apply the same limits
 * as to /api/auth/sign-in/email; the cookies reach the browser through nextCookies.
 */
export async function signInUser(raw: unknown, requestHeaders: Headers) {
  const input = parseInput(signInSchema, raw);
  const auth = await getAuth();
  try {
    const result = await auth.api.signInEmail({
      body: { email: input.email, password: input.password },
      headers: requestHeaders,
    });
    return { userId: result.user.id };
  } catch (err) {
    throw toAppError(err);
  }
}
