import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import { execRows, type Db, type DbOrTx, type Tx } from '@/db/client';
import { leads } from '@/db/schema';
import { queueCampaignMessages } from '@/lib/campaigns/queue-campaign-messages';
import { emitOutboundEvent, emitOutboundEvents, type OutboundEventInput } from '@/lib/outbound-webhooks/emit-outbound-event';
import { findOrCreateInboundLead } from './find-or-create-inbound-lead';
import { matchOptKeyword } from './opt-keywords';
import type { ContactItem, InboundItem } from './schema';
import { advancedLifecycleSql } from '@/lib/leads/advance-lifecycle';

// One inbound WhatsApp message: find or create the lead, store the message once (unique
// provider_message_id), refresh the 24-hour window (last_inbound_at) and apply opt-out/opt-in
// keywords. A repeated message changes nothing.

export type InboundOutcome = 'recorded' | 'duplicate';

function keywordCandidates(m: { text?: string | null; button_payload?: string | null; payload?: unknown }): string[] {
  const p = (m.payload ?? {}) as InboundItem;
  return [
    m.text,
    m.button_payload,
    p.button?.text,
    p.button?.payload,
    p.interactive?.button_reply?.title,
    p.interactive?.list_reply?.title,
  ].filter((x): x is string => typeof x === 'string');
}

export async function recordInboundMessage(
  db: Db,
  ctx: { workspaceId: string; senderPhoneId: string },
  message: InboundItem,
  contact?: ContactItem,
): Promise<InboundOutcome> {
  return db.transaction((tx) => recordInboundMessageIn(tx, ctx, message, contact));
}

/** The same, inside the caller's transaction (the receiver's batches: webhook-batcher.ts). */
export async function recordInboundMessageIn(
  tx: DbOrTx,
  ctx: { workspaceId: string; senderPhoneId: string },
  message: InboundItem,
  contact?: ContactItem,
): Promise<InboundOutcome> {
  const ws = ctx.workspaceId;
  const ts = message.timestamp.toISOString();
  const text =
    message.text?.body ??
    message.button?.text ??
    message.interactive?.button_reply?.title ??
    message.interactive?.list_reply?.title ??
    message.reaction?.emoji ??
    null;
  const buttonPayload = message.button?.payload ?? message.interactive?.button_reply?.id ?? message.interactive?.list_reply?.id ?? null;

  const lead = await findOrCreateInboundLead(tx, { workspaceId: ws, waId: message.from, profileName: contact?.profile?.name });

  // reply_to_message_id: our message this one answers (context.id), when we know it.
  const contextId = message.context?.id ?? null;
  const [inserted] = await execRows<{ id: string }>(
    tx,
    sql`insert into inbound_messages (workspace_id, lead_id, sender_phone_id, provider_message_id, type, text, button_payload, reply_to_message_id, payload, received_at)
        values (${ws}, ${lead.id}, ${ctx.senderPhoneId}, ${message.id}, ${message.type}, ${text}, ${buttonPayload},
                (select id from messages where workspace_id = ${ws} and provider_message_id = ${contextId} limit 1),
                ${JSON.stringify(message)}::jsonb, ${ts}::timestamptz)
        on conflict (provider_message_id) do nothing
        returning id`,
  );
  if (!inserted) return 'duplicate';
  const events: OutboundEventInput[] = [];
  if (lead.created) events.push({ workspaceId: ws, type: 'lead.created', payload: { lead: { id: lead.id, waId: message.from, name: contact?.profile?.name ?? null, source: 'whatsapp' } } });
  events.push({
    workspaceId: ws,
    type: 'inbound_message.received',
    payload: { inboundMessage: { id: inserted.id, leadId: lead.id, senderPhoneId: ctx.senderPhoneId, type: message.type, text, buttonPayload, receivedAt: ts } },
  });
  await emitOutboundEvents(tx, events);

  // Also locks the lead row: concurrent messages from one user are applied one at a time.
  // A reply moves the lead forward in its lifecycle (advance-lifecycle.ts) in the same statement.
  const [ws_] = await execRows<{ opt_out_keywords: string[]; opt_in_keywords: string[] }>(
    tx,
    sql`with l as (
          update leads set
            last_inbound_at = greatest(last_inbound_at, ${ts}::timestamptz),
            wa_id = ${message.from},
            name = coalesce(name, ${contact?.profile?.name ?? null}),
            lifecycle_status = ${advancedLifecycleSql('replied')},
            updated_at = now()
          where id = ${lead.id} and workspace_id = ${ws}
          returning workspace_id)
        select w.opt_out_keywords, w.opt_in_keywords from workspaces w join l on l.workspace_id = w.id`,
  );
  await applyOptKeyword(tx, { ws, leadId: lead.id, ts, text, buttonPayload, message, keywords: ws_ });
  // After the keywords: a first message that says STOP opts out before any campaign looks.
  if (lead.created) await queueInboundLeadCampaigns(tx, ws, lead.id);
  return 'recorded';
}

/** STOP / START and the workspace's other keywords: opt the lead out or back in. */
async function applyOptKeyword(
  tx: DbOrTx,
  p: {
    ws: string;
    leadId: string;
    ts: string;
    text: string | null;
    buttonPayload: string | null;
    message: InboundItem;
    keywords: { opt_out_keywords: string[]; opt_in_keywords: string[] } | undefined;
  },
): Promise<void> {
  const { ws, leadId, ts, text, buttonPayload, message, keywords } = p;
  const keyword = matchOptKeyword(keywordCandidates({ text, button_payload: buttonPayload, payload: message }), keywords?.opt_out_keywords ?? [], keywords?.opt_in_keywords ?? []);
  if (!keyword) return;

  // Out-of-order delivery: a later STOP/START from the same user already decided the state.
  const later = await execRows<{ text: string | null; button_payload: string | null; payload: unknown }>(
    tx,
    sql`select text, button_payload, payload from inbound_messages
        where workspace_id = ${ws} and lead_id = ${leadId} and received_at > ${ts}::timestamptz`,
  );
  const superseded = later.some((m) => matchOptKeyword(keywordCandidates(m), keywords?.opt_out_keywords ?? [], keywords?.opt_in_keywords ?? []) !== null);
  if (superseded) return;

  await tx.execute(
    keyword === 'opt_out'
      ? sql`update leads set opted_out_at = coalesce(opted_out_at, ${ts}::timestamptz), updated_at = now() where id = ${leadId} and workspace_id = ${ws}`
      : sql`update leads set opted_out_at = null, updated_at = now() where id = ${leadId} and workspace_id = ${ws}`,
  );
  if (keyword === 'opt_out') await emitOutboundEvent(tx, ws, 'lead.opted_out', { lead: { id: leadId }, optedOutAt: ts, reason: 'keyword' });
}

/**
 * Someone who wrote to us first became a lead: the automated campaigns that list the WhatsApp
 * source greet them (queue-campaign-messages.ts; "any source" campaigns do not).
 */
async function queueInboundLeadCampaigns(tx: DbOrTx, ws: string, leadId: string): Promise<void> {
  // Always inside the transaction that recorded the message (recordInboundMessage or the webhook batch).
  const [lead] = await tx.select().from(leads).where(and(eq(leads.workspaceId, ws), eq(leads.id, leadId)));
  if (lead) await queueCampaignMessages(tx as Tx, lead, { source: 'whatsapp' });
}
