import { normalizePhone, type NormalizedPhone } from '@/lib/phones/normalize-phone';
import { parseFlagOrDate, parseLifecycle, stripFormulaQuote } from './parse-import-values';
import { MAX_IMPORT_COLUMNS, type ResolvedImportOptions } from './schema';
import type { ImportMapping } from './suggest-mapping';

// Pure part of a batch: read the mapped cells, normalise and validate each row, and drop
// duplicates within the batch. No database: the browser preview and the bench use it too.

export type RawRow = readonly string[] | Readonly<Record<string, string>>;
export type PreparedLead = {
  rn: number;
  phone: string;
  name: string | null;
  email: string | null;
  tags: string[];
  attrs: Record<string, string>;
  // Set only when the file maps them (JSON.stringify drops the rest: the common batch stays small).
  optedOutAt?: string;
  consentAt?: string;
  consentSource?: string;
  consentText?: string;
  lifecycle?: string;
  /** The row as it came, kept for the rejected-rows file should a later batch have the phone. */
  raw: RawRow;
};
export type PreparedRejection = { rn: number; kind: 'invalid' | 'duplicate'; reason: string; values: RawRow };
export type PreparedBatch = { rowCount: number; leads: PreparedLead[]; rejections: PreparedRejection[] };

const MAX_NAME = 200;
const MAX_EMAIL = 254;
const MAX_ATTR = 1000;
const MAX_TAG = 50;
const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE_CACHE_LIMIT = 50_000;
const phoneCache = new Map<string, NormalizedPhone>();

/**
 * normalizePhone with a cache keyed by the digits, so "(11) 98765-4321", "11 98765 4321" and
 * "11987654321" cost one libphonenumber parse. Only plain punctuation is folded; anything
 * else goes to the normaliser as written.
 */
export function normalizePhoneCached(raw: string, country: string): NormalizedPhone {
  const trimmed = raw.trim();
  const key = /^\+?[\d\s().\-/]+$/.test(trimmed)
    ? `${country}|${trimmed[0] === '+' ? '+' : ''}${trimmed.replace(/\D/g, '')}`
    : `${country}|${trimmed}`;
  let result = phoneCache.get(key);
  if (!result) {
    result = normalizePhone(trimmed, country);
    if (phoneCache.size >= PHONE_CACHE_LIMIT) phoneCache.clear();
    phoneCache.set(key, result);
  }
  return result;
}

export type Reader = (row: RawRow) => string;
type CompiledMapping = {
  phone: Reader;
  name?: Reader;
  firstName?: Reader;
  lastName?: Reader;
  email?: Reader;
  tags?: Reader;
  lifecycle?: Reader;
  optedOutAt?: Reader;
  consentAt?: Reader;
  consentSource?: Reader;
  consentText?: Reader;
  otherAttributes?: Reader;
  attrs: [string, Reader][];
};
const OPTIONAL_READERS: Partial<Record<string, keyof CompiledMapping>> = {
  lifecycle_status: 'lifecycle', opted_out_at: 'optedOutAt', consent_at: 'consentAt', consent_source: 'consentSource',
  consent_text: 'consentText', other_attributes: 'otherAttributes',
};

/** A cell reader by header (object rows) or position (array rows); trims and drops the export's formula quote. */
export function compileReader(column: string, columns: readonly string[] | undefined): Reader {
  const index = columns ? columns.indexOf(column) : -1;
  return (row) => {
    const v = Array.isArray(row) ? (row as readonly string[])[index] : (row as Record<string, string>)[column];
    return typeof v === 'string' ? stripFormulaQuote(v).trim() : '';
  };
}

export function compileMapping(mapping: ImportMapping, columns?: readonly string[]): CompiledMapping {
  const out: Partial<CompiledMapping> & { attrs: [string, Reader][] } = { attrs: [] };
  for (const [column, target] of Object.entries(mapping)) {
    const read = compileReader(column, columns);
    if (target === 'phone') out.phone = read;
    else if (target === 'name') out.name = read;
    else if (target === 'first_name') out.firstName = read;
    else if (target === 'last_name') out.lastName = read;
    else if (target === 'email') out.email = read;
    else if (target === 'tags') out.tags = read;
    else if (target.startsWith('attr.')) out.attrs.push([target.slice(5), read]);
    else if (OPTIONAL_READERS[target]) (out as unknown as Record<string, Reader>)[OPTIONAL_READERS[target]!] = read;
  }
  if (!out.phone) throw new Error('mapping has no phone column');
  return out as CompiledMapping;
}

export function splitTags(cell: string): string[] {
  if (!cell) return [];
  return cell
    .split(/[,;|]/)
    .map((t) => t.trim().slice(0, MAX_TAG))
    .filter(Boolean);
}

/** Fields of a row sent as an object, or null when it has no more than a file may have. */
function tooManyFields(row: RawRow): number | null {
  if (Array.isArray(row)) return null;
  const n = Object.keys(row).length;
  return n > MAX_IMPORT_COLUMNS ? n : null;
}

