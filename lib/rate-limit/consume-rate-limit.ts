import 'server-only';
import { sql } from 'drizzle-orm';
import { execRows, getDb } from '@/db/client';

export type RateLimitRule = { window: number; max: number };
export type RateLimitVerdict = { allowed: boolean; retryAfter: number | null; /** Hits left in this window. */ remaining: number };

/**
 * Counts one hit against `key` in a fixed window and says whether it is allowed. One atomic
 * upsert, so concurrent requests in any number of processes cannot all slip through.
 */
export async function consumeRateLimit(key: string, rule: RateLimitRule): Promise<RateLimitVerdict> {
  const db = await getDb();
  const secs = rule.window;
  const [row] = await execRows<{ count: number; retry_after: number }>(
    db,
    sql`insert into rate_limit_hits (key, window_start, count) values (${key}, now(), 1)
        on conflict (key) do update set
          window_start = case when rate_limit_hits.window_start <= now() - make_interval(secs => ${secs})
                              then now() else rate_limit_hits.window_start end,
          count = case when rate_limit_hits.window_start <= now() - make_interval(secs => ${secs})
                       then 1 else rate_limit_hits.count + 1 end
        returning count,
          ceil(extract(epoch from (window_start + make_interval(secs => ${secs}) - now())))::int as retry_after`,
  );
  const allowed = row.count <= rule.max;
  return { allowed, retryAfter: allowed ? null : Math.max(1, row.retry_after), remaining: Math.max(0, rule.max - row.count) };
}
