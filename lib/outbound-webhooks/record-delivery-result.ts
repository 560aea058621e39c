import 'server-only';
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import type { DeliveryResponse } from './deliver-webhook';

/** An endpoint failing without a single success for this long is disabled. */
export const DISABLE_AFTER_FAILING_MS = 24 * 3600_000;

/**
 * Records one attempt. Success: delivered, and the endpoint's failure run ends. Failure: the
 * next attempt after `retryInMs` unless the delivery's 24 hours are over (then `failed`), and
 * an endpoint whose failures have gone on for 24 hours is disabled with the reason shown to
 * the admin. Only the lease holder writes: a worker that lost its lease leaves the row alone.
 */
export async function recordDeliveryResult(
  db: DbOrTx,
  d: { id: string; endpointId: string; workerId: string },
  res: DeliveryResponse,
  retryInMs: number,
): Promise<'delivered' | 'retrying' | 'failed' | 'lost_lease'> {
  return db.transaction(async (tx) => {
    const result = (await tx.execute(sql`
      update webhook_deliveries set
        status = case when ${res.ok} then 'delivered'
                      when now() + ${retryInMs}::float8 * interval '1 millisecond' > give_up_at then 'failed'
                      else 'pending' end,
        delivered_at = case when ${res.ok} then now() else delivered_at end,
        next_attempt_at = now() + ${retryInMs}::float8 * interval '1 millisecond',
        last_status_code = ${res.statusCode}::int,
        last_duration_ms = ${res.durationMs}::int,
        last_error = ${res.error},
        last_attempt_at = now(),
        lease_owner = null,
        lease_expires_at = null
      where id = ${d.id}::uuid and lease_owner = ${d.workerId} and status = 'pending'
      returning status`)) as unknown;
    const rows = Array.isArray(result) ? result : (result as { rows: { status: string }[] }).rows;
    const status = (rows[0] as { status?: string } | undefined)?.status;
    if (!status) return 'lost_lease';
    if (res.ok) {
      await tx.execute(sql`update webhook_endpoints set failing_since = null where id = ${d.endpointId}::uuid and failing_since is not null`);
      return 'delivered';
    }
    await tx.execute(sql`
      update webhook_endpoints set
        failing_since = coalesce(failing_since, now()),
        is_enabled = case when failing_since <= now() - ${DISABLE_AFTER_FAILING_MS}::float8 * interval '1 millisecond' then false else is_enabled end,
        disabled_reason = case when failing_since <= now() - ${DISABLE_AFTER_FAILING_MS}::float8 * interval '1 millisecond'
          then 'Disabled automatically: every delivery failed for 24 hours (since ' || to_char(failing_since at time zone 'UTC', 'YYYY-MM-DD HH24:MI') || ' UTC). Last error: ' || ${res.error ?? 'unknown'}
          else disabled_reason end,
        updated_at = now()
      where id = ${d.endpointId}::uuid`);
    return status === 'failed' ? 'failed' : 'retrying';
  });
}
