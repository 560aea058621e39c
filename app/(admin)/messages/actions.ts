'use server';

// Server actions of the personalized-message pages: one use case each.
import { revalidatePath } from 'next/cache';
import { requireActionContext } from '@/lib/auth/session';
import { toActionError, type ActionResult } from '@/lib/http/action-result';
import { archiveTemplate } from '@/lib/templates/archive-template';
import { saveTemplate } from '@/lib/templates/save-template';
import { searchPreviewLeads, type PreviewLead } from '@/lib/templates/search-preview-leads';
import { sendTemplateDraftNow, type SendTestResult } from '@/lib/templates/send-template-draft-now';

export async function saveTemplateAction(input: unknown): Promise<ActionResult<{ id: string }>> {
  try {
    const ctx = await requireActionContext('admin');
    const saved = await saveTemplate(ctx.workspace.id, input);
    revalidatePath('/messages');
    return { ok: true, data: saved };
  } catch (err) {
    return toActionError(err);
  }
}

export async function archiveTemplateAction(input: unknown): Promise<ActionResult<undefined>> {
  try {
    const ctx = await requireActionContext('admin');
    await archiveTemplate(ctx.workspace.id, input);
    revalidatePath('/messages');
    return { ok: true, data: undefined };
  } catch (err) {
    return toActionError(err);
  }
}

export async function searchPreviewLeadsAction(input: unknown): Promise<ActionResult<PreviewLead[]>> {
  try {
    const ctx = await requireActionContext();
    return { ok: true, data: await searchPreviewLeads(ctx.workspace.id, input) };
  } catch (err) {
    return toActionError(err);
  }
}

export async function sendTestMessageAction(input: unknown): Promise<ActionResult<SendTestResult>> {
  try {
    const ctx = await requireActionContext('admin');
    return { ok: true, data: await sendTemplateDraftNow(ctx.workspace.id, input) };
  } catch (err) {
    return toActionError(err);
  }
}
