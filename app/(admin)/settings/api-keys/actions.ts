'use server';

// Server actions of Settings -> API keys: owners and admins only, one use case each.
import { revalidatePath } from 'next/cache';
import { createApiKey } from '@/lib/api-keys/create-api-key';
import { revokeApiKey } from '@/lib/api-keys/revoke-api-key';
import { requireActionContext } from '@/lib/auth/session';
import { toActionError, type ActionResult } from '@/lib/http/action-result';

/** The key is in this answer once: the page shows it and it is never readable again. */
export async function createApiKeyAction(input: unknown): Promise<ActionResult<{ key: string; name: string }>> {
  try {
    const ctx = await requireActionContext('admin');
    const { key, apiKey } = await createApiKey(ctx.workspace.id, ctx.user.id, input);
    revalidatePath('/settings/api-keys');
    return { ok: true, data: { key, name: apiKey.name } };
  } catch (err) {
    return toActionError(err);
  }
}

export async function revokeApiKeyAction(input: unknown): Promise<ActionResult<undefined>> {
  try {
    const ctx = await requireActionContext('admin');
    await revokeApiKey(ctx.workspace.id, input);
    revalidatePath('/settings/api-keys');
    return { ok: true, data: undefined };
  } catch (err) {
    return toActionError(err);
  }
}
