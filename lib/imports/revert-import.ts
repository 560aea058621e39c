import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import { execRows, getDb, type Tx } from '@/db/client';
import { imports } from '@/db/schema';
import { AppError } from '@/lib/errors';
import { isId } from '@/lib/validation/strict-values';
import { revertAppointmentRows, type RevertAppointmentsResult } from './appointments/revert-appointment-rows';

/** Why a lead the import created survived its revert. */
export type KeptLeadReason = 'edited' | 'activity';
export type KeptLead = { id: string; name: string | null; phoneE164: string; reason: KeptLeadReason };

/** At most this many kept leads are listed (the count covers all of them). */
export const KEPT_LEADS_LISTED = 100;

export type RevertImportResult = {
  /** Leads the import created, now deleted. */
  deleted: number;
  /** Leads the import created that were edited or have other history since (kept; see docs/decisions). */
  kept: number;
  /** The first KEPT_LEADS_LISTED of them, so the person reverting can look at each. */
  keptLeads: KeptLead[];
  /** Leads the import updated whose fields were put back. */
  restored: number;
  /** Campaign messages the import queued that had not been sent yet, now skipped. */
  skippedMessages: number;
  /** An appointments import: what happened to the appointments it created and updated. */
  appointments: RevertAppointmentsResult | null;
};

/**
 * Undoes an import: leads it created are deleted unless someone edited them since (their
 * updated_at moved past the created_at the import gave them: the edit form, bulk tags and
 * opt-outs all move it) or they have history of their own (another touchpoint, a message
 * past the queue, an inbound message or an appointment);
 * fields it changed are restored where nobody changed them since; its touchpoints are removed
 * and the campaign messages it queued that are still waiting are skipped.
 */
export async function revertImport(workspaceId: string, importId: string): Promise<RevertImportResult> {
  if (!isId(importId)) throw new AppError('NOT_FOUND', 'Import not found.');
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(imports)
      .where(and(eq(imports.id, importId), eq(imports.workspaceId, workspaceId)))
      .for('update');
    if (!row) throw new AppError('NOT_FOUND', 'Import not found.');
    if (row.status === 'reverted') throw new AppError('CONFLICT', 'This import was already reverted.');
    // Appointments first: a lead the import created is then free to go when none is left.
    const appointmentsResult = row.kind === 'appointments' ? await revertAppointmentRows(tx, workspaceId, importId) : null;

    const skipped = await execRows<{ id: string }>(
      tx,
      sql`update messages m set status = 'skipped', status_reason = 'import reverted', skipped_at = now(), updated_at = now()
          from import_changes c, campaigns k
          where c.import_id = ${importId} and c.outcome <> 'skipped' and m.lead_id = c.lead_id
            and m.workspace_id = ${workspaceId} and m.status = 'queued'
            and k.id = m.campaign_id and (k.trigger ->> 'onImport')::boolean
            and m.created_at >= (select coalesce(i.started_at, i.created_at) from imports i where i.id = ${importId})
          returning m.id`,
    );

    const restored = await execRows<{ id: string }>(
      tx,
      sql`update leads l set
            name = case when l.name is not distinct from c.next ->> 'name' then c.previous ->> 'name' else l.name end,
            email = case when l.email is not distinct from c.next ->> 'email' then c.previous ->> 'email' else l.email end,
            tags = array(
              select t from unnest(l.tags) t
              where t in (select jsonb_array_elements_text(c.previous -> 'tags'))
                 or t not in (select jsonb_array_elements_text(c.next -> 'tags'))),
            attributes = (
              select coalesce(jsonb_object_agg(s.key, s.value), '{}'::jsonb)
              from (
                select e.key,
                  case when e.value = c.next -> 'attributes' -> e.key then c.previous -> 'attributes' -> e.key else e.value end as value
                from jsonb_each(l.attributes) e
              ) s
              where s.value is not null),
            -- Lifecycle, opt-out and consent: snapshotted only by imports that mapped them.
            opted_out_at = case when c.next ? 'opted_out_at' and l.opted_out_at is not distinct from (c.next ->> 'opted_out_at')::timestamptz
                                then (c.previous ->> 'opted_out_at')::timestamptz else l.opted_out_at end,
            consent_source = case when c.next ? 'consent_at' and l.consent_at is not distinct from (c.next ->> 'consent_at')::timestamptz
                                  then c.previous ->> 'consent_source' else l.consent_source end,
            consent_text = case when c.next ? 'consent_at' and l.consent_at is not distinct from (c.next ->> 'consent_at')::timestamptz
                                then c.previous ->> 'consent_text' else l.consent_text end,
            consent_at = case when c.next ? 'consent_at' and l.consent_at is not distinct from (c.next ->> 'consent_at')::timestamptz
                              then (c.previous ->> 'consent_at')::timestamptz else l.consent_at end,
            lifecycle_status = case when c.next ? 'lifecycle_status' and l.lifecycle_status = c.next ->> 'lifecycle_status'
                                    then c.previous ->> 'lifecycle_status' else l.lifecycle_status end,
            updated_at = now()
          from import_changes c
          where c.import_id = ${importId} and c.outcome = 'updated' and c.previous is not null
            and l.id = c.lead_id and l.workspace_id = ${workspaceId}
          returning l.id`,
    );

    const deleted = await execRows<{ id: string }>(
      tx,
      sql`delete from leads l
          using import_changes c
          where c.import_id = ${importId} and c.outcome = 'created' and l.id = c.lead_id and l.workspace_id = ${workspaceId}
            and l.updated_at <= l.created_at
            and not exists (select 1 from lead_touchpoints t where t.lead_id = l.id and t.import_id is distinct from ${importId})
            and not exists (select 1 from messages m where m.lead_id = l.id and m.status not in ('queued', 'skipped'))
            and not exists (select 1 from inbound_messages i where i.lead_id = l.id)
            and not exists (select 1 from appointments a where a.lead_id = l.id)
          returning l.id`,
    );

    // What is left of the created leads was kept: say which, and whether a person edited it.
    const keptLeads = await execRows<KeptLead>(
      tx,
      sql`select l.id, l.name, l.phone_e164 as "phoneE164",
                 case when l.updated_at > l.created_at then 'edited' else 'activity' end as reason
          from import_changes c join leads l on l.id = c.lead_id and l.workspace_id = ${workspaceId}
          where c.import_id = ${importId} and c.outcome = 'created'
          order by c.row_number
          limit ${KEPT_LEADS_LISTED}`,
    );

    await tx.execute(sql`delete from lead_touchpoints where import_id = ${importId} and workspace_id = ${workspaceId}`);
    await tx
      .update(imports)
      .set({ status: 'reverted', revertedAt: sql`now()`, finishedAt: sql`coalesce(${imports.finishedAt}, now())` })
      .where(eq(imports.id, importId));
    // A leads import counts the leads it created; an appointments import counts appointments.
    const createdLeads = row.kind === 'leads' ? row.createdCount : await countCreatedLeads(tx, importId);
    return {
      deleted: deleted.length,
      kept: Math.max(0, createdLeads - deleted.length),
      keptLeads,
      restored: restored.length,
      skippedMessages: skipped.length + (appointmentsResult?.skippedMessages ?? 0),
      appointments: appointmentsResult,
    };
  });
}

async function countCreatedLeads(tx: Tx, importId: string): Promise<number> {
  const [r] = await execRows<{ n: number }>(tx, sql`select count(*)::int as n from import_changes where import_id = ${importId} and outcome = 'created'`);
  return Number(r.n);
}
