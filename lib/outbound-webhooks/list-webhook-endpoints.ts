import 'server-only';
import { and, desc, eq, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { webhookDeliveries, webhookEndpoints, type OutboundEventType, type WebhookDeliveryStatus } from '@/db/schema';
import { isId } from '@/lib/validation/strict-values';

export type WebhookEndpointRow = {
  id: string;
  url: string;
  description: string | null;
  events: OutboundEventType[];
  isEnabled: boolean;
  disabledReason: string | null;
  failingSince: Date | null;
  createdAt: Date;
};

// Never selects secret_enc: nothing here reaches a page with the secret in it.
const endpointColumns = {
  id: webhookEndpoints.id,
  url: webhookEndpoints.url,
  description: webhookEndpoints.description,
  events: webhookEndpoints.events,
  isEnabled: webhookEndpoints.isEnabled,
  disabledReason: webhookEndpoints.disabledReason,
  failingSince: webhookEndpoints.failingSince,
  createdAt: webhookEndpoints.createdAt,
};

export async function listWebhookEndpoints(workspaceId: string): Promise<WebhookEndpointRow[]> {
  const db = await getDb();
  return db.select(endpointColumns).from(webhookEndpoints).where(eq(webhookEndpoints.workspaceId, workspaceId)).orderBy(desc(webhookEndpoints.createdAt));
}

export async function getWebhookEndpoint(workspaceId: string, id: string): Promise<WebhookEndpointRow | null> {
  if (!isId(id)) return null;
  const db = await getDb();
  const [row] = await db
    .select(endpointColumns)
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.workspaceId, workspaceId), eq(webhookEndpoints.id, id)));
  return row ?? null;
}

export type WebhookDeliveryRow = {
  id: string;
  eventId: string;
  eventType: OutboundEventType;
  status: WebhookDeliveryStatus;
  attempts: number;
  lastStatusCode: number | null;
  lastDurationMs: number | null;
  lastError: string | null;
  lastAttemptAt: Date | null;
  nextAttemptAt: Date;
  deliveredAt: Date | null;
  createdAt: Date;
  isInFlight: boolean;
};

export const DELIVERY_LOG_LIMIT = 100;

/** The newest deliveries of one endpoint of this workspace. */
export async function listWebhookDeliveries(workspaceId: string, endpointId: string): Promise<WebhookDeliveryRow[]> {
  const db = await getDb();
  return db
    .select({
      id: webhookDeliveries.id,
      eventId: webhookDeliveries.eventId,
      eventType: webhookDeliveries.eventType,
      status: webhookDeliveries.status,
      attempts: webhookDeliveries.attempts,
      lastStatusCode: webhookDeliveries.lastStatusCode,
      lastDurationMs: webhookDeliveries.lastDurationMs,
      lastError: webhookDeliveries.lastError,
      lastAttemptAt: webhookDeliveries.lastAttemptAt,
      nextAttemptAt: webhookDeliveries.nextAttemptAt,
      deliveredAt: webhookDeliveries.deliveredAt,
      createdAt: webhookDeliveries.createdAt,
      isInFlight: sql<boolean>`coalesce(${webhookDeliveries.leaseExpiresAt} > now(), false)`,
    })
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.workspaceId, workspaceId), eq(webhookDeliveries.endpointId, endpointId)))
    .orderBy(desc(webhookDeliveries.createdAt))
    .limit(DELIVERY_LOG_LIMIT);
}
