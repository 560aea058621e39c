'use server';

import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { getAuth } from '@/lib/auth/auth';
import { isMemberOf, requireActionContext, WORKSPACE_COOKIE } from '@/lib/auth/session';
import { signInUser } from '@/lib/auth/sign-in-user';
import { signUpUser } from '@/lib/auth/sign-up-user';
import { AppError, parseInput } from '@/lib/errors';
import { toActionError, type ActionResult } from '@/lib/http/action-result';

export async function signInAction(input: unknown): Promise<ActionResult> {
  try {
    const h = await headers();
    await signInUser(input, h);
    (await cookies()).delete(WORKSPACE_COOKIE);
    return { ok: true, data: undefined };
  } catch (err) {
    return toActionError(err);
  }
}

export async function signUpAction(input: unknown): Promise<ActionResult> {
  try {
    const h = await headers();
    const { workspaceId } = await signUpUser(input, h);
    (await cookies()).set(WORKSPACE_COOKIE, workspaceId, { httpOnly: true, sameSite: 'lax', path: '/' });
    return { ok: true, data: undefined };
  } catch (err) {
    return toActionError(err);
  }
}

export async function signOutAction(): Promise<void> {
  const auth = await getAuth();
  await auth.api.signOut({ headers: await headers() });
  (await cookies()).delete(WORKSPACE_COOKIE);
  redirect('/sign-in');
}

const switchWorkspaceSchema = z.object({ workspaceId: z.uuid('Choose a workspace') });

/** On success redirects to the dashboard of the chosen workspace; otherwise says why. */
export async function switchWorkspaceAction(formData: unknown): Promise<ActionResult> {
  try {
    const ctx = await requireActionContext();
    if (!(formData instanceof FormData)) throw new AppError('BAD_USER_INPUT', 'Choose a workspace');
    const { workspaceId } = parseInput(switchWorkspaceSchema, { workspaceId: formData.get('workspaceId') });
    if (!(await isMemberOf(ctx.user.id, workspaceId))) {
      throw new AppError('NOT_FOUND', 'That workspace does not exist or you are not a member of it.');
    }
    (await cookies()).set(WORKSPACE_COOKIE, workspaceId, { httpOnly: true, sameSite: 'lax', path: '/' });
  } catch (err) {
    return toActionError(err);
  }
  redirect('/dashboard');
}
