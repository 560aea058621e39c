import 'server-only';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import type { Lead, OutboundEventType } from '@/db/schema';

/**
 * Writes one event to the outbox (webhook_deliveries), one row per enabled endpoint of the
 * workspace that wants this event type, inside the caller's transaction: the event exists if
 * and only if the change committed. One statement on the partial index of enabled endpoints;
 * a workspace without such an endpoint inserts nothing. The dispatcher delivers the rows
 * (run-delivery-pass.ts). Returns the event id.
 */
export async function emitOutboundEvent(
  tx: DbOrTx,
  workspaceId: string,
  type: OutboundEventType,
  payload: Record<string, unknown>,
): Promise<string> {
  const eventId = randomUUID();
  await tx.execute(sql`
    insert into webhook_deliveries (workspace_id, endpoint_id, event_id, event_type, payload)
    select e.workspace_id, e.id, ${eventId}::uuid, ${type}, ${JSON.stringify(payload)}::jsonb
      from webhook_endpoints e
     where e.workspace_id = ${workspaceId}::uuid and e.is_enabled and ${type} = any(e.events)`);
  return eventId;
}

export type OutboundEventInput = { workspaceId: string; type: OutboundEventType; payload: Record<string, unknown> };

/**
 * emitOutboundEvent for many events in one statement (the webhook receiver's batches), in the
 * caller's transaction. Returns nothing: each event gets its own id, as one by one.
 */
export async function emitOutboundEvents(tx: DbOrTx, events: OutboundEventInput[]): Promise<void> {
  if (events.length === 0) return;
  const rows = JSON.stringify(events.map((e) => ({ ws: e.workspaceId, event_id: randomUUID(), type: e.type, payload: e.payload })));
  await tx.execute(sql`
    insert into webhook_deliveries (workspace_id, endpoint_id, event_id, event_type, payload)
    select e.workspace_id, e.id, v.event_id, v.type, v.payload
      from json_to_recordset(${rows}::json) v(ws uuid, event_id uuid, type text, payload jsonb)
      join webhook_endpoints e on e.workspace_id = v.ws and e.is_enabled and v.type = any(e.events)`);
}

/** The lead as events show it (never internal columns). */
export function leadEventData(lead: Lead): Record<string, unknown> {
  return {
    lead: {
      id: lead.id,
      phone: lead.phoneE164,
      name: lead.name,
      email: lead.email,
      source: lead.source,
      lifecycleStatus: lead.lifecycleStatus,
      tags: lead.tags,
      attributes: lead.attributes,
      optedOutAt: lead.optedOutAt,
      createdAt: lead.createdAt,
      updatedAt: lead.updatedAt,
    },
  };
}

export type AppointmentEventData = {
  id: string;
  leadId: string;
  status: string;
  startsAt: Date | string;
  endsAt?: Date | string | null;
  change: 'created' | 'updated' | 'cancelled';
};

/** For the appointments code: call inside the transaction that books, moves or cancels one. */
export function emitAppointmentChanged(tx: DbOrTx, workspaceId: string, appointment: AppointmentEventData): Promise<string> {
  return emitOutboundEvent(tx, workspaceId, 'appointment.changed', { appointment });
}

/** The lead edit form saved: lead.updated, and lead.opted_out when the edit opted the lead out. */
export async function emitLeadSaved(tx: DbOrTx, before: Lead, after: Lead): Promise<void> {
  await emitOutboundEvent(tx, after.workspaceId, 'lead.updated', leadEventData(after));
  if (!before.optedOutAt && after.optedOutAt) {
    await emitOutboundEvent(tx, after.workspaceId, 'lead.opted_out', { lead: { id: after.id, phone: after.phoneE164 }, optedOutAt: after.optedOutAt, reason: 'edited' });
  }
}
