import {
  isSupportedCountry,
  parsePhoneNumberFromString,
  validatePhoneNumberLength,
  type CountryCode,
  type PhoneNumber,
} from 'libphonenumber-js/max';

// One phone identity for every entry point (landing pages, imports, API, inbound WhatsApp).
// The "max" metadata is needed to tell mobiles from landlines; the reasons are shown to
// people fixing a spreadsheet, so they name the country and what is wrong.

export type NormalizedPhone = { ok: true; e164: string; country?: string } | { ok: false; reason: string };

const NOT_MOBILE = new Set(['FIXED_LINE', 'TOLL_FREE', 'PREMIUM_RATE', 'SHARED_COST', 'PAGER', 'UAN', 'VOICEMAIL']);

/** Is this a two-letter country libphonenumber knows ("BR", "us")? */
export function isPhoneCountry(code: string): boolean {
  return /^[A-Za-z]{2}$/.test(code) && isSupportedCountry(code.toUpperCase());
}

/**
 * Brazil added a 9 in front of mobile numbers; people and old spreadsheets still write the
 * 8-digit form ("11 8765-4321"). A 10-digit national number whose subscriber part starts with
 * 6-9 is such a mobile: put the 9 back so both forms are one lead.
 */
function withBrazilianNinthDigit(national: string): string {
  if (national.length === 10 && /^[1-9]{2}[6-9]/.test(national)) return `${national.slice(0, 2)}9${national.slice(2)}`;
  return national;
}

function lengthReason(input: string, country: CountryCode, parsed: PhoneNumber | undefined): string {
  const where = parsed?.country ?? (parsed ? `+${parsed.countryCallingCode}` : country);
  const verdict = validatePhoneNumberLength(input, country);
  if (verdict === 'TOO_SHORT') return `too short for ${where}`;
  if (verdict === 'TOO_LONG') return `too long for ${where}`;
  if (verdict === 'INVALID_COUNTRY') return 'unknown country calling code';
  if (parsed) {
    const digits = String(parsed.nationalNumber).length;
    return digits < 8 ? `too short for ${where}` : `wrong length for ${where}`;
  }
  return `not a phone number for ${country}`;
}

export function normalizePhone(raw: string, defaultCountry: string = 'BR'): NormalizedPhone {
  const input = (raw ?? '').trim();
  if (!input) return { ok: false, reason: 'phone is empty' };
  if (!isPhoneCountry(defaultCountry)) return { ok: false, reason: `unknown default country ${defaultCountry}` };
  const country = defaultCountry.toUpperCase() as CountryCode;
  // Excel shows long numbers as 5.51199E+12 and loses the last digits: only the source can fix it.
  if (/^\d[.,]\d+e\+\d+$/i.test(input)) {
    return { ok: false, reason: 'in scientific notation (Excel): format the column as text and export again' };
  }
  if (/[a-z]/i.test(input.replace(/\s*(ext\.?|x)\s*\d+$/i, ''))) return { ok: false, reason: 'phone has letters' };
  // "5511987654321" (digits with country code, as WhatsApp writes wa_id) is international too.
  const candidate = /^00/.test(input) ? `+${input.slice(2)}` : input;
  let parsed = parsePhoneNumberFromString(candidate, country);
  if ((!parsed || !parsed.isValid()) && /^\d{11,15}$/.test(candidate)) {
    const international = parsePhoneNumberFromString(`+${candidate}`);
    if (international?.isValid() || !parsed) parsed = international;
  }
  if (!parsed) return { ok: false, reason: lengthReason(candidate, country, undefined) };

  if (parsed.countryCallingCode === '55') {
    const fixed = withBrazilianNinthDigit(String(parsed.nationalNumber));
    if (fixed !== parsed.nationalNumber) parsed = parsePhoneNumberFromString(`+55${fixed}`) ?? parsed;
  }
  const where = parsed.country ?? `+${parsed.countryCallingCode}`;
  if (!parsed.isPossible()) return { ok: false, reason: lengthReason(parsed.number, country, parsed) };
  // With "max" metadata isValid() is getType() !== undefined: ask once (it is a third of the cost).
  const type = parsed.getType();
  if (!type) return { ok: false, reason: `not a valid number for ${where}` };
  if (NOT_MOBILE.has(type)) return { ok: false, reason: 'not a mobile number' };
  return { ok: true, e164: parsed.number, country: parsed.country };
}

/** WhatsApp's wa_id / "to" form: the E.164 digits without '+'. */
export function toWaDigits(e164: string): string {
  return e164.replace(/^\+/, '');
}
