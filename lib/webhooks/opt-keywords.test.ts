import { describe, expect, it } from 'vitest';
import { inboundPhoneCandidates, waIdToE164 } from './find-or-create-inbound-lead';
import { matchOptKeyword, normaliseKeyword } from './opt-keywords';

const OUT = ['STOP', 'PARAR', 'SAIR', 'CANCELAR', 'UNSUBSCRIBE'];
const IN = ['START', 'VOLTAR'];

describe('opt keywords', () => {
  it.each([
    ['STOP', 'opt_out'],
    ['  stop  ', 'opt_out'],
    ['Parar!', 'opt_out'],
    ['cancelár', 'opt_out'],
    ['SAÍR', 'opt_out'],
    ['Stop promotions', 'opt_out'],
    ['start', 'opt_in'],
    ['Voltar.', 'opt_in'],
    ['stop please', null],
    ['', null],
    ['quero parar de receber', null],
  ])('%j -> %s', (text, expected) => {
    expect(matchOptKeyword([text], OUT, IN)).toBe(expected);
  });

  it('uses the workspace lists (accented keywords too)', () => {
    expect(matchOptKeyword(['baja'], ['BAJA'], [])).toBe('opt_out');
    expect(matchOptKeyword(['Não quero'], ['NAO QUERO'], [])).toBe('opt_out');
    expect(normaliseKeyword('  Ação   já! ')).toBe('ACAO JA');
  });
});

describe('inbound phone candidates', () => {
  it('maps wa_id to E.164 and tries the Brazil 9th digit and Mexico 521 variants', () => {
    expect(waIdToE164('5511987654321')).toBe('+5511987654321');
    // A new lead is stored under our normalisation (9th digit restored); the raw form is tried too.
    expect(inboundPhoneCandidates('551187654321')).toEqual(['+5511987654321', '+551187654321']);
    expect(inboundPhoneCandidates('5511987654321')).toEqual(['+5511987654321', '+551187654321']);
    expect(inboundPhoneCandidates('5215512345678')).toEqual(['+5215512345678', '+525512345678']);
    expect(inboundPhoneCandidates('14155550123')).toEqual(['+14155550123']);
  });
});
