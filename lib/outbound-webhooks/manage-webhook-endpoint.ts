import 'server-only';
import { and, eq, lt, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { webhookDeliveries, webhookEndpoints } from '@/db/schema';
import { AppError, parseInput } from '@/lib/errors';
import { endpointIdSchema, setEndpointEnabledSchema } from './schema';

const notFound = () => new AppError('NOT_FOUND', 'This webhook endpoint does not exist.');

/**
 * Enable or disable. Enabling clears the automatic-disable reason and the failure run, and
 * gives up on deliveries whose 24 hours passed while the endpoint was off.
 */
export async function setWebhookEndpointEnabled(workspaceId: string, input: unknown): Promise<void> {
  const { id, enabled } = parseInput(setEndpointEnabledSchema, input);
  const db = await getDb();
  await db.transaction(async (tx) => {
    const [row] = await tx
      .update(webhookEndpoints)
      .set(enabled ? { isEnabled: true, disabledReason: null, failingSince: null, updatedAt: sql`now()` } : { isEnabled: false, disabledReason: 'Disabled by an admin.', updatedAt: sql`now()` })
      .where(and(eq(webhookEndpoints.workspaceId, workspaceId), eq(webhookEndpoints.id, id)))
      .returning({ id: webhookEndpoints.id });
    if (!row) throw notFound();
    if (enabled) {
      await tx
        .update(webhookDeliveries)
        .set({ status: 'failed', lastError: 'gave up: 24 hours passed while the endpoint was disabled' })
        .where(
          and(
            eq(webhookDeliveries.workspaceId, workspaceId),
            eq(webhookDeliveries.endpointId, id),
            eq(webhookDeliveries.status, 'pending'),
            lt(webhookDeliveries.giveUpAt, sql`now()`),
          ),
        );
    }
  });
}

/** Deletes the endpoint and its delivery log. */
export async function deleteWebhookEndpoint(workspaceId: string, input: unknown): Promise<void> {
  const { id } = parseInput(endpointIdSchema, input);
  const db = await getDb();
  const rows = await db
    .delete(webhookEndpoints)
    .where(and(eq(webhookEndpoints.workspaceId, workspaceId), eq(webhookEndpoints.id, id)))
    .returning({ id: webhookEndpoints.id });
  if (rows.length === 0) throw notFound();
}
