'use server';

// Server actions of Settings -> Webhooks (owners and admins): one use case each.
import { revalidatePath } from 'next/cache';
import { requireActionContext } from '@/lib/auth/session';
import { toActionError, type ActionResult } from '@/lib/http/action-result';
import { createWebhookEndpoint, type CreatedWebhookEndpoint } from '@/lib/outbound-webhooks/create-webhook-endpoint';
import { deleteWebhookEndpoint, setWebhookEndpointEnabled } from '@/lib/outbound-webhooks/manage-webhook-endpoint';
import { resendWebhookDelivery } from '@/lib/outbound-webhooks/resend-webhook-delivery';

async function run<T>(work: (ctx: { workspaceId: string; userId: string }) => Promise<T>): Promise<ActionResult<T>> {
  try {
    const ctx = await requireActionContext('admin');
    const data = await work({ workspaceId: ctx.workspace.id, userId: ctx.user.id });
    revalidatePath('/settings/webhooks', 'layout');
    return { ok: true, data };
  } catch (err) {
    return toActionError(err);
  }
}

/** The secret is in this answer only: the page shows it once. */
export async function createWebhookEndpointAction(input: unknown): Promise<ActionResult<CreatedWebhookEndpoint>> {
  return run((ctx) => createWebhookEndpoint(ctx, input));
}

export async function setWebhookEndpointEnabledAction(input: unknown): Promise<ActionResult<undefined>> {
  return run(async ({ workspaceId }) => {
    await setWebhookEndpointEnabled(workspaceId, input);
    return undefined;
  });
}

export async function deleteWebhookEndpointAction(input: unknown): Promise<ActionResult<undefined>> {
  return run(async ({ workspaceId }) => {
    await deleteWebhookEndpoint(workspaceId, input);
    return undefined;
  });
}

export async function resendWebhookDeliveryAction(input: unknown): Promise<ActionResult<undefined>> {
  return run(async ({ workspaceId }) => {
    await resendWebhookDelivery(workspaceId, input);
    return undefined;
  });
}
