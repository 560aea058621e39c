import { z } from 'zod';

// The one strict shape for ids, dates, timestamps and text that reach PostgreSQL from a URL,
// a form or a stored value. PostgreSQL rejects an impossible date, a malformed uuid or a NUL
// character with an error (a 500, and the query logged); these schemas answer before it.

/** Any 8-4-4-4-12 hex id: what PostgreSQL's uuid type accepts in this form, every version. */
export const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const LOCAL_DATE_TIME_RE = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})$/;
const UTC_TIMESTAMP_RE = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d{1,6})?Z$/;
/** Years a person means: PostgreSQL has no year 0, and JavaScript reads 0-99 as 1900-1999. */
const MIN_YEAR = 1000;
const MAX_YEAR = 9999;

export function isId(value: unknown): value is string {
  return typeof value === 'string' && UUID_RE.test(value);
}

/** A YYYY-MM-DD that exists in the calendar (2024-02-29 yes, 2023-02-29 and 2024-13-45 no). */
export function isCalendarDay(value: string): boolean {
  const m = DAY_RE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < MIN_YEAR || y > MAX_YEAR || mo < 1 || mo > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, mo, 0)).getUTCDate();
}

/** A wall-clock YYYY-MM-DDTHH:MM (the browser's datetime-local) on a real day. */
export function isLocalDateTime(value: string): boolean {
  const m = LOCAL_DATE_TIME_RE.exec(value);
  return !!m && isCalendarDay(m[1]) && Number(m[2]) < 24 && Number(m[3]) < 60;
}

/** A UTC instant as PostgreSQL's to_char writes it (microseconds optional) on a real day. */
export function isUtcTimestamp(value: string): boolean {
  const m = UTC_TIMESTAMP_RE.exec(value);
  return !!m && isCalendarDay(m[1]) && Number(m[2]) < 24 && Number(m[3]) < 60 && Number(m[4]) < 60;
}

/** PostgreSQL text and jsonb cannot hold U+0000. */
export function hasNoNul(value: string): boolean {
  return !value.includes('\u0000');
}

/** An id field; the message is what a form shows when it is missing or malformed. */
export function idField(message = 'Not a valid id') {
  return z.string().regex(UUID_RE, message);
}
export const idSchema = idField();

export const daySchema = z
  .string()
  .regex(DAY_RE, 'Use a date like 2026-01-31')
  .refine(isCalendarDay, 'That date does not exist');

export const localDateTimeSchema = z
  .string()
  .regex(LOCAL_DATE_TIME_RE, 'Pick a date and time')
  .refine(isLocalDateTime, 'That date and time do not exist');

/** Text bound for a query or a column: at most max characters and no NUL. */
export function textSchema(max: number) {
  return z.string().max(max, `At most ${max} characters`).refine(hasNoNul, 'Contains a character that is not allowed');
}
