import 'server-only';
import { eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { users } from '@/db/schema';
import { AppError, parseInput } from '@/lib/errors';
import { consumeRateLimit } from '@/lib/rate-limit/consume-rate-limit';
import { createWorkspace } from '@/lib/workspaces/create-workspace';
import { getAuth } from './auth';
import { signUpSchema } from './schema';

/** Creates the account, signs it in (cookie via nextCookies) and makes its first workspace. */
export async function signUpUser(raw: unknown, requestHeaders: Headers, ip: string) {
  const input = parseInput(signUpSchema, raw);
  const limit = await consumeRateLimit(`sign-up:ip:${ip}`, { window: 3600, max: 20 });
  if (!limit.allowed) {
    throw new AppError('RATE_LIMITED', 'Too many sign-ups from here. Try again later.', {
      retryAfterSeconds: limit.retryAfter ?? 60,
    });
  }
  const db = await getDb();
  const [existing] = await db.select({ id: users.id }).from(users).where(eq(users.email, input.email));
  if (existing) {
    throw new AppError('CONFLICT', 'An account with this email already exists.', {
      fields: { email: 'An account with this email already exists. Sign in instead.' },
    });
  }
  const auth = await getAuth();
  const result = await auth.api.signUpEmail({
    body: { name: input.name, email: input.email, password: input.password },
    headers: requestHeaders,
  });
  const workspace = await createWorkspace(db, { name: input.workspaceName, ownerUserId: result.user.id });
  return { userId: result.user.id, workspaceId: workspace.id };
}
