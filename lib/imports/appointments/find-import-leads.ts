import 'server-only';
import { sql } from 'drizzle-orm';
import { execRows, type Tx } from '@/db/client';
import type { ImportWithSettings } from '../get-import';
import type { PreparedAppointment } from './prepare-appointment-rows';

/**
 * The lead of each row of an appointments batch, by phone first, then by e-mail, in three
 * statements whatever the batch size. A row whose lead does not exist either creates it
 * (source `import`, recorded in import_changes and a touchpoint, so the import's revert removes
 * it as a leads import would) or is rejected, as the admin chose. Returns row number -> lead id;
 * rows without one were passed to `reject`.
 */
export async function findImportLeads(
  tx: Tx,
  workspaceId: string,
  imp: ImportWithSettings,
  rows: PreparedAppointment[],
  reject: (row: PreparedAppointment, reason: string) => void,
): Promise<Map<number, string>> {
  const byPhone = new Map<string, string>();
  const phones = [...new Set(rows.map((r) => r.phone).filter((p): p is string => !!p))];
  if (phones.length > 0) {
    const found = await execRows<{ id: string; phone_e164: string }>(
      tx,
      sql`select id, phone_e164 from leads
          where workspace_id = ${workspaceId} and phone_e164 = any(string_to_array(${phones.join(',')}, ','))`,
    );
    for (const l of found) byPhone.set(l.phone_e164, l.id);
  }
  // E-mails are looked up only for rows whose phone found no lead (or that have none).
  const emails = [...new Set(rows.filter((r) => r.email && !(r.phone && byPhone.has(r.phone))).map((r) => r.email!))];
  const byEmail = new Map<string, string[]>();
  if (emails.length > 0) {
    const found = await execRows<{ id: string; email: string }>(
      tx,
      sql`select id, lower(email) as email from leads
          where workspace_id = ${workspaceId} and lower(email) = any(${sql`array[${sql.join(emails.map((e) => sql`${e}`), sql`, `)}]::text[]`})
          order by created_at`,
    );
    for (const l of found) byEmail.set(l.email, [...(byEmail.get(l.email) ?? []), l.id]);
  }

  const out = new Map<number, string>();
  const toCreate: PreparedAppointment[] = [];
  for (const row of rows) {
    const viaPhone = row.phone ? byPhone.get(row.phone) : undefined;
    if (viaPhone) {
      out.set(row.rn, viaPhone);
      continue;
    }
    const viaEmail = row.email ? byEmail.get(row.email) : undefined;
    if (viaEmail && viaEmail.length > 1) {
      reject(row, `${viaEmail.length} leads have the e-mail ${row.email}: give the lead's phone`);
      continue;
    }
    if (viaEmail) {
      out.set(row.rn, viaEmail[0]);
      continue;
    }
    const who = [row.phone, row.email].filter(Boolean).join(' / ');
    if (imp.settings.unknownLeads !== 'create') reject(row, `no lead with ${who}`);
    else if (!row.phone) reject(row, `no lead with ${who}; a new lead needs a phone`);
    else toCreate.push(row);
  }
  if (toCreate.length === 0) return out;

  // One lead per new phone (the first row with it names it); a row naming the same phone later
  // in the batch books with that lead.
  const first = new Map<string, PreparedAppointment>();
  for (const r of toCreate) if (!first.has(r.phone!)) first.set(r.phone!, r);
  const json = JSON.stringify([...first.values()].map((r) => ({ rn: r.rn, phone: r.phone, name: r.name, email: r.email })));
  const created = await execRows<{ id: string; phone_e164: string }>(
    tx,
    sql`
    with input as materialized (
      select * from jsonb_to_recordset(${json}::jsonb) as x(rn int, phone text, name text, email text)
    ),
    up as (
      insert into leads as l (workspace_id, phone_e164, source, name, email)
      select ${workspaceId}, i.phone, 'import', i.name, i.email from input i order by i.phone
      on conflict (workspace_id, phone_e164) do nothing
      returning l.id, l.phone_e164
    ),
    ch as (
      insert into import_changes (import_id, phone_e164, lead_id, row_number, outcome)
      select ${imp.id}, u.phone_e164, u.id, i.rn, 'created' from up u join input i on i.phone = u.phone_e164
      returning lead_id, row_number
    ),
    tp as (
      insert into lead_touchpoints (workspace_id, lead_id, source, import_id, payload)
      select ${workspaceId}, c.lead_id, 'import', ${imp.id},
        jsonb_build_object('row', c.row_number, 'file', ${imp.fileName}::text, 'label', ${imp.settings.sourceLabel}::text)
      from ch c
    )
    select id, phone_e164 from up`,
  );
  const newIds = new Map(created.map((c) => [c.phone_e164, c.id]));
  for (const row of toCreate) {
    const id = newIds.get(row.phone!);
    // Another writer created the lead mid-statement: the row is not lost, it asks for a retry.
    if (id) out.set(row.rn, id);
    else reject(row, `the lead with ${row.phone} was created by someone else meanwhile; import this row again`);
  }
  return out;
}
