import { fromLocalInput } from '@/lib/appointments/local-time';

// Pure readers for the cells that are not plain text: dates (with or without an offset),
// yes/no-or-date flags, lifecycle stages and appointment statuses, in English and Portuguese
// (and the Spanish a Latin American file may carry). Used by the browser preview and the server.

/** What our own export (lib/csv/to-safe-csv.ts) puts before a cell a spreadsheet would run as a formula. */
const NEUTRALIZED = /^'[=+\-@\t\r]/;

/** `'+5511...` (a phone from our export) -> `+5511...`; any other leading apostrophe stays. */
export function stripFormulaQuote(cell: string): string {
  return cell.charCodeAt(0) === 39 && NEUTRALIZED.test(cell) ? cell.slice(1) : cell;
}

export type ParsedDate = { ok: true; at: Date; hadOffset: boolean } | { ok: false; reason: string };

const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
// Day first, as Brazil, Portugal and Spanish-speaking countries write dates (10/12/2026 = 10 December).
const DAY_FIRST = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:[ ,T]+(\d{1,2})[:h](\d{2})(?::(\d{2}))?)?$/i;

const pad = (n: number) => String(n).padStart(2, '0');

function realDay(y: number, m: number, d: number): boolean {
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

/**
 * "2026-12-10T14:30:00-03:00", "2026-12-10 14:30" or "10/12/2026 14:30" -> an instant. Without
 * an offset the wall time is read in `timeZone`. `needTime`: a date alone is refused (an
 * appointment's start); otherwise it means midnight.
 */
export function parseImportDateTime(cell: string, timeZone: string, needTime = false): ParsedDate {
  const v = cell.trim();
  let y: number, mo: number, d: number, h: number | undefined, mi: number | undefined, s: number | undefined, zone: string | undefined;
  let ms = 0;
  const iso = ISO.exec(v);
  const dayFirst = iso ? null : DAY_FIRST.exec(v);
  if (iso) {
    [y, mo, d] = [+iso[1], +iso[2], +iso[3]];
    [h, mi, s, zone] = [iso[4] === undefined ? undefined : +iso[4], iso[5] === undefined ? undefined : +iso[5], iso[6] ? +iso[6] : 0, iso[8]];
    // Fractions of a second as our export writes them (milliseconds): an opt-out's time comes back exact.
    if (iso[7]) ms = Math.round(Number(`0.${iso[7]}`) * 1000);
  } else if (dayFirst) {
    [d, mo, y] = [+dayFirst[1], +dayFirst[2], +dayFirst[3]];
    [h, mi, s] = [dayFirst[4] === undefined ? undefined : +dayFirst[4], dayFirst[5] === undefined ? undefined : +dayFirst[5], dayFirst[6] ? +dayFirst[6] : 0];
  } else {
    return { ok: false, reason: `not a date and time (use 2026-12-10 14:30, 2026-12-10T14:30-03:00 or 10/12/2026 14:30): ${v.slice(0, 40)}` };
  }
  if (!realDay(y, mo, d)) return { ok: false, reason: `not a real date: ${v.slice(0, 40)}` };
  if (h === undefined && needTime) return { ok: false, reason: `the time is missing: ${v.slice(0, 40)}` };
  if ((h ?? 0) > 23 || (mi ?? 0) > 59 || (s ?? 0) > 59) return { ok: false, reason: `not a real time: ${v.slice(0, 40)}` };
  const wall = `${y}-${pad(mo)}-${pad(d)}T${pad(h ?? 0)}:${pad(mi ?? 0)}`;
  if (zone) {
    const z = zone.toUpperCase() === 'Z' ? 0 : zoneMinutes(zone);
    if (z === null) return { ok: false, reason: `not a valid offset: ${zone}` };
    return { ok: true, at: new Date(Date.parse(`${wall}:00Z`) + (s ?? 0) * 1000 + ms - z * 60_000), hadOffset: true };
  }
  const at = fromLocalInput(wall, timeZone);
  if (!at) return { ok: false, reason: `not a date and time: ${v.slice(0, 40)}` };
  return { ok: true, at: new Date(at.getTime() + (s ?? 0) * 1000 + ms), hadOffset: false };
}

function zoneMinutes(zone: string): number | null {
  const m = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone);
  if (!m || +m[2] > 14 || +(m[3] ?? 0) > 59) return null;
  return (m[1] === '-' ? -1 : 1) * (+m[2] * 60 + +(m[3] ?? 0));
}

