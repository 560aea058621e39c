import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';

// One phone identity for every entry point (landing pages, imports, API, inbound WhatsApp).

export type NormalizedPhone = { ok: true; e164: string; country?: string } | { ok: false; reason: string };

const NOT_MOBILE = new Set(['FIXED_LINE', 'TOLL_FREE', 'PREMIUM_RATE', 'SHARED_COST', 'PAGER', 'UAN', 'VOICEMAIL']);

/**
 * Brazil added a 9 in front of mobile numbers; people and old spreadsheets still write the
 * 8-digit form ("11 8765-4321"). A 10-digit national number whose subscriber part starts with
 * 6-9 is such a mobile: put the 9 back so both forms are one lead.
 */
function withBrazilianNinthDigit(national: string): string {
  if (national.length === 10 && /^[1-9]{2}[6-9]/.test(national)) return `${national.slice(0, 2)}9${national.slice(2)}`;
  return national;
}

export function normalizePhone(raw: string, defaultCountry: string = 'BR'): NormalizedPhone {
  const input = (raw ?? '').trim();
  if (!input) return { ok: false, reason: 'phone is empty' };
  if (/[a-z]/i.test(input.replace(/\s*(ext\.?|x)\s*\d+$/i, ''))) return { ok: false, reason: 'phone has letters' };
  const country = defaultCountry.toUpperCase() as CountryCode;
  // "5511987654321" (digits with country code, as WhatsApp writes wa_id) is international too.
  const candidate = /^00/.test(input) ? `+${input.slice(2)}` : input;
  let parsed = parsePhoneNumberFromString(candidate, country);
  if (!parsed && /^\d{11,15}$/.test(candidate)) parsed = parsePhoneNumberFromString(`+${candidate}`);
  if (!parsed) return { ok: false, reason: `not a phone number for ${country}` };

  if (parsed.country === 'BR' || parsed.countryCallingCode === '55') {
    const fixed = withBrazilianNinthDigit(String(parsed.nationalNumber));
    if (fixed !== parsed.nationalNumber) parsed = parsePhoneNumberFromString(`+55${fixed}`) ?? parsed;
  }
  if (!parsed.isPossible()) {
    const digits = String(parsed.nationalNumber).length;
    const where = parsed.country ?? `+${parsed.countryCallingCode}`;
    return { ok: false, reason: digits < 8 ? `too short for ${where}` : `wrong length for ${where}` };
  }
  if (!parsed.isValid()) return { ok: false, reason: `not a valid number for ${parsed.country ?? `+${parsed.countryCallingCode}`}` };
  const type = parsed.getType();
  if (type && NOT_MOBILE.has(type)) return { ok: false, reason: 'not a mobile number' };
  return { ok: true, e164: parsed.number, country: parsed.country };
}

/** WhatsApp's wa_id / "to" form: the E.164 digits without '+'. */
export function toWaDigits(e164: string): string {
  return e164.replace(/^\+/, '');
}
