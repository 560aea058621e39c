import 'server-only';
import { and, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { campaigns, leads, messages, messageTemplates, type Appointment, type Campaign } from '@/db/schema';
import { poolSenderSql, senderPool } from './sender-pool';

// Appointment-triggered campaigns, inside the appointment's saving transaction (outbox), so the
// dispatcher and its rules send them like any campaign message:
//   booked   - once per appointment, when it is created live or confirmed;
//   reminder - due `hoursBefore` its start; a move moves the queued reminder, and a cancelled,
//              completed or no-show appointment (or one already too close) skips it;
//   no_show  - once, when it is marked a no-show.
// The dispatcher also refuses a reminder once the appointment has started (prepare-message.ts).

export const APPOINTMENT_CANCELLED_REASON = 'the appointment was cancelled or is no longer upcoming';
export const REMINDER_TOO_LATE_REASON = 'the reminder time had passed when the appointment was saved';

const isLive = (a: Pick<Appointment, 'status'> | null) => !!a && (a.status === 'scheduled' || a.status === 'confirmed');

async function skipQueued(tx: DbOrTx, a: Appointment, campaignId: string, reason: string) {
  await tx.execute(sql`
    with upd as (
      update messages set status = 'skipped', status_reason = ${reason}::text, skipped_at = now(),
             lease_owner = null, lease_expires_at = null, updated_at = now()
       where workspace_id = ${a.workspaceId}::uuid and appointment_id = ${a.id}::uuid
         and campaign_id = ${campaignId}::uuid and status = 'queued'
      returning id, workspace_id)
    insert into message_events (workspace_id, message_id, status, source, detail)
    select workspace_id, id, 'skipped', 'system', ${reason}::text from upd`);
}

export async function queueAppointmentMessages(tx: DbOrTx, before: Appointment | null, after: Appointment): Promise<void> {
  const rows = await tx
    .select({ campaign: campaigns, templateKind: messageTemplates.kind })
    .from(campaigns)
    .innerJoin(messageTemplates, eq(messageTemplates.id, campaigns.templateId))
    .where(and(
      eq(campaigns.workspaceId, after.workspaceId),
      eq(campaigns.kind, 'automated'),
      inArray(campaigns.status, ['active', 'paused']),
      isNotNull(sql`${campaigns.trigger}->'appointment'->>'event'`),
    ));
  if (rows.length === 0) return;
  const [lead] = await tx
    .select({ id: leads.id, phoneE164: leads.phoneE164, optedOutAt: leads.optedOutAt })
    .from(leads)
    .where(and(eq(leads.workspaceId, after.workspaceId), eq(leads.id, after.leadId)));
  if (!lead) return;

  const queue = async (campaign: Campaign, templateKind: string, event: string, dueAt: ReturnType<typeof sql>) => {
    if (lead.optedOutAt) return;
    await tx
      .insert(messages)
      .values({
        workspaceId: after.workspaceId,
        leadId: lead.id,
        campaignId: campaign.id,
        templateId: campaign.templateId,
        appointmentId: after.id,
        senderPhoneId: poolSenderSql(senderPool(campaign), sql`${lead.id}::uuid`),
        kind: templateKind === 'whatsapp_template' ? 'template' : 'text',
        toPhone: lead.phoneE164,
        payload: { appointmentEvent: event },
        idempotencyKey: `campaign:${campaign.id}:appointment:${after.id}:${event}`,
        nextAttemptAt: dueAt,
      })
      .onConflictDoNothing({ target: messages.idempotencyKey });
  };

  for (const { campaign, templateKind } of rows) {
    const trigger = campaign.trigger.appointment!;
    const delay = sql`now() + make_interval(secs => ${campaign.delaySeconds})`;
    if (trigger.event === 'booked') {
      const becameLive = isLive(after) && (!isLive(before) || (after.status === 'confirmed' && before?.status !== 'confirmed'));
      if (becameLive) await queue(campaign, templateKind, 'booked', delay);
      else if (!isLive(after)) await skipQueued(tx, after, campaign.id, APPOINTMENT_CANCELLED_REASON);
    } else if (trigger.event === 'no_show') {
      if (after.status === 'no_show' && before?.status !== 'no_show') await queue(campaign, templateKind, 'no_show', delay);
    } else {
      const hours = trigger.hoursBefore ?? 24;
      const dueAt = new Date(after.startsAt.getTime() - hours * 3_600_000);
      if (!isLive(after)) {
        await skipQueued(tx, after, campaign.id, APPOINTMENT_CANCELLED_REASON);
      } else if (dueAt.getTime() <= Date.now()) {
        await skipQueued(tx, after, campaign.id, REMINDER_TOO_LATE_REASON);
      } else {
        await queue(campaign, templateKind, 'reminder', sql`${dueAt.toISOString()}::timestamptz`);
        // A moved appointment moves its still-queued reminder (a sent one stays sent).
        await tx.execute(sql`
          update messages set next_attempt_at = ${dueAt.toISOString()}::timestamptz, updated_at = now()
           where workspace_id = ${after.workspaceId}::uuid and appointment_id = ${after.id}::uuid
             and campaign_id = ${campaign.id}::uuid and status = 'queued'
             and next_attempt_at <> ${dueAt.toISOString()}::timestamptz`);
      }
    }
  }
}
