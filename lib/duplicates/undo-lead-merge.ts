import 'server-only';
import { and, eq, getTableColumns, isNull, ne, sql } from 'drizzle-orm';
import { getDb, type Tx } from '@/db/client';
import { auditLog, leadMerges, leads, type LeadMerge } from '@/db/schema';
import { AppError, parseInput } from '@/lib/errors';
import { MERGE_SKIP_REASON } from './merge-messages';
import type { MergeActor } from './merge-leads';
import { markDuplicatesStale } from './scan-duplicates';
import { UNDO_WINDOW_DAYS, undoMergeSchema } from './schema';

const jsonIds = (values: unknown[]) => sql`(select jsonb_array_elements_text(${JSON.stringify(values)}::jsonb)::uuid)`;

/** The columns a row is written with: generated ones (the search columns) follow by themselves. */
const writableLeadColumns = () =>
  Object.values(getTableColumns(leads))
    .filter((c) => !c.generated)
    .map((c) => c.name);

/** Every column of leads, set from a to_jsonb snapshot: the row exactly as it was, to the microsecond. */
function restoreLeadSql(ws: string, snapshot: Record<string, unknown>) {
  const cols = writableLeadColumns().filter((n) => n !== 'id');
  const set = sql.join(cols.map((c) => sql`${sql.identifier(c)} = r.${sql.identifier(c)}`), sql`, `);
  return sql`update leads l set ${set} from jsonb_populate_record(null::leads, ${JSON.stringify(snapshot)}::jsonb) r
              where l.id = r.id and l.workspace_id = ${ws}::uuid`;
}

async function moveBack(tx: Tx, m: LeadMerge) {
  const ws = sql`${m.workspaceId}::uuid`;
  const back = (table: string, list: string[]) =>
    list.length === 0
      ? Promise.resolve()
      : tx.execute(sql`update ${sql.identifier(table)} set lead_id = ${m.mergedLeadId}::uuid
                        where workspace_id = ${ws} and lead_id = ${m.survivorLeadId}::uuid and id in ${jsonIds(list)}`);
  await back('lead_touchpoints', m.moves.touchpoints);
  await back('inbound_messages', m.moves.inboundMessages);
  await back('appointments', m.moves.appointments);
  await back('appointment_changes', m.moves.appointmentChanges);
  await back('lead_changes', m.moves.leadChanges ?? []);
  await back('messages', m.moves.messages);
  for (const c of m.moves.importChanges) {
    await tx.execute(sql`update import_changes set lead_id = ${m.mergedLeadId}::uuid
                          where import_id = ${c.importId}::uuid and phone_e164 = ${c.phoneE164}::text and lead_id = ${m.survivorLeadId}::uuid
                            and import_id in (select i.id from imports i where i.workspace_id = ${ws})`);
  }
  if (m.moves.messageEdits.length === 0) return;
  const edits = JSON.stringify(m.moves.messageEdits);
  // Keys always go back (both leads exist again). Status and address only while the message
  // is still as the merge left it: one the dispatcher has since sent keeps its real history.
  await tx.execute(sql`
    update messages m set
      idempotency_key = r.idempotency_key,
      to_phone = case when m.status = 'queued' or (m.status = 'skipped' and m.status_reason = ${MERGE_SKIP_REASON}::text) then r.to_phone else m.to_phone end,
      status = case when m.status = 'skipped' and m.status_reason = ${MERGE_SKIP_REASON}::text then r.status else m.status end,
      status_reason = case when m.status = 'skipped' and m.status_reason = ${MERGE_SKIP_REASON}::text then r.status_reason else m.status_reason end,
      skipped_at = case when m.status = 'skipped' and m.status_reason = ${MERGE_SKIP_REASON}::text then r.skipped_at else m.skipped_at end,
      lease_owner = case when m.status = 'skipped' and m.status_reason = ${MERGE_SKIP_REASON}::text then r.lease_owner else m.lease_owner end,
      lease_expires_at = case when m.status = 'skipped' and m.status_reason = ${MERGE_SKIP_REASON}::text then r.lease_expires_at else m.lease_expires_at end,
      updated_at = case when m.status = 'queued' or (m.status = 'skipped' and m.status_reason = ${MERGE_SKIP_REASON}::text) then r.updated_at else m.updated_at end
    from jsonb_populate_recordset(null::messages, ${edits}::jsonb) r
    where m.id = r.id and m.workspace_id = ${ws}`);
  if (m.moves.messageEventIds.length > 0) {
    await tx.execute(sql`delete from message_events where workspace_id = ${ws}
                          and id in (select jsonb_array_elements_text(${JSON.stringify(m.moves.messageEventIds)}::jsonb)::bigint)`);
  }
}

