import { describe, expect, it } from 'vitest';
import { isPhoneCountry, normalizePhone, toWaDigits } from './normalize-phone';

describe('normalizePhone', () => {
  it.each([
    ['(11) 98765-4321', 'BR', '+5511987654321'],
    ['+55 11 98765-4321', 'US', '+5511987654321'],
    ['5511987654321', 'BR', '+5511987654321'],
    ['5511987654321', 'US', '+5511987654321'], // wa_id form, whatever the default country
    ['005511987654321', 'BR', '+5511987654321'],
    ['011 98765-4321', 'BR', '+5511987654321'], // trunk prefix
    ['0 21 11 98765-4321', 'BR', '+5511987654321'], // carrier selection code
    ['  +55 (11) 9.8765.4321 ', 'BR', '+5511987654321'],
    ['(415) 555-2671', 'US', '+14155552671'],
    ['+34 612 34 56 78', 'BR', '+34612345678'],
    ['612 34 56 78', 'es', '+34612345678'], // lower-case country
    ['07911 123456', 'GB', '+447911123456'],
    ['+351 912 345 678', 'BR', '+351912345678'],
  ])('%s (%s) -> %s', (input, country, e164) => {
    const r = normalizePhone(input, country);
    expect(r).toMatchObject({ ok: true, e164 });
  });

  describe('Brazilian 9th digit', () => {
    it.each(['11 8765-4321', '+55 11 8765-4321', '551187654321', '(11) 98765-4321', '011 8765 4321'])(
      '%s is the same lead as the 9-digit form',
      (input) => {
        expect(normalizePhone(input, 'BR')).toMatchObject({ ok: true, e164: '+5511987654321' });
      },
    );

    it('leaves 8-digit landlines alone (and refuses them as not mobile)', () => {
      expect(normalizePhone('(11) 3456-7890', 'BR')).toEqual({ ok: false, reason: 'not a mobile number' });
    });
  });

  it.each([
    ['', 'BR', 'phone is empty'],
    ['   ', 'BR', 'phone is empty'],
    ['call me', 'BR', 'phone has letters'],
    ['12345', 'BR', 'too short for BR'],
    ['+55 11 1234', 'BR', 'too short for BR'],
    ['119876543210000', 'BR', 'too long for BR'],
    ['(11) 3456-7890', 'BR', 'not a mobile number'],
    ['0800 123 4567', 'BR', 'not a mobile number'],
    ['+44 20 7946 0958', 'BR', 'not a mobile number'],
    ['+999 1234', 'BR', 'unknown country calling code'],
    ['5.51199E+12', 'BR', 'scientific notation'],
    ['(11) 98765-4321', 'XX', 'unknown default country XX'],
    ['+55 10 91234-5678', 'BR', 'not a valid number for BR'], // no area code 10
    ['+1 555 010 9999', 'BR', 'not a valid number for +1'],
  ])('rejects %j (%s) with a clear reason', (input, country, reason) => {
    const r = normalizePhone(input, country);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain(reason);
  });

  it('knows countries and the WhatsApp digit form', () => {
    expect(isPhoneCountry('br')).toBe(true);
    expect(isPhoneCountry('XX')).toBe(false);
    expect(isPhoneCountry('BRA')).toBe(false);
    expect(toWaDigits('+5511987654321')).toBe('5511987654321');
  });
});