function prepareRow(m: CompiledMapping, row: RawRow, rn: number, opts: ResolvedImportOptions): PreparedLead | string {
  const fields = tooManyFields(row);
  if (fields !== null) return `the row has ${fields} fields; at most ${MAX_IMPORT_COLUMNS}`;
  const phoneCell = m.phone(row);
  if (!phoneCell) return 'phone is empty';
  const phone = normalizePhoneCached(phoneCell, opts.defaultCountry);
  if (!phone.ok) return `${phone.reason}: ${phoneCell.slice(0, 40)}`;
  let email: string | null = m.email ? m.email(row).toLowerCase() : null;
  if (email && (email.length > MAX_EMAIL || !EMAIL_RE.test(email))) return `email is not valid: ${email.slice(0, 60)}`;
  email ||= null;
  let name = m.name ? m.name(row) : '';
  if (!name && (m.firstName || m.lastName)) name = [m.firstName?.(row), m.lastName?.(row)].filter(Boolean).join(' ');
  const tags = opts.tags.length > 0 || m.tags ? [...new Set([...opts.tags, ...splitTags(m.tags ? m.tags(row) : '')])] : [];
  const attrs: Record<string, string> = {};
  if (m.otherAttributes) {
    const other = readOtherAttributes(m.otherAttributes(row));
    if (typeof other === 'string') return other;
    Object.assign(attrs, other);
  }
  for (const [key, read] of m.attrs) {
    const v = read(row);
    if (v) attrs[key] = v.slice(0, MAX_ATTR);
  }
  const lead: PreparedLead = { rn, phone: phone.e164, name: name ? name.slice(0, MAX_NAME) : null, email, tags, attrs, raw: row };
  return m.lifecycle || m.optedOutAt || m.consentAt || m.consentSource || m.consentText ? withLeadState(m, row, lead, opts) : lead;
}

/** The export's `other_attributes` column: a JSON object of attributes past its column limit. */
function readOtherAttributes(cell: string): Record<string, string> | string {
  if (!cell) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(cell);
  } catch {
    return 'other_attributes is not a JSON object';
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return 'other_attributes is not a JSON object';
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(parsed)) if (v !== null && v !== '') out[k.slice(0, 64)] = String(v).slice(0, MAX_ATTR);
  return out;
}

/** Lifecycle, opt-out and consent columns (an export's): read only when mapped. */
function withLeadState(m: CompiledMapping, row: RawRow, lead: PreparedLead, opts: ResolvedImportOptions): PreparedLead | string {
  const zone = opts.timeZone ?? 'UTC';
  const now = new Date();
  if (m.lifecycle) {
    const stage = parseLifecycle(m.lifecycle(row));
    if (!stage.ok) return stage.reason;
    if (stage.stage) lead.lifecycle = stage.stage;
  }
  if (m.optedOutAt) {
    const v = parseFlagOrDate(m.optedOutAt(row), zone, now);
    if (!v.ok) return `opted_out_at: ${v.reason}`;
    if (v.at) lead.optedOutAt = v.at;
  }
  if (m.consentAt) {
    const v = parseFlagOrDate(m.consentAt(row), zone, now);
    if (!v.ok) return `consent_at: ${v.reason}`;
    if (v.at) lead.consentAt = v.at;
  }
  // A consent's source and text only mean something with its time.
  if (lead.consentAt) lead.consentSource = (m.consentSource ? m.consentSource(row).slice(0, 200) : '') || 'import';
  if (lead.consentAt && m.consentText) lead.consentText = m.consentText(row).slice(0, 2000) || undefined;
  return lead;
}


/** Rows -> leads to upsert and rejected rows (invalid, or a phone already met in this batch). */
export function prepareImportRows(
  rows: readonly RawRow[],
  firstRowNumber: number,
  mapping: ImportMapping,
  columns: readonly string[] | undefined,
  opts: ResolvedImportOptions,
): PreparedBatch {
  const m = compileMapping(mapping, columns);
  const leads: PreparedLead[] = [];
  const rejections: PreparedRejection[] = [];
  const firstRowOf = new Map<string, number>();
  rows.forEach((row, i) => {
    const rn = firstRowNumber + i;
    const result = prepareRow(m, row, rn, opts);
    if (typeof result === 'string') {
      // An over-wide row is kept only as wide as a file may be in the rejected-rows file.
      const values = tooManyFields(row) === null ? row : Object.fromEntries(Object.entries(row).slice(0, MAX_IMPORT_COLUMNS));
      rejections.push({ rn, kind: 'invalid', reason: result, values });
      return;
    }
    const first = firstRowOf.get(result.phone);
    if (first !== undefined) {
      rejections.push({ rn, kind: 'duplicate', reason: `duplicate of row ${first} (${result.phone})`, values: row });
      return;
    }
    firstRowOf.set(result.phone, rn);
    leads.push(result);
  });
  return { rowCount: rows.length, leads, rejections };
}
