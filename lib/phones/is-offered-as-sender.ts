import type { SenderStatus } from '@/db/schema';

/**
 * Whether a phone may be chosen as a campaign's sender: not one whose connection check failed
 * (or whose token Meta rejected) until it verifies again, and not a disabled one. A pause is
 * offered: it ends by itself.
 */
export function isOfferedAsSender(phone: { status: SenderStatus }): boolean {
  return phone.status !== 'needs_attention' && phone.status !== 'disabled';
}
