import 'server-only';
import { AppError } from '@/lib/errors';
import { normalizePhone } from '@/lib/phones/normalize-phone';

/** A phone argument in any format -> E.164 with the workspace's country, or BAD_USER_INPUT on `field`. */
export function normalizeApiPhone(raw: string, defaultCountry: string, field = 'phone'): string {
  const result = normalizePhone(raw, defaultCountry);
  if (!result.ok) throw new AppError('BAD_USER_INPUT', result.reason, { fields: { [field]: result.reason } });
  return result.e164;
}
