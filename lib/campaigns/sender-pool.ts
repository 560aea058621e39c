import { sql, type SQL } from 'drizzle-orm';
import type { Campaign } from '@/db/schema';

/** The senders a campaign spreads its messages over: the pool, or the one sender. */
export function senderPool(c: Pick<Campaign, 'senderPhoneId' | 'senderPhoneIds'>): string[] {
  return c.senderPhoneIds.length > 0 ? c.senderPhoneIds : [c.senderPhoneId];
}

/**
 * SQL picking one sender of the pool for a lead by a stable hash of its id: the same lead
 * always gets the same phone (its replies land in one thread), and a large audience spreads
 * evenly. hashtext() is an int4; shifting it to 0..2^32-1 avoids abs(INT_MIN) overflowing.
 */
export function poolSenderSql(pool: string[], leadId: SQL): SQL {
  if (pool.length === 1) return sql`${pool[0]}::uuid`;
  const ids = sql`string_to_array(${pool.join(',')}::text, ',')::uuid[]`;
  return sql`(${ids})[1 + ((hashtext((${leadId})::text)::bigint + 2147483648) % ${pool.length}::int)::int]`;
}

/**
 * The same pick in pure SQL, for set-based queueing that joins `campaigns` under `alias`
 * (e.g. the import's INSERT ... SELECT): the pool when there is one, else sender_phone_id.
 */
export function campaignSenderSql(alias: string, leadId: SQL): SQL {
  const ids = sql.raw(`${alias}.sender_phone_ids`);
  const single = sql.raw(`${alias}.sender_phone_id`);
  return sql`case when cardinality(${ids}) > 0
    then ${ids}[1 + ((hashtext((${leadId})::text)::bigint + 2147483648) % cardinality(${ids}))::int]
    else ${single} end`;
}
