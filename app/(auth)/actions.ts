'use server';

import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { getAuth } from '@/lib/auth/auth';
import { isMemberOf, requireActionContext, WORKSPACE_COOKIE } from '@/lib/auth/session';
import { signInUser } from '@/lib/auth/sign-in-user';
import { signUpUser } from '@/lib/auth/sign-up-user';
import { toActionError, type ActionResult } from '@/lib/http/action-result';
import { clientIp } from '@/lib/rate-limit/client-ip';

export async function signInAction(input: unknown): Promise<ActionResult> {
  try {
    const h = await headers();
    await signInUser(input, h, clientIp(h));
    (await cookies()).delete(WORKSPACE_COOKIE);
    return { ok: true, data: undefined };
  } catch (err) {
    return toActionError(err);
  }
}

export async function signUpAction(input: unknown): Promise<ActionResult> {
  try {
    const h = await headers();
    const { workspaceId } = await signUpUser(input, h, clientIp(h));
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

export async function switchWorkspaceAction(formData: FormData): Promise<void> {
  const ctx = await requireActionContext();
  const workspaceId = String(formData.get('workspaceId') ?? '');
  if (await isMemberOf(ctx.user.id, workspaceId)) {
    (await cookies()).set(WORKSPACE_COOKIE, workspaceId, { httpOnly: true, sameSite: 'lax', path: '/' });
  }
  redirect('/dashboard');
}
