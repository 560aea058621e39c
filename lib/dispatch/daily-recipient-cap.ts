import 'server-only';
import { sql } from 'drizzle-orm';
import { execRows, type DbOrTx } from '@/db/client';
import type { ClaimedMessage } from './load-claimed-messages';

// Meta's messaging limit: unique users reached with business-initiated messages in a rolling
// 24 h (250, 2,000, 10,000, 100,000, unlimited). No error code is documented for crossing it
// (WHATSAPP.md, uncertain), so we count ourselves, per workspace (workspaces.daily_recipient_cap,
// null = unlimited). A lead already reached in the window costs nothing. Only real Cloud API
// senders are limited; the sandbox is exempt like the 24-hour rule.
//
// Each pass counts from the database and allocates what is left in claim order. Two workers
// allocating at the same moment may together go over by up to one batch each: acceptable for
// a soft limit Meta itself enforces by tiers, and far cheaper than a lock per message.

/** Meta's messaging tiers, for workspaces.daily_recipient_cap (null = unlimited). */
export const MESSAGING_TIERS = [250, 2_000, 10_000, 100_000, null] as const;

export const RECIPIENT_CAP_REASON = 'daily unique-recipient limit reached (WhatsApp messaging tier): waiting for the 24 h window to roll';

/** A message outside the cap's scope, or to a lead we already reached, is never held. */
function isCapped(c: ClaimedMessage): boolean {
  return c.message.isBusinessInitiated && c.sender?.provider === 'cloud_api' && c.dailyRecipientCap !== null;
}

/** Ids of claimed messages that must wait because their workspace reached its daily cap. */
export async function messagesOverRecipientCap(db: DbOrTx, claimed: ClaimedMessage[]): Promise<Set<string>> {
  const held = new Set<string>();
  const byWorkspace = new Map<string, ClaimedMessage[]>();
  for (const c of claimed.filter(isCapped)) {
    byWorkspace.set(c.message.workspaceId, [...(byWorkspace.get(c.message.workspaceId) ?? []), c]);
  }
  for (const [workspaceId, items] of byWorkspace) {
    const leadIds = sql.join(
      [...new Set(items.map((c) => c.message.leadId))].map((id) => sql`${id}::uuid`),
      sql`, `,
    );
    const rows = await execRows<{ lead_id: string | null; reached: number }>(
      db,
      sql`with reached as (
            select distinct lead_id from messages
             where workspace_id = ${workspaceId}::uuid and is_business_initiated
               and status in ('sending', 'sent', 'delivered', 'read', 'unknown')
               and sending_at > now() - interval '24 hours'
          )
          select null::uuid as lead_id, (select count(*) from reached)::int as reached
          union all
          select lead_id, 0 from reached where lead_id in (${leadIds})`,
    );
    let left = (items[0].dailyRecipientCap ?? Number.POSITIVE_INFINITY) - Number(rows.find((r) => r.lead_id === null)?.reached ?? 0);
    const known = new Set(rows.filter((r) => r.lead_id !== null).map((r) => r.lead_id));
    for (const c of items) {
      if (known.has(c.message.leadId)) continue;
      if (left > 0) {
        left--;
        known.add(c.message.leadId);
      } else {
        held.add(c.message.id);
      }
    }
  }
  return held;
}
