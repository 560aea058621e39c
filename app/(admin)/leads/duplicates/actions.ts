'use server';

import { revalidatePath } from 'next/cache';
import { requireActionContext } from '@/lib/auth/session';
import { countEmailDuplicates, mergeEmailDuplicates, type EmailDuplicateCount } from '@/lib/duplicates/merge-email-duplicates';
import { mergeLeads } from '@/lib/duplicates/merge-leads';
import { scanDuplicates, type ScanResult } from '@/lib/duplicates/scan-duplicates';
import { undoLeadMerge } from '@/lib/duplicates/undo-lead-merge';
import { getDb } from '@/db/client';
import { toActionError, type ActionResult } from '@/lib/http/action-result';

// Server actions of the Duplicates screen and the lead page's merges: admins and owners only
// (a merge rewrites two people's history), then one use case in lib/duplicates.

async function admin() {
  const ctx = await requireActionContext('admin');
  return { ctx, actor: { workspaceId: ctx.workspace.id, userId: ctx.user.id } };
}

export async function scanDuplicatesAction(): Promise<ActionResult<ScanResult>> {
  try {
    const { ctx } = await admin();
    const data = await scanDuplicates(await getDb(), ctx.workspace.id);
    revalidatePath('/leads/duplicates');
    return { ok: true, data };
  } catch (err) {
    return toActionError(err);
  }
}

export async function mergeLeadsAction(input: unknown): Promise<ActionResult<{ mergeId: string; survivorId: string }>> {
  try {
    const { actor } = await admin();
    const merge = await mergeLeads(actor, input);
    return { ok: true, data: { mergeId: merge.id, survivorId: merge.survivorLeadId } };
  } catch (err) {
    return toActionError(err);
  }
}

export async function undoMergeAction(input: unknown): Promise<ActionResult<{ mergedId: string }>> {
  try {
    const { actor } = await admin();
    const merge = await undoLeadMerge(actor, input);
    return { ok: true, data: { mergedId: merge.mergedLeadId } };
  } catch (err) {
    return toActionError(err);
  }
}

export async function countEmailDuplicatesAction(): Promise<ActionResult<EmailDuplicateCount>> {
  try {
    const { ctx } = await admin();
    return { ok: true, data: await countEmailDuplicates(ctx.workspace.id) };
  } catch (err) {
    return toActionError(err);
  }
}

export async function mergeEmailDuplicatesAction(): Promise<ActionResult<{ merged: number; remaining: number }>> {
  try {
    const { actor } = await admin();
    return { ok: true, data: await mergeEmailDuplicates(actor) };
  } catch (err) {
    return toActionError(err);
  }
}
