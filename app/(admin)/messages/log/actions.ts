'use server';

// Server actions of the message log: retry one failed/unknown message, cancel one queued message.
import { revalidatePath } from 'next/cache';
import { requireActionContext } from '@/lib/auth/session';
import { toActionError, type ActionResult } from '@/lib/http/action-result';
import { cancelMessage } from '@/lib/messages/cancel-message';
import { retryMessage } from '@/lib/messages/retry-message';

export async function retryMessageAction(input: { messageId: string }): Promise<ActionResult> {
  try {
    const ctx = await requireActionContext('admin');
    await retryMessage(ctx.workspace.id, input);
    revalidatePath('/messages/log');
    return { ok: true, data: undefined };
  } catch (err) {
    return toActionError(err);
  }
}

export async function cancelMessageAction(input: { messageId: string }): Promise<ActionResult> {
  try {
    const ctx = await requireActionContext('admin');
    await cancelMessage(ctx.workspace.id, input);
    revalidatePath('/messages/log');
    return { ok: true, data: undefined };
  } catch (err) {
    return toActionError(err);
  }
}
