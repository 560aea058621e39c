import 'server-only';
import { sql } from 'drizzle-orm';
import { execRows, getDb } from '@/db/client';

export type SenderQueue = {
  senderPhoneId: string;
  label: string;
  status: string;
  capPerSecond: number;
  /** Queued and due: the dispatcher takes these next. */
  dueNow: number;
  /** Queued for later (a delay or a schedule), nothing wrong. */
  scheduled: number;
  /** Queued for later with a reason: backoff, paused campaign or sender, send window, daily cap. */
  held: number;
  sending: number;
  /** Messages that started sending in the last minute, per second. */
  ratePerSecond: number;
};

export type QueueOverview = {
  senders: SenderQueue[];
  heldReasons: { reason: string; count: number }[];
  unknown: number;
};

/**
 * The live numbers of the message log page: queue depth per sender and the rate of the last
 * minute. Three grouped statements over queued/in-flight rows and the last minute's sends,
 * cheap enough for a refresh every few seconds.
 */
export async function getQueueOverview(workspaceId: string): Promise<QueueOverview> {
  const db = await getDb();
  const [senders, heldReasons, [unknown]] = await Promise.all([
    execRows<{ id: string; label: string; status: string; cap: number; due_now: number; scheduled: number; held: number; sending: number; last_minute: number }>(
      db,
      sql`select sp.id, sp.label, sp.status, sp.rate_limit_per_second as cap,
                 coalesce(q.due_now, 0)::int as due_now, coalesce(q.scheduled, 0)::int as scheduled,
                 coalesce(q.held, 0)::int as held, coalesce(q.sending, 0)::int as sending,
                 coalesce(r.n, 0)::int as last_minute
            from sender_phones sp
            left join (
              select sender_phone_id,
                     count(*) filter (where status = 'queued' and next_attempt_at <= now()) as due_now,
                     count(*) filter (where status = 'queued' and next_attempt_at > now() and status_reason is null) as scheduled,
                     count(*) filter (where status = 'queued' and next_attempt_at > now() and status_reason is not null) as held,
                     count(*) filter (where status = 'sending') as sending
                from messages
               where workspace_id = ${workspaceId}::uuid and status in ('queued', 'sending')
               group by sender_phone_id
            ) q on q.sender_phone_id = sp.id
            left join (
              select sender_phone_id, count(*) as n from messages
               where workspace_id = ${workspaceId}::uuid and sending_at > now() - interval '1 minute'
               group by sender_phone_id
            ) r on r.sender_phone_id = sp.id
           where sp.workspace_id = ${workspaceId}::uuid
           order by sp.created_at`,
    ),
    execRows<{ reason: string; n: number }>(
      db,
      sql`select status_reason as reason, count(*)::int as n from messages
           where workspace_id = ${workspaceId}::uuid and status = 'queued' and next_attempt_at > now() and status_reason is not null
           group by status_reason order by n desc limit 6`,
    ),
    execRows<{ n: number }>(db, sql`select count(*)::int as n from messages where workspace_id = ${workspaceId}::uuid and status = 'unknown'`),
  ]);
  return {
    senders: senders.map((s) => ({
      senderPhoneId: s.id,
      label: s.label,
      status: s.status,
      capPerSecond: Number(s.cap),
      dueNow: Number(s.due_now),
      scheduled: Number(s.scheduled),
      held: Number(s.held),
      sending: Number(s.sending),
      ratePerSecond: Math.round((Number(s.last_minute) / 60) * 10) / 10,
    })),
    heldReasons: heldReasons.map((r) => ({ reason: r.reason, count: Number(r.n) })),
    unknown: Number(unknown?.n ?? 0),
  };
}
