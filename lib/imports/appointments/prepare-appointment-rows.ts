import { compileReader, normalizePhoneCached, type PreparedRejection, type RawRow } from '../prepare-import-rows';
import { parseAppointmentStatus, parseImportDateTime } from '../parse-import-values';
import type { ResolvedImportOptions } from '../schema';
import type { ImportMapping } from '../suggest-mapping';

// Pure part of an appointments batch: read and check each row (the lead's phone and/or e-mail,
// the start with or without an offset, end, title, status, external id, notes) and drop a
// second row with the same external id. No database.

export type PreparedAppointment = {
  rn: number;
  phone: string | null;
  email: string | null;
  /** For a lead the row creates. */
  name: string | null;
  startsAt: Date;
  endsAt: Date | null;
  title: string | null;
  status: string | null;
  externalId: string | null;
  notes: string | null;
  raw: RawRow;
};
export type PreparedAppointmentBatch = { rowCount: number; rows: PreparedAppointment[]; rejections: PreparedRejection[] };

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const MAX_TITLE = 200;
const MAX_NOTES = 5000;
const MAX_EXTERNAL_ID = 200;

type Readers = Partial<Record<'phone' | 'email' | 'name' | 'starts_at' | 'ends_at' | 'title' | 'status' | 'external_id' | 'notes', (row: RawRow) => string>>;

function compile(mapping: ImportMapping, columns: readonly string[] | undefined): Readers {
  const out: Readers = {};
  for (const [column, target] of Object.entries(mapping)) {
    if (target === 'ignore' || target.startsWith('attr.')) continue;
    out[target as keyof Readers] = compileReader(column, columns);
  }
  return out;
}

function prepareRow(r: Readers, row: RawRow, rn: number, opts: ResolvedImportOptions): PreparedAppointment | string {
  const zone = opts.timeZone ?? 'UTC';
  const phoneCell = r.phone?.(row) ?? '';
  let phone: string | null = null;
  if (phoneCell) {
    const p = normalizePhoneCached(phoneCell, opts.defaultCountry);
    if (!p.ok) return `${p.reason}: ${phoneCell.slice(0, 40)}`;
    phone = p.e164;
  }
  const email = (r.email?.(row) ?? '').toLowerCase() || null;
  if (email && (email.length > 254 || !EMAIL_RE.test(email))) return `email is not valid: ${email.slice(0, 60)}`;
  if (!phone && !email) return 'phone and e-mail are both empty: the row names no lead';
  const startCell = r.starts_at?.(row) ?? '';
  if (!startCell) return 'start is empty';
  const start = parseImportDateTime(startCell, zone, true);
  if (!start.ok) return `start: ${start.reason}`;
  let endsAt: Date | null = null;
  const endCell = r.ends_at?.(row) ?? '';
  if (endCell) {
    const end = parseImportDateTime(endCell, zone, true);
    if (!end.ok) return `end: ${end.reason}`;
    if (end.at <= start.at) return 'the end must be after the start';
    endsAt = end.at;
  }
  const status = parseAppointmentStatus(r.status?.(row) ?? '');
  if (!status.ok) return status.reason;
  const title = r.title?.(row) ?? '';
  if (title.length > MAX_TITLE) return `title is longer than ${MAX_TITLE} characters`;
  const externalId = r.external_id?.(row) ?? '';
  if (externalId.length > MAX_EXTERNAL_ID) return `external id is longer than ${MAX_EXTERNAL_ID} characters`;
  return {
    rn,
    phone,
    email,
    name: (r.name?.(row) ?? '').slice(0, 200) || null,
    startsAt: start.at,
    endsAt,
    title: title || null,
    status: status.status,
    externalId: externalId || null,
    notes: (r.notes?.(row) ?? '').slice(0, MAX_NOTES) || null,
    raw: row,
  };
}

/** Rows -> appointments to save and rejected rows (invalid, or an external id already met in this batch). */
export function prepareAppointmentRows(
  rows: readonly RawRow[],
  firstRowNumber: number,
  mapping: ImportMapping,
  columns: readonly string[] | undefined,
  opts: ResolvedImportOptions,
): PreparedAppointmentBatch {
  const r = compile(mapping, columns);
  const out: PreparedAppointment[] = [];
  const rejections: PreparedRejection[] = [];
  const firstRowOf = new Map<string, number>();
  rows.forEach((row, i) => {
    const rn = firstRowNumber + i;
    const result = Array.isArray(row) || Object.keys(row).length <= 500 ? prepareRow(r, row, rn, opts) : 'the row has too many fields';
    if (typeof result === 'string') {
      rejections.push({ rn, kind: 'invalid', reason: result, values: row });
      return;
    }
    if (result.externalId) {
      const first = firstRowOf.get(result.externalId);
      if (first !== undefined) {
        rejections.push({ rn, kind: 'duplicate', reason: `duplicate of row ${first} (external id ${result.externalId})`, values: row });
        return;
      }
      firstRowOf.set(result.externalId, rn);
    }
    out.push(result);
  });
  return { rowCount: rows.length, rows: out, rejections };
}
