'use server';

// Server actions of the Phones pages: parse nothing themselves, call one use case each.
import { revalidatePath } from 'next/cache';
import { requireActionContext } from '@/lib/auth/session';
import { toActionError, type ActionResult } from '@/lib/http/action-result';
import { addSandboxSenderPhone } from '@/lib/phones/add-sandbox-sender-phone';
import { createSenderPhone } from '@/lib/phones/create-sender-phone';
import { deleteSenderPhone } from '@/lib/phones/delete-sender-phone';
import { setSenderPhoneActive } from '@/lib/phones/set-sender-phone-active';
import { syncWhatsappTemplates, type SyncResult } from '@/lib/phones/sync-whatsapp-templates';
import { updateSenderPhone } from '@/lib/phones/update-sender-phone';
import { verifySenderPhone, type VerifyResult } from '@/lib/phones/verify-sender-phone';

async function run<T>(work: (workspaceId: string) => Promise<T>): Promise<ActionResult<T>> {
  try {
    const ctx = await requireActionContext('admin');
    const data = await work(ctx.workspace.id);
    revalidatePath('/phones');
    return { ok: true, data };
  } catch (err) {
    return toActionError(err);
  }
}

export async function createSenderPhoneAction(input: unknown): Promise<ActionResult<{ id: string }>> {
  return run((ws) => createSenderPhone(ws, input));
}

export async function addSandboxPhoneAction(input: unknown): Promise<ActionResult<{ id: string }>> {
  return run((ws) => addSandboxSenderPhone(ws, input));
}

export async function updateSenderPhoneAction(input: unknown): Promise<ActionResult<undefined>> {
  return run(async (ws) => {
    await updateSenderPhone(ws, input);
    return undefined;
  });
}

export async function verifySenderPhoneAction(input: unknown): Promise<ActionResult<VerifyResult>> {
  return run((ws) => verifySenderPhone(ws, input));
}

export async function syncTemplatesAction(input: unknown): Promise<ActionResult<SyncResult>> {
  return run((ws) => syncWhatsappTemplates(ws, input));
}

export async function setSenderPhoneActiveAction(input: unknown): Promise<ActionResult<undefined>> {
  return run(async (ws) => {
    await setSenderPhoneActive(ws, input);
    return undefined;
  });
}

export async function deleteSenderPhoneAction(input: unknown): Promise<ActionResult<undefined>> {
  return run(async (ws) => {
    await deleteSenderPhone(ws, input);
    return undefined;
  });
}
