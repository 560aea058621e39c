import 'server-only';
import { getDb } from '@/db/client';
import { parseInput } from '@/lib/errors';
import { createWorkspace } from '@/lib/workspaces/create-workspace';
import { getAuth } from './auth';
import { toAppError } from './auth-errors';
import { signUpSchema } from './schema';

/**
 * Creates the account through better-auth (whose hooks apply the sign-up limit and checks
 * shared with /api/auth/sign-up/email), signs it in (cookie via nextCookies) and makes its
 * first workspace.
 */
export async function signUpUser(raw: unknown, requestHeaders: Headers) {
  const input = parseInput(signUpSchema, raw);
  const auth = await getAuth();
  let userId: string;
  try {
    const result = await auth.api.signUpEmail({
      body: { name: input.name, email: input.email, password: input.password },
      headers: requestHeaders,
    });
    userId = result.user.id;
  } catch (err) {
    throw toAppError(err);
  }
  const workspace = await createWorkspace(await getDb(), { name: input.workspaceName, ownerUserId: userId });
  return { userId, workspaceId: workspace.id };
}
