import 'server-only';
import { AppError } from '@/lib/errors';
import { getPhoneDetails } from '@/lib/whatsapp/get-phone-details';
import type { GraphCallOptions } from '@/lib/whatsapp/graph-http';
import type { PhoneDetails, SenderCredentials } from '@/lib/whatsapp/types';
import { explainGraphFailure, type ExplainedFailure } from './explain-graph-failure';

export type CredentialsCheck = { ok: true; details: PhoneDetails } | { ok: false; failure: ExplainedFailure };

/** Asks the Graph API (Meta, the fake in tests, the sandbox in development) about the number with these credentials. */
export async function checkPhoneCredentials(creds: SenderCredentials, opts: GraphCallOptions = {}): Promise<CredentialsCheck> {
  const result = await getPhoneDetails(creds, opts);
  return result.ok ? { ok: true, details: result.data } : { ok: false, failure: explainGraphFailure(result) };
}

/** The form's answer when a new phone does not verify: what failed, on the field to fix. */
export function phoneNotVerified(failure: ExplainedFailure): AppError {
  const words = `${failure.summary ?? 'Not connected'}. ${failure.explanation}`;
  const field = failure.kind === 'token' || failure.kind === 'permission' ? 'accessToken' : failure.kind === 'id' ? 'phoneNumberId' : undefined;
  const transient = failure.kind === 'network' || failure.kind === 'timeout' || failure.kind === 'rate_limit';
  return new AppError(transient ? 'UNAVAILABLE' : 'BAD_USER_INPUT', `Not saved: the connection check failed. ${words}`, {
    fields: field ? { [field]: failure.summary ?? 'Check this value' } : undefined,
  });
}

/** Columns that record a successful check. */
export function verifiedColumns(d: PhoneDetails) {
  return {
    displayPhoneNumber: d.displayPhoneNumber ?? null,
    verifiedName: d.verifiedName ?? null,
    qualityRating: d.qualityRating ?? null,
    verification: { ok: true, throughputLevel: d.throughputLevel ?? null, status: d.status ?? null },
  };
}
