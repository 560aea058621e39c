import { sql, type SQL } from 'drizzle-orm';
import { classifyError } from '@/lib/whatsapp/classify-error';

// A failed message is worth retrying when it failed for a passing reason: the dispatcher gave
// up after max attempts on transient errors, or Meta answered a code classified as transient
// (throughput, pair rate, service unavailable...). Permanent refusals (opted out of marketing,
// undeliverable, template rejected, bad parameters) are not: re-sending changes nothing.
const KNOWN_CODES = [0, 1, 2, 4, 190, 368, 80007, 130429, 131000, 131016, 131031, 131048, 131056, 131057, 133004];
export const RETRYABLE_ERROR_CODES = KNOWN_CODES.filter((code) => classifyError(code).decision !== 'give_up');
export const GAVE_UP_PREFIX = 'gave up after max attempts';

/** SQL predicate over `messages` (unaliased) for "failed, and a retry could succeed". */
export function retryableFailedSql(): SQL {
  return sql`status = 'failed' and (
    error_code in (${sql.join(RETRYABLE_ERROR_CODES.map((c) => sql`${c}::int`), sql`, `)})
    or status_reason like ${`${GAVE_UP_PREFIX}%`}::text)`;
}
