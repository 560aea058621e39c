import 'server-only';
import { sql } from 'drizzle-orm';
import { execRows, type DbOrTx } from '@/db/client';
import { normalizePhone } from '@/lib/phones/normalize-phone';

// The lead behind an inbound WhatsApp user. WhatsApp names users by wa_id (digits), which may
// differ from the number we stored (Brazil's 9th digit, Mexico's 52/521), so the lookup tries
// each form, and a new lead is stored under the same normalisation as every other entry point.

export function waIdToE164(waId: string): string {
  const normalized = normalizePhone(waId.replace(/\D/g, ''), 'BR');
  return normalized.ok ? normalized.e164 : `+${waId.replace(/\D/g, '')}`;
}

/** E.164 numbers the same WhatsApp user may be stored under. */
export function inboundPhoneCandidates(waId: string): string[] {
  const d = waId.replace(/\D/g, '');
  const out = [...new Set([waIdToE164(waId), `+${d}`])];
  // Brazil: wa_id often lacks the mobile 9 (55 DD 8 digits) that the lead's number has.
  if (/^55\d{10}$/.test(d) && !out.includes(`+${d.slice(0, 4)}9${d.slice(4)}`)) out.push(`+${d.slice(0, 4)}9${d.slice(4)}`);
  if (/^55\d{2}9\d{8}$/.test(d)) out.push(`+${d.slice(0, 4)}${d.slice(5)}`);
  // Mexico: 521 + 10 digits vs 52 + 10 digits.
  if (/^521\d{10}$/.test(d)) out.push(`+52${d.slice(3)}`);
  if (/^52\d{10}$/.test(d)) out.push(`+521${d.slice(2)}`);
  return out;
}

export async function findOrCreateInboundLead(
  db: DbOrTx,
  input: { workspaceId: string; waId: string; profileName?: string | null },
): Promise<{ id: string; created: boolean }> {
  const { workspaceId, waId } = input;
  const phones = inboundPhoneCandidates(waId);
  const phoneList = sql.join(phones.map((p) => sql`${p}`), sql`, `);
  const find = () =>
    execRows<{ id: string }>(
      db,
      sql`select id from leads
          where workspace_id = ${workspaceId} and (wa_id = ${waId} or phone_e164 in (${phoneList}))
          order by (wa_id = ${waId}) desc nulls last, (phone_e164 = ${phones[0]}) desc, created_at
          limit 1`,
    );
  // Found, or else inserted, in one round trip (an inbound webhook batch runs these one after
  // another: each round trip counts). The insert only runs when the lookup found nothing.
  const [row] = await execRows<{ id: string; created: boolean }>(
    db,
    sql`with found as (
          select id from leads
           where workspace_id = ${workspaceId} and (wa_id = ${waId} or phone_e164 in (${phoneList}))
           order by (wa_id = ${waId}) desc nulls last, (phone_e164 = ${phones[0]}) desc, created_at
           limit 1),
        inserted as (
          insert into leads (workspace_id, phone_e164, wa_id, name, source)
          select ${workspaceId}, ${phones[0]}, ${waId}, ${input.profileName ?? null}, 'whatsapp'
           where not exists (select 1 from found)
          on conflict (workspace_id, phone_e164) do nothing
          returning id)
        select id, false as created from found
        union all
        select id, true as created from inserted`,
  );
  if (row) return { id: row.id, created: row.created };
  const [raced] = await find(); // created meanwhile by a concurrent webhook (the insert met its row)
  if (!raced) throw new Error('inbound lead vanished after insert conflict');
  return { id: raced.id, created: false };
}
