import { describe, expect, it } from 'vitest';
import { normalizePhone } from './normalize-phone';

describe('normalizePhone', () => {
  it.each([
    ['(11) 98765-4321', 'BR', '+5511987654321'],
    ['+55 11 98765-4321', 'US', '+5511987654321'],
    ['5511987654321', 'BR', '+5511987654321'],
    ['005511987654321', 'BR', '+5511987654321'],
    ['11 8765-4321', 'BR', '+5511987654321'], // 9th digit restored
    ['+55 11 8765-4321', 'BR', '+5511987654321'],
    ['(415) 555-2671', 'US', '+14155552671'],
    ['+34 612 34 56 78', 'BR', '+34612345678'],
  ])('%s (%s) -> %s', (input, country, e164) => {
    expect(normalizePhone(input, country)).toMatchObject({ ok: true, e164 });
  });

  it.each([
    ['', 'phone is empty'],
    ['call me', 'phone has letters'],
    ['12345', 'too short'],
    ['(11) 3456-7890', 'not a mobile number'],
  ])('rejects %j with a reason', (input, reason) => {
    const r = normalizePhone(input, 'BR');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain(reason);
  });
});