/**
 * Undoes a merge within UNDO_WINDOW_DAYS: the survivor gets its row as it was before, the merged
 * lead comes back with its own id and row, and every row the merge moved goes back to it (rows
 * that came to the survivor after the merge stay). Later merges into the same survivor are undone first.
 */
export async function undoLeadMerge(actor: MergeActor, input: unknown): Promise<LeadMerge> {
  const { mergeId } = parseInput(undoMergeSchema, input);
  const ws = actor.workspaceId;
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [m] = await tx
      .select()
      .from(leadMerges)
      .where(and(eq(leadMerges.workspaceId, ws), eq(leadMerges.id, mergeId)))
      .for('update');
    if (!m) throw new AppError('NOT_FOUND', 'No such merge in this workspace.');
    if (m.undoneAt) throw new AppError('CONFLICT', 'This merge was already undone.');
    if (Date.now() - m.createdAt.getTime() > UNDO_WINDOW_DAYS * 86_400_000) {
      throw new AppError('CONFLICT', `A merge can be undone for ${UNDO_WINDOW_DAYS} days; this one is older.`);
    }
    const [survivor] = await tx.select({ id: leads.id }).from(leads).where(and(eq(leads.workspaceId, ws), eq(leads.id, m.survivorLeadId))).for('update');
    if (!survivor) throw new AppError('CONFLICT', 'The surviving lead was deleted or merged into another lead since: undo that first.');
    const [later] = await tx
      .select({ id: leadMerges.id })
      .from(leadMerges)
      .where(and(eq(leadMerges.workspaceId, ws), eq(leadMerges.survivorLeadId, m.survivorLeadId), isNull(leadMerges.undoneAt), ne(leadMerges.id, m.id),
        // Compared in SQL: a JavaScript Date drops the microseconds PostgreSQL keeps.
        sql`${leadMerges.createdAt} >= (select x.created_at from lead_merges x where x.id = ${m.id}::uuid)`))
      .limit(1);
    if (later) throw new AppError('CONFLICT', 'Another lead was merged into this one later: undo that merge first.');

    try {
      await tx.transaction(async (sp) => {
        await sp.execute(restoreLeadSql(ws, m.survivorBefore));
        const cols = sql.join(writableLeadColumns().map((c) => sql.identifier(c)), sql`, `);
        await sp.execute(sql`insert into leads (${cols}) select ${cols} from jsonb_populate_record(null::leads, ${JSON.stringify(m.mergedBefore)}::jsonb)`);
      });
    } catch (err) {
      throw new AppError('CONFLICT', 'A lead with one of these phone numbers was added since the merge: merge or delete it first.', { cause: err });
    }
    await moveBack(tx, m);
    const [done] = await tx
      .update(leadMerges)
      .set({ undoneAt: sql`now()`, undoneByUserId: actor.userId ?? null })
      .where(eq(leadMerges.id, m.id))
      .returning();
    await tx.insert(auditLog).values({
      workspaceId: ws,
      actorUserId: actor.userId ?? null,
      actorApiKeyId: actor.apiKeyId ?? null,
      action: 'lead.merge_undone',
      entityType: 'lead',
      entityId: m.survivorLeadId,
      data: { mergeId: m.id, mergedLeadId: m.mergedLeadId },
    });
    await markDuplicatesStale(tx, ws);
    return done;
  });
}
