import type { LifecycleStatus } from '@/db/schema/leads';

// The one lifecycle rule, shared by real events (lib/leads/advance-lifecycle.ts) and the demo
// seed, so a demo lead and a real one in the same state show the same stage:
//   new -> contacted (a message delivered or read) -> engaged (replied)
//       -> qualified (appointment booked) -> customer (appointment completed); lost only by hand.
// Events only move a lead forward; `lost` is never left by an event.
export const LIFECYCLE_RANK: Record<LifecycleStatus, number> = {
  new: 0,
  contacted: 1,
  engaged: 2,
  qualified: 3,
  customer: 4,
  lost: 5,
};

export type LifecycleEvent = 'message_delivered' | 'replied' | 'appointment_booked' | 'appointment_completed';

export const STAGE_FOR_EVENT: Record<LifecycleEvent, LifecycleStatus> = {
  message_delivered: 'contacted',
  replied: 'engaged',
  appointment_booked: 'qualified',
  appointment_completed: 'customer',
};

/** The stage after an event: never backwards, never out of `lost`. */
export function nextLifecycleStage(current: LifecycleStatus, event: LifecycleEvent): LifecycleStatus {
  const target = STAGE_FOR_EVENT[event];
  return LIFECYCLE_RANK[target] > LIFECYCLE_RANK[current] ? target : current;
}

/** The stage a history implies (used to seed demo leads by the same rule as live events). */
export function lifecycleFromHistory(h: { messageStatus: string | null; replied: boolean }): LifecycleStatus {
  let stage: LifecycleStatus = 'new';
  if (h.messageStatus === 'delivered' || h.messageStatus === 'read') stage = nextLifecycleStage(stage, 'message_delivered');
  if (h.replied) stage = nextLifecycleStage(stage, 'replied');
  return stage;
}
