import 'server-only';
import { sql } from 'drizzle-orm';
import { execRows, type Tx } from '@/db/client';

// The messages half of a merge: both leads' campaign messages become one lead's, without any
// campaign reaching the person twice and without losing a message the dispatcher holds.

export const MERGE_SKIP_REASON = 'lead merged: this campaign already reached (or is about to reach) the surviving lead';
const REACHED = new Set(['sending', 'sent', 'delivered', 'read', 'unknown']);

type Row = { id: string; lead_id: string; campaign_id: string | null; appointment_id: string | null; status: string; idempotency_key: string; to_phone: string; snapshot: Record<string, unknown> };

export type MessagePlan = { rekey: Map<string, string>; skip: string[]; readdress: string[]; snapshots: Record<string, unknown>[] };

const campaignKey = (campaignId: string, leadId: string) => `campaign:${campaignId}:lead:${leadId}`;

/**
 * Decides, from both leads' messages (locked), what changes:
 * - the merged lead's campaign keys become the survivor's when the survivor has none for that
 *   campaign, so queuing the campaign for the survivor later finds the key taken (no re-send);
 * - per campaign (appointment messages aside: they are keyed per appointment), if one message
 *   has reached the person or is being sent, every still-queued one is skipped; if several are
 *   only queued, the survivor's (else the oldest) stays and the others are skipped;
 * - messages still queued go to the surviving phone.
 */
export function planMessages(rows: Row[], survivorId: string, mergedId: string, finalPhone: string): MessagePlan {
  const keys = new Set(rows.map((r) => r.idempotency_key));
  const rekey = new Map<string, string>();
  for (const r of rows) {
    if (r.lead_id !== mergedId || !r.campaign_id || r.idempotency_key !== campaignKey(r.campaign_id, mergedId)) continue;
    const wanted = campaignKey(r.campaign_id, survivorId);
    if (keys.has(wanted)) continue;
    keys.add(wanted);
    rekey.set(r.id, wanted);
  }
  const byCampaign = new Map<string, Row[]>();
  for (const r of rows) {
    if (!r.campaign_id || r.appointment_id) continue;
    byCampaign.set(r.campaign_id, [...(byCampaign.get(r.campaign_id) ?? []), r]);
  }
  const skip: string[] = [];
  for (const list of byCampaign.values()) {
    const queued = list.filter((r) => r.status === 'queued');
    if (queued.length === 0) continue;
    if (list.some((r) => REACHED.has(r.status))) skip.push(...queued.map((r) => r.id));
    else if (queued.length > 1) {
      const keep = queued.find((r) => r.lead_id === survivorId) ?? queued[0];
      skip.push(...queued.filter((r) => r !== keep).map((r) => r.id));
    }
  }
  const skipped = new Set(skip);
  const readdress = rows.filter((r) => r.status === 'queued' && !skipped.has(r.id) && r.to_phone !== finalPhone).map((r) => r.id);
  const touched = new Set([...rekey.keys(), ...skip, ...readdress]);
  return { rekey, skip, readdress, snapshots: rows.filter((r) => touched.has(r.id)).map((r) => r.snapshot) };
}

/** Applies the plan and moves the merged lead's messages; returns what the undo needs. */
export async function mergeMessages(tx: Tx, p: { workspaceId: string; survivorId: string; mergedId: string; finalPhone: string }) {
  const ws = sql`${p.workspaceId}::uuid`;
  // FOR UPDATE: a dispatcher flipping one of these to `sending` waits for us, then finds it
  // no longer queued (skipped) or sends it as it now is; nothing is sent twice or lost.
  const rows = await execRows<Row>(
    tx,
    sql`select m.id, m.lead_id, m.campaign_id, m.appointment_id, m.status, m.idempotency_key, m.to_phone, to_jsonb(m) as snapshot
          from messages m where m.workspace_id = ${ws} and m.lead_id in (${p.survivorId}::uuid, ${p.mergedId}::uuid)
         order by m.id for update`,
  );
  const plan = planMessages(rows, p.survivorId, p.mergedId, p.finalPhone);
  for (const [id, key] of plan.rekey) {
    await tx.execute(sql`update messages set idempotency_key = ${key}::text where id = ${id}::uuid and workspace_id = ${ws}`);
  }
  const eventIds: number[] = [];
  for (const id of plan.skip) {
    const ev = await execRows<{ id: number }>(
      tx,
      sql`with upd as (
            update messages set status = 'skipped', status_reason = ${MERGE_SKIP_REASON}::text, skipped_at = now(),
                   lease_owner = null, lease_expires_at = null, updated_at = now()
             where id = ${id}::uuid and workspace_id = ${ws} and status = 'queued'
            returning id, workspace_id
          )
          insert into message_events (workspace_id, message_id, status, source, detail)
          select workspace_id, id, 'skipped', 'system', ${MERGE_SKIP_REASON}::text from upd
          returning id`,
    );
    eventIds.push(...ev.map((e) => Number(e.id)));
  }
  if (plan.readdress.length > 0) {
    await tx.execute(
      sql`update messages set to_phone = ${p.finalPhone}::text, updated_at = now()
           where workspace_id = ${ws} and status = 'queued'
             and id in (select jsonb_array_elements_text(${JSON.stringify(plan.readdress)}::jsonb)::uuid)`,
    );
  }
  const moved = await execRows<{ id: string }>(
    tx,
    sql`update messages set lead_id = ${p.survivorId}::uuid where workspace_id = ${ws} and lead_id = ${p.mergedId}::uuid returning id`,
  );
  return { moved: moved.map((r) => r.id), snapshots: plan.snapshots, skipped: plan.skip, eventIds };
}
