import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { webhookDeliveries } from '@/db/schema';
import { AppError, parseInput } from '@/lib/errors';
import { deliveryIdSchema } from './schema';

/**
 * Queues a delivery again, now, with a fresh 24 hours of retries. It keeps its event id: a
 * receiver that already processed the event recognises it; one that lost it gets it again.
 * A delivery in flight (leased) is left alone.
 */
export async function resendWebhookDelivery(workspaceId: string, input: unknown): Promise<void> {
  const { id } = parseInput(deliveryIdSchema, input);
  const db = await getDb();
  const [row] = await db
    .select({ id: webhookDeliveries.id, status: webhookDeliveries.status })
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.workspaceId, workspaceId), eq(webhookDeliveries.id, id)));
  if (!row) throw new AppError('NOT_FOUND', 'This delivery does not exist.');
  const updated = await db
    .update(webhookDeliveries)
    .set({ status: 'pending', nextAttemptAt: sql`now()`, giveUpAt: sql`now() + interval '24 hours'`, deliveredAt: null })
    .where(
      and(
        eq(webhookDeliveries.workspaceId, workspaceId),
        eq(webhookDeliveries.id, id),
        sql`(${webhookDeliveries.leaseExpiresAt} is null or ${webhookDeliveries.leaseExpiresAt} <= now())`,
      ),
    )
    .returning({ id: webhookDeliveries.id });
  if (updated.length === 0) throw new AppError('CONFLICT', 'This delivery is being sent right now; try again in a minute.');
}
