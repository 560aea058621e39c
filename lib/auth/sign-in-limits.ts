import 'server-only';
import { createHmac } from 'node:crypto';
import { env } from '@/lib/env';
import { forgiveAttempt, reserveAttempt, type AttemptVerdict, type FailurePolicy } from '@/lib/rate-limit/failure-limits';

// Only failed sign-ins count, in three places (OWASP authentication guidance; see
// docs/decisions/007-client-address-and-sign-in-limits.md):
// - one address guessing one account: a few tries, then growing waits;
// - one address guessing many accounts: more room (offices share an address), then waits;
// - one account guessed from anywhere: high enough that only a distributed attack gets there,
//   and even then a browser that has signed in to the account before (its known-device
//   cookie) is not held by it, so the owner still gets in.
const MINUTE = 60;
export const ADDRESS_ACCOUNT: FailurePolicy = { free: 5, baseDelay: 30, maxDelay: 15 * MINUTE, forgetAfter: 60 * MINUTE };
export const ADDRESS: FailurePolicy = { free: 30, baseDelay: MINUTE, maxDelay: 60 * MINUTE, forgetAfter: 6 * 60 * MINUTE };
export const ACCOUNT: FailurePolicy = { free: 50, baseDelay: MINUTE, maxDelay: 15 * MINUTE, forgetAfter: 60 * MINUTE };

export const KNOWN_DEVICE_COOKIE = 'wl_known_device';
/** How many accounts one browser remembers having signed in to. */
const KNOWN_DEVICE_MAX_ACCOUNTS = 5;

function keys(address: string, email: string) {
  return {
    addressAccount: `sign-in:fail:address-account:${address}:${email}`,
    address: `sign-in:fail:address:${address}`,
    account: `sign-in:fail:account:${email}`,
  };
}

/** Reserves one attempt (counted as a failure until forgiven); the verdict says how long to wait when held. */
export function reserveSignInAttempt(p: { address: string; email: string; isKnownDevice: boolean }): Promise<AttemptVerdict> {
  const k = keys(p.address, p.email);
  return reserveAttempt([
    { key: k.addressAccount, policy: ADDRESS_ACCOUNT },
    { key: k.address, policy: ADDRESS },
    ...(p.isKnownDevice ? [] : [{ key: k.account, policy: ACCOUNT }]),
  ]);
}

/** A success is not a failure: hand back what reserveSignInAttempt counted. */
export function forgiveSignInAttempt(p: { address: string; email: string; isKnownDevice: boolean }): Promise<void> {
  const k = keys(p.address, p.email);
  return forgiveAttempt([
    { key: k.addressAccount, clear: true },
    { key: k.address, clear: false },
    ...(p.isKnownDevice ? [] : [{ key: k.account, clear: false }]),
  ]);
}

/** The account as the known-device cookie names it: not the e-mail itself, and unforgeable without AUTH_SECRET. */
export function accountTag(email: string): string {
  return createHmac('sha256', env().authSecret).update(`known-device:${email}`).digest('base64url').slice(0, 22);
}

export function knownDeviceTags(cookieValue: string | null | false | undefined): string[] {
  return cookieValue ? cookieValue.split('.').filter(Boolean).slice(0, KNOWN_DEVICE_MAX_ACCOUNTS) : [];
}

/** The cookie value after signing in to `email`: that account first, a few others kept. */
export function withKnownAccount(tags: string[], email: string): string {
  const tag = accountTag(email);
  return [tag, ...tags.filter((t) => t !== tag)].slice(0, KNOWN_DEVICE_MAX_ACCOUNTS).join('.');
}
