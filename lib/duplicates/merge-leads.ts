import 'server-only';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { execRows, getDb, type Tx } from '@/db/client';
import { auditLog, leadMerges, leads, type LeadMerge, type MergeMoves } from '@/db/schema';
import { AppError, parseInput } from '@/lib/errors';
import { mergeMessages } from './merge-messages';
import { mergeValues, resolveChoices } from './merge-values';
import { mergeRequestSchema } from './schema';

export type MergeActor = { workspaceId: string; userId?: string | null; apiKeyId?: string | null };

const ids = (rows: { id: string }[]) => rows.map((r) => r.id);

/** Moves the merged lead's rows (other than messages) to the survivor; returns their ids. */
async function moveRows(tx: Tx, ws: string, survivorId: string, mergedId: string) {
  const move = (table: string) =>
    execRows<{ id: string }>(
      tx,
      sql`update ${sql.identifier(table)} set lead_id = ${survivorId}::uuid
           where workspace_id = ${ws}::uuid and lead_id = ${mergedId}::uuid returning id`,
    );
  const [touchpoints, inboundMessages, appointments, appointmentChanges, leadChanges] = [
    ids(await move('lead_touchpoints')),
    ids(await move('inbound_messages')),
    ids(await move('appointments')),
    ids(await move('appointment_changes')),
    ids(await move('lead_changes')),
  ];
  // import_changes has no workspace column: its import's workspace is checked instead.
  const importChanges = await execRows<{ import_id: string; phone_e164: string }>(
    tx,
    sql`update import_changes c set lead_id = ${survivorId}::uuid
         where c.lead_id = ${mergedId}::uuid
           and c.import_id in (select i.id from imports i where i.workspace_id = ${ws}::uuid)
        returning c.import_id, c.phone_e164`,
  );
  return {
    touchpoints,
    inboundMessages,
    appointments,
    appointmentChanges,
    leadChanges,
    importChanges: importChanges.map((r) => ({ importId: r.import_id, phoneE164: r.phone_e164 })),
  };
}

/**
 * Merges `mergedId` into `survivorId` in one transaction: the survivor takes the chosen values
 * (merge-values.ts), every row of the merged lead moves to it, the merged lead's row is deleted,
 * and the merge is recorded with both rows as they were (lead_merges, audit_log) for its undo.
 */
export async function mergeLeads(actor: MergeActor, input: unknown): Promise<LeadMerge> {
  const req = parseInput(mergeRequestSchema, input);
  const ws = actor.workspaceId;
  const db = await getDb();
  return db.transaction(async (tx) => {
    // Both rows locked in id order: two merges of overlapping pairs queue up instead of deadlocking.
    const locked = await tx
      .select()
      .from(leads)
      .where(and(eq(leads.workspaceId, ws), inArray(leads.id, [req.survivorId, req.mergedId])))
      .orderBy(leads.id)
      .for('update');
    const survivor = locked.find((l) => l.id === req.survivorId);
    const merged = locked.find((l) => l.id === req.mergedId);
    if (!survivor || !merged) throw new AppError('NOT_FOUND', 'One of these leads does not exist (it may have been merged already).');

    const snapshots = await execRows<{ id: string; row: Record<string, unknown> }>(
      tx,
      sql`select l.id, to_jsonb(l) as row from leads l where l.workspace_id = ${ws}::uuid and l.id in (${survivor.id}::uuid, ${merged.id}::uuid)`,
    );
    const snap = (id: string) => snapshots.find((s) => s.id === id)!.row;
    const choices = resolveChoices(survivor, merged, req.choices);
    const values = mergeValues(survivor, merged, choices);

    const moved = await moveRows(tx, ws, survivor.id, merged.id);
    const msgs = await mergeMessages(tx, { workspaceId: ws, survivorId: survivor.id, mergedId: merged.id, finalPhone: values.phoneE164 });
    // The merged row goes before the survivor may take its phone (one lead per phone).
    await tx.delete(leads).where(and(eq(leads.workspaceId, ws), eq(leads.id, merged.id)));
    await tx
      .update(leads)
      .set({ ...values, updatedAt: sql`now()` })
      .where(and(eq(leads.workspaceId, ws), eq(leads.id, survivor.id)));

    const moves: MergeMoves = {
      ...moved,
      messages: msgs.moved,
      messageEdits: msgs.snapshots,
      skippedMessageIds: msgs.skipped,
      messageEventIds: msgs.eventIds,
    };
    const [record] = await tx
      .insert(leadMerges)
      .values({
        workspaceId: ws,
        survivorLeadId: survivor.id,
        mergedLeadId: merged.id,
        actorUserId: actor.userId ?? null,
        actorApiKeyId: actor.apiKeyId ?? null,
        survivorBefore: snap(survivor.id),
        mergedBefore: snap(merged.id),
        choices,
        moves,
      })
      .returning();
    await tx.insert(auditLog).values({
      workspaceId: ws,
      actorUserId: actor.userId ?? null,
      actorApiKeyId: actor.apiKeyId ?? null,
      action: 'lead.merged',
      entityType: 'lead',
      entityId: survivor.id,
      data: { mergeId: record.id, mergedLeadId: merged.id, choices, survivorBefore: snap(survivor.id), mergedBefore: snap(merged.id) },
    });
    return record;
  });
}
