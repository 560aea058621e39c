import 'server-only';
import type { DbOrTx } from '@/db/client';
import { decryptSecret } from '@/lib/crypto/secret-box';
import { retryDelayMs } from '@/lib/dispatch/backoff';
import { log } from '@/lib/log/logger';
import { claimDueDeliveries, type ClaimedDelivery } from './claim-due-deliveries';
import { deliverWebhook, type DeliveryResponse } from './deliver-webhook';
import { recordDeliveryResult } from './record-delivery-result';

export const WEBHOOK_BATCH_SIZE = 20;
export const WEBHOOK_TIMEOUT_MS = 10_000;
/** Outlives the HTTP timeout, so a live worker never loses a claim mid-call. */
export const WEBHOOK_LEASE_SECONDS = 60;
// 10 s, 20 s, 40 s ... capped at an hour, with jitter: about 30 attempts in 24 hours.
export const WEBHOOK_RETRY_BASE_MS = 10_000;
export const WEBHOOK_RETRY_MAX_MS = 3600_000;

export type DeliveryPassOptions = {
  workerId: string;
  limit?: number;
  leaseSeconds?: number;
  timeoutMs?: number;
  retryBaseMs?: number;
  retryMaxMs?: number;
};

export type DeliveryPassCounts = { claimed: number; delivered: number; retrying: number; failed: number; lostLease: number };

/** The body every attempt and every resend of one event carries, byte for byte. */
export function eventBody(d: Pick<ClaimedDelivery, 'eventId' | 'eventType' | 'createdAt' | 'workspaceId' | 'payload'>): string {
  return JSON.stringify({ id: d.eventId, type: d.eventType, createdAt: d.createdAt, workspaceId: d.workspaceId, data: d.payload });
}

/** Sends one claimed delivery (signed with its endpoint's secret), without recording it. */
export async function sendClaimedDelivery(d: ClaimedDelivery, timeoutMs = WEBHOOK_TIMEOUT_MS): Promise<DeliveryResponse> {
  let secret: string;
  try {
    secret = decryptSecret(d.secretEnc);
  } catch {
    return { ok: false, statusCode: null, durationMs: 0, error: 'the endpoint secret cannot be decrypted (ENCRYPTION_KEY changed?)' };
  }
  return deliverWebhook({ url: d.url, secret, eventId: d.eventId, eventType: d.eventType, body: eventBody(d), timeoutMs });
}

/** Claims due deliveries, posts them concurrently, records each outcome. */
export async function runDeliveryPass(db: DbOrTx, opts: DeliveryPassOptions): Promise<DeliveryPassCounts> {
  const counts: DeliveryPassCounts = { claimed: 0, delivered: 0, retrying: 0, failed: 0, lostLease: 0 };
  const claimed = await claimDueDeliveries(db, {
    workerId: opts.workerId,
    limit: opts.limit ?? WEBHOOK_BATCH_SIZE,
    leaseSeconds: opts.leaseSeconds ?? WEBHOOK_LEASE_SECONDS,
  });
  counts.claimed = claimed.length;
  await Promise.all(
    claimed.map(async (d) => {
      const res = await sendClaimedDelivery(d, opts.timeoutMs);
      const retryIn = res.ok ? 0 : retryDelayMs(d.attempt, { baseMs: opts.retryBaseMs ?? WEBHOOK_RETRY_BASE_MS, maxMs: opts.retryMaxMs ?? WEBHOOK_RETRY_MAX_MS });
      const outcome = await recordDeliveryResult(db, { id: d.id, endpointId: d.endpointId, workerId: opts.workerId }, res, retryIn);
      if (outcome === 'lost_lease') counts.lostLease++;
      else counts[outcome]++;
      if (!res.ok) log.debug('webhook delivery failed', { deliveryId: d.id, attempt: d.attempt, error: res.error });
    }),
  );
  return counts;
}