const YES = new Set(['yes', 'y', 'true', '1', 'x', 'sim', 's', 'si', 'verdadeiro', 'opted out', 'opt out', 'descadastrado']);
const NO = new Set(['no', 'n', 'false', '0', 'nao', 'não', 'falso', '-']);

/**
 * An opt-out or consent cell: a date (when it happened), yes (now) or no / empty (nothing).
 * Returns the ISO instant, null for "no", or the reason the cell is not understood.
 */
export function parseFlagOrDate(cell: string, timeZone: string, now: Date): { ok: true; at: string | null } | { ok: false; reason: string } {
  const v = cell.trim().toLowerCase();
  if (!v || NO.has(v)) return { ok: true, at: null };
  if (YES.has(v)) return { ok: true, at: now.toISOString() };
  const d = parseImportDateTime(cell, timeZone);
  return d.ok ? { ok: true, at: d.at.toISOString() } : { ok: false, reason: d.reason };
}

const fold = (v: string) => v.normalize('NFD').replace(/[\u0300-\u036f]/g, '').trim().toLowerCase().replace(/[\s-]+/g, '_');

const LIFECYCLE_WORDS: Record<string, string> = {
  new: 'new', novo: 'new', nuevo: 'new',
  contacted: 'contacted', contatado: 'contacted', contactado: 'contacted',
  engaged: 'engaged', engajado: 'engaged', interessado: 'engaged', interesado: 'engaged',
  qualified: 'qualified', qualificado: 'qualified', calificado: 'qualified',
  customer: 'customer', cliente: 'customer',
  lost: 'lost', perdido: 'lost',
};

/** A lifecycle stage cell -> the stage, null when empty, or the reason. */
export function parseLifecycle(cell: string): { ok: true; stage: string | null } | { ok: false; reason: string } {
  if (!cell.trim()) return { ok: true, stage: null };
  const stage = LIFECYCLE_WORDS[fold(cell)];
  return stage ? { ok: true, stage } : { ok: false, reason: `not a lifecycle stage (new, contacted, engaged, qualified, customer, lost): ${cell.slice(0, 40)}` };
}

const STATUS_WORDS: Record<string, string> = {
  scheduled: 'scheduled', booked: 'scheduled', agendado: 'scheduled', marcado: 'scheduled', agendada: 'scheduled', programado: 'scheduled',
  confirmed: 'confirmed', confirmado: 'confirmed', confirmada: 'confirmed',
  completed: 'completed', done: 'completed', attended: 'completed', concluido: 'completed', concluida: 'completed', realizado: 'completed',
  realizada: 'completed', atendido: 'completed', completado: 'completed',
  cancelled: 'cancelled', canceled: 'cancelled', cancelado: 'cancelled', cancelada: 'cancelled',
  no_show: 'no_show', noshow: 'no_show', missed: 'no_show', faltou: 'no_show', nao_compareceu: 'no_show', ausente: 'no_show', no_asistio: 'no_show',
};

/** An appointment status cell -> the status, null when empty, or the reason. */
export function parseAppointmentStatus(cell: string): { ok: true; status: string | null } | { ok: false; reason: string } {
  if (!cell.trim()) return { ok: true, status: null };
  const status = STATUS_WORDS[fold(cell)];
  return status
    ? { ok: true, status }
    : { ok: false, reason: `not an appointment status (scheduled, confirmed, completed, cancelled, no_show): ${cell.slice(0, 40)}` };
}
