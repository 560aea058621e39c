import 'server-only';
import type { DbOrTx } from '@/db/client';
import { applyStatusBatch, type StatusInput, type StatusOutcome } from './apply-status-batch';
import type { WebhookSender } from './find-webhook-senders';
import { recordInboundMessageIn, type InboundOutcome } from './record-inbound-message';
import { contactSchema, inboundMessageSchema, statusSchema, type ContactItem, type InboundItem, type WebhookEnvelope } from './schema';

// What a verified webhook body asks for, worked out in the request (parsing is the request's
// CPU, not the batch's), then applied with other bodies in one transaction.

export type InboundInput = { workspaceId: string; senderPhoneId: string; message: InboundItem; contact?: ContactItem };
export type EventPlan = { statuses: Omit<StatusInput, 'webhookEventId'>[]; inbound: InboundInput[]; skipped: number };

export type ProcessSummary = {
  statuses: Record<StatusOutcome, number>;
  inbound: Record<InboundOutcome, number>;
  skipped: number;
};

/**
 * Every change of the envelope, in each verified sender's workspace (one phone number id may be
 * connected in several). Items that do not parse are skipped one by one, never the whole body.
 */
export function planWebhookEvent(envelope: WebhookEnvelope, senders: Map<string, WebhookSender[]>): EventPlan {
  const plan: EventPlan = { statuses: [], inbound: [], skipped: 0 };
  for (const entry of envelope.entry) {
    for (const change of entry.changes) {
      const forChange = change.value.metadata ? (senders.get(change.value.metadata.phone_number_id) ?? []) : [];
      if (change.field !== 'messages' || forChange.length === 0) {
        plan.skipped++;
        continue;
      }
      const value = change.value as Record<string, unknown>;
      const contacts = (Array.isArray(value.contacts) ? value.contacts : []).flatMap((c) => {
        const r = contactSchema.safeParse(c);
        return r.success ? [r.data] : [];
      });
      const messages = (Array.isArray(value.messages) ? value.messages : []).map((raw) => inboundMessageSchema.safeParse(raw));
      const statuses = (Array.isArray(value.statuses) ? value.statuses : []).map((raw) => statusSchema.safeParse(raw));
      for (const sender of forChange) {
        for (const m of messages) {
          if (!m.success) {
            plan.skipped++;
            continue;
          }
          const contact = contacts.find((c) => c.wa_id === m.data.from) ?? contacts[0];
          plan.inbound.push({ workspaceId: sender.workspaceId, senderPhoneId: sender.id, message: m.data, contact });
        }
        for (const s of statuses) {
          if (!s.success) {
            plan.skipped++;
            continue;
          }
          plan.statuses.push({ workspaceId: sender.workspaceId, status: s.data });
        }
      }
    }
  }
  return plan;
}

/**
 * Applies stored events' plans inside the caller's transaction: inbound messages one by one
 * (each a few statements), then every status of every event in one applyStatusBatch, in the
 * order the events arrived. Idempotent: re-applying an event changes nothing.
 */
export async function applyWebhookEvents(tx: DbOrTx, events: { eventId: string; plan: EventPlan }[]): Promise<ProcessSummary[]> {
  const summaries = events.map(
    (e): ProcessSummary => ({ statuses: { applied: 0, duplicate: 0, unmatched: 0 }, inbound: { recorded: 0, duplicate: 0 }, skipped: e.plan.skipped }),
  );
  for (const [i, e] of events.entries()) {
    for (const m of e.plan.inbound) {
      summaries[i].inbound[await recordInboundMessageIn(tx, { workspaceId: m.workspaceId, senderPhoneId: m.senderPhoneId }, m.message, m.contact)]++;
    }
  }
  const owners: number[] = [];
  const inputs: StatusInput[] = [];
  for (const [i, e] of events.entries()) {
    for (const s of e.plan.statuses) {
      owners.push(i);
      inputs.push({ ...s, webhookEventId: e.eventId });
    }
  }
  const outcomes = await applyStatusBatch(tx, inputs);
  outcomes.forEach((o, k) => summaries[owners[k]].statuses[o]++);
  return summaries;
}
