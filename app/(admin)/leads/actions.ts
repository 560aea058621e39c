'use server';

import { requireActionContext } from '@/lib/auth/session';
import { toActionError, type ActionResult } from '@/lib/http/action-result';
import { countLeads } from '@/lib/leads/count-leads';
import { createLead } from '@/lib/leads/create-lead';
import { deleteLeads } from '@/lib/leads/delete-leads';
import { DuplicatePhoneError } from '@/lib/leads/save-lead-fields';
import type { SaveLeadResult } from '@/lib/leads/schema';
import { tagLeads } from '@/lib/leads/tag-leads';
import { updateLead } from '@/lib/leads/update-lead';

// Server actions of the leads pages: who is asking, then one use case in lib/leads.

function toSaveError(err: unknown): SaveLeadResult {
  const base = toActionError(err);
  return err instanceof DuplicatePhoneError && err.existingLeadId ? { ...base, duplicateLeadId: err.existingLeadId } : base;
}

export async function createLeadAction(input: unknown): Promise<SaveLeadResult> {
  try {
    const ctx = await requireActionContext();
    const lead = await createLead(
      { workspaceId: ctx.workspace.id, defaultCountry: ctx.workspace.defaultCountry, userId: ctx.user.id },
      input,
    );
    return { ok: true, data: { id: lead.id } };
  } catch (err) {
    return toSaveError(err);
  }
}

export async function updateLeadAction(leadId: string, input: unknown): Promise<SaveLeadResult> {
  try {
    const ctx = await requireActionContext();
    const lead = await updateLead(
      { workspaceId: ctx.workspace.id, defaultCountry: ctx.workspace.defaultCountry, actor: { userId: ctx.user.id, channel: 'admin' } },
      leadId,
      input,
    );
    return { ok: true, data: { id: lead.id } };
  } catch (err) {
    return toSaveError(err);
  }
}

export async function countLeadsAction(selection: unknown): Promise<ActionResult<{ count: number }>> {
  try {
    const ctx = await requireActionContext();
    return { ok: true, data: { count: await countLeads(ctx.workspace.id, selection) } };
  } catch (err) {
    return toActionError(err);
  }
}

export async function tagLeadsAction(input: unknown): Promise<ActionResult<{ changed: number }>> {
  try {
    const ctx = await requireActionContext();
    return { ok: true, data: await tagLeads(ctx.workspace.id, input) };
  } catch (err) {
    return toActionError(err);
  }
}

export async function deleteLeadsAction(input: unknown): Promise<ActionResult<{ deleted: number }>> {
  try {
    // Deleting leads (and their conversations) is for admins and owners, not agents.
    const ctx = await requireActionContext('admin');
    return { ok: true, data: await deleteLeads(ctx.workspace.id, input) };
  } catch (err) {
    return toActionError(err);
  }
}
