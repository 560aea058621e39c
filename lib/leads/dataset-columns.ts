import { MESSAGE_STATUSES } from '@/db/schema';

// The unified lead dataset's columns, in file order (docs/analytics.md describes each).
// Attribute columns chosen by the admin follow these.

export const DATASET_FORMATS = ['csv', 'jsonl'] as const;
export type DatasetFormat = (typeof DATASET_FORMATS)[number];

export const DATASET_COLUMNS = [
  'id', 'phone', 'name', 'email', 'tags', 'lifecycle_stage', 'created_at',
  'first_touch_at', 'first_source', 'first_landing_page', 'first_utm_source', 'first_utm_medium', 'first_utm_campaign',
  'last_touch_at', 'last_source', 'last_landing_page', 'last_utm_source', 'last_utm_medium', 'last_utm_campaign',
  'consent_at', 'consent_source', 'opted_out_at',
  ...MESSAGE_STATUSES.map((s) => `messages_${s}`),
  'last_message_status', 'last_message_at',
  'reply_count', 'last_reply_at',
  'appointments_booked', 'appointments_attended', 'appointments_no_show', 'next_appointment_at',
] as const;

/** An attribute column's name; prefixed when it would clash with a dataset column. */
export function attributeColumn(key: string): string {
  return (DATASET_COLUMNS as readonly string[]).includes(key) ? `attribute:${key}` : key;
}
