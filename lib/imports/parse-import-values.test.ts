import { describe, expect, it } from 'vitest';
import { parseAppointmentStatus, parseFlagOrDate, parseImportDateTime, parseLifecycle, stripFormulaQuote } from './parse-import-values';

const SP = 'America/Sao_Paulo';
const at = (cell: string, needTime = false) => {
  const r = parseImportDateTime(cell, SP, needTime);
  return r.ok ? [r.at.toISOString(), r.hadOffset] : r.reason;
};

describe('import cell readers', () => {
  it('reads times with an offset as written and without one in the workspace zone', () => {
    expect(at('2030-01-10T14:00:00-03:00')).toEqual(['2030-01-10T17:00:00.000Z', true]);
    expect(at('2030-01-10T14:00Z')).toEqual(['2030-01-10T14:00:00.000Z', true]);
    expect(at('2030-01-10 14:00:30+0100')).toEqual(['2030-01-10T13:00:30.000Z', true]);
    expect(at('2030-01-10 14:00')).toEqual(['2030-01-10T17:00:00.000Z', false]);
    expect(at('10/01/2030 14:00')).toEqual(['2030-01-10T17:00:00.000Z', false]);
    expect(at('10/01/2030')).toEqual(['2030-01-10T03:00:00.000Z', false]);
  });

  it('refuses what is not a real date, time or offset, and a date alone where a time is needed', () => {
    expect(at('31/02/2030 10:00')).toBe('not a real date: 31/02/2030 10:00');
    expect(at('2030-01-10 25:00')).toBe('not a real time: 2030-01-10 25:00');
    expect(at('2030-01-10', true)).toBe('the time is missing: 2030-01-10');
    expect(at('amanhã')).toContain('not a date and time');
    expect(at('2030-01-10T10:00+15:00')).toBe('not a valid offset: +15:00');
  });

  it('reads flags, stages and statuses in English and Portuguese', () => {
    const now = new Date('2030-01-01T00:00:00Z');
    expect(parseFlagOrDate('sim', SP, now)).toEqual({ ok: true, at: now.toISOString() });
    expect(parseFlagOrDate('não', SP, now)).toEqual({ ok: true, at: null });
    expect(parseFlagOrDate('', SP, now)).toEqual({ ok: true, at: null });
    expect(parseFlagOrDate('2026-04-02T08:30:00.123Z', SP, now)).toEqual({ ok: true, at: '2026-04-02T08:30:00.123Z' });
    expect(parseFlagOrDate('talvez', SP, now).ok).toBe(false);
    expect(parseLifecycle('Cliente')).toEqual({ ok: true, stage: 'customer' });
    expect(parseLifecycle('engaged')).toEqual({ ok: true, stage: 'engaged' });
    expect(parseLifecycle('vip').ok).toBe(false);
    expect(parseAppointmentStatus('Não compareceu')).toEqual({ ok: true, status: 'no_show' });
    expect(parseAppointmentStatus('Confirmado')).toEqual({ ok: true, status: 'confirmed' });
    expect(parseAppointmentStatus('no-show')).toEqual({ ok: true, status: 'no_show' });
    expect(parseAppointmentStatus('maybe').ok).toBe(false);
  });

  it("strips only the export's formula quote", () => {
    expect(stripFormulaQuote("'+5511987654321")).toBe('+5511987654321');
    expect(stripFormulaQuote("'=1+1")).toBe('=1+1');
    expect(stripFormulaQuote("'Tis")).toBe("'Tis");
    expect(stripFormulaQuote('+5511')).toBe('+5511');
  });
});
