import 'server-only';
import type { DbOrTx } from '@/db/client';
import type { Appointment } from '@/db/schema';
import { queueAppointmentMessages } from '@/lib/campaigns/queue-appointment-messages';
import { advanceLifecycle } from '@/lib/leads/advance-lifecycle';
import { emitAppointmentChanged } from '@/lib/outbound-webhooks/emit-outbound-event';
import { recordAppointmentChange } from './record-appointment-change';

/**
 * The one place that reacts to an appointment being created or changed, inside the saving
 * transaction: its history for the lead's timeline, the lead's lifecycle (booked -> qualified, completed -> customer) and the
 * appointment campaigns (booked, reminder, no-show).
 * and the outbound `appointment.changed` webhook.
 */
export async function onAppointmentChanged(tx: DbOrTx, before: Appointment | null, after: Appointment): Promise<void> {
  await recordAppointmentChange(tx, before, after);
  if (before?.status !== after.status) {
    if (after.status === 'scheduled' || after.status === 'confirmed') {
      await advanceLifecycle(tx, after.workspaceId, after.leadId, 'appointment_booked');
    } else if (after.status === 'completed') {
      await advanceLifecycle(tx, after.workspaceId, after.leadId, 'appointment_completed');
    }
  }
  await queueAppointmentMessages(tx, before, after);
  const change = !before ? 'created' : after.status === 'cancelled' && before.status !== 'cancelled' ? 'cancelled' : 'updated';
  await emitAppointmentChanged(tx, after.workspaceId, {
    id: after.id,
    leadId: after.leadId,
    status: after.status,
    startsAt: after.startsAt,
    endsAt: after.endsAt,
    change,
  });
}
