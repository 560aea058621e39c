'use server';

// Server actions of the landing-page builder: check who is asking, call one use case, map the result.
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { requireActionContext } from '@/lib/auth/session';
import { parseInput } from '@/lib/errors';
import { toActionError, type ActionResult } from '@/lib/http/action-result';
import { createLandingPage, duplicateLandingPage, updateLandingPage } from '@/lib/landing-pages/save-landing-page';
import { revalidateLandingPage } from '@/lib/leadgen/landing-cache';

const idSchema = z.object({ id: z.uuid() });

export async function createLandingPageAction(values: unknown): Promise<ActionResult<{ id: string }>> {
  try {
    const ctx = await requireActionContext('admin');
    const created = await createLandingPage(ctx.workspace.id, values);
    await revalidateLandingPage(ctx.workspace.id, created.id, 'action');
    revalidatePath('/landing-pages');
    return { ok: true, data: { id: created.id } };
  } catch (err) {
    return toActionError(err);
  }
}

export async function updateLandingPageAction(id: string, values: unknown): Promise<ActionResult<{ id: string }>> {
  try {
    const ctx = await requireActionContext('admin');
    const parsed = parseInput(idSchema, { id });
    const updated = await updateLandingPage(ctx.workspace.id, parsed.id, values);
    await revalidateLandingPage(ctx.workspace.id, updated.id, 'action');
    revalidatePath('/landing-pages');
    return { ok: true, data: { id: updated.id } };
  } catch (err) {
    return toActionError(err);
  }
}

export async function duplicateLandingPageAction(id: string): Promise<void> {
  const ctx = await requireActionContext('admin');
  const parsed = parseInput(idSchema, { id });
  const copy = await duplicateLandingPage(ctx.workspace.id, parsed.id);
  await revalidateLandingPage(ctx.workspace.id, copy.id, 'action');
  revalidatePath('/landing-pages');
  redirect(`/landing-pages/${copy.id}`);
}
