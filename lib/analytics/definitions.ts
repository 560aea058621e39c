import { sql, type SQL } from 'drizzle-orm';

// Every analytics figure's building blocks, defined once (docs/analytics.md explains each).
// The arguments are fixed table aliases written in this folder's queries, never user input.

/** The time a message belongs to: when Meta accepted it, or when it was queued if it never was. */
export const messageTime = (m: string): SQL => sql.raw(`coalesce(${m}.sent_at, ${m}.created_at)`);
/** Sent: Meta accepted the message (it has a sent time), whatever happened next. */
export const isSent = (m: string): SQL => sql.raw(`(${m}.sent_at is not null)`);
/** Delivered: a delivered or a read receipt came (Meta sometimes sends read without delivered). */
export const isDelivered = (m: string): SQL => sql.raw(`(${m}.delivered_at is not null or ${m}.read_at is not null)`);
export const isRead = (m: string): SQL => sql.raw(`(${m}.read_at is not null)`);
/** Attended: the appointment was marked completed (no_show and cancelled are not). */
export const isAttended = (a: string): SQL => sql.raw(`(${a}.status = 'completed')`);

/** A timestamp column inside [start, end). */
export function within(column: SQL, start: Date, end: Date): SQL {
  return sql`(${column} >= ${start.toISOString()}::timestamptz and ${column} < ${end.toISOString()}::timestamptz)`;
}

/** Local calendar day (YYYY-MM-DD) of a timestamp in the workspace's zone. */
export function localDayOf(column: SQL, timeZone: string): SQL {
  return sql`to_char((${column} at time zone ${timeZone})::date, 'YYYY-MM-DD')`;
}

/** A rate in [0, 1], or null when nothing was there to convert (shown as "-", not 0 %). */
export function rate(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}
