import 'server-only';
import { getCountryCallingCode, type CountryCode } from 'libphonenumber-js';
import { sql, type SQL } from 'drizzle-orm';

/** The workspace's calling code ('55' for BR): a number stored without it is read as national. */
export function callingCodeOf(defaultCountry: string): string {
  try {
    return getCountryCallingCode(defaultCountry as CountryCode);
  } catch {
    return '';
  }
}

/**
 * The line a stored number reaches, as SQL over one `phone_e164` expression, so that the forms
 * older imports and API calls stored compare equal:
 * - a missing country code ("+11987654321" stored for the Brazilian 11 98765-4321) is read as a
 *   national number of the workspace's country;
 * - a trunk "0" after the country code ("+55011...") is dropped;
 * - in Brazil (55), the mobile 9th digit is dropped: 11 9 8765-4321 and 11 8765-4321 are one line.
 *   Only before 6-9, the first digit old 8-digit mobiles had; 2-5 were landlines, never given a 9.
 * All three leave the last 8 digits alone, which is why the scan can block on right(phone, 8).
 */
export function lineKeySql(phone: SQL, callingCode: string): SQL {
  const digits = sql`substr(${phone}, 2)`;
  const national = sql`(case when ${callingCode}::text <> '' and left(${digits}, length(${callingCode}::text)) = ${callingCode}::text
                              then substr(${digits}, length(${callingCode}::text) + 1) else ${digits} end)`;
  const noTrunk = sql`(case when left(${national}, 1) = '0' then substr(${national}, 2) else ${national} end)`;
  const brazil = sql`(case when ${callingCode}::text = '55' and length(${noTrunk}) = 11 and substr(${noTrunk}, 3, 1) = '9'
                              and substr(${noTrunk}, 4, 1) in ('6', '7', '8', '9')
                           then left(${noTrunk}, 2) || substr(${noTrunk}, 4) else ${noTrunk} end)`;
  return sql`(${callingCode}::text || ${brazil})`;
}
