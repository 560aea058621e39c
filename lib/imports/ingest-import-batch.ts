import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import { execRows, getDb, type Tx } from '@/db/client';
import { importBatches, imports } from '@/db/schema';
import { AppError, parseInput } from '@/lib/errors';
import { withSettings, type ImportWithSettings } from './get-import';
import { queueImportCampaigns } from './queue-import-campaigns';
import { rejectOverAttributeLimit } from './reject-over-attribute-limit';
import { upsertImportLeads } from './upsert-import-leads';
import { applyAppointmentRows } from './appointments/apply-appointment-rows';
import { prepareAppointmentRows } from './appointments/prepare-appointment-rows';
import { prepareImportRows, type PreparedBatch, type PreparedRejection } from './prepare-import-rows';
import { ingestBatchSchema, type IngestBatchInput } from './schema';
import { isId } from '@/lib/validation/strict-values';

export type ImportCounts = { rows: number; created: number; updated: number; unchanged: number; invalid: number; duplicate: number };
export type IngestBatchResult = {
  batchNo: number;
  /** True when this batch had already been applied (a retry): nothing was done again. */
  replayed: boolean;
  batch: ImportCounts;
  total: ImportCounts;
};

/**
 * Validates, normalises and upserts one batch of an import's rows. Idempotent per
 * (import, batchNo): a batch retried after a network error returns the first result.
 */
export async function ingestImportBatch(workspaceId: string, importId: string, input: IngestBatchInput): Promise<IngestBatchResult> {
  if (!isId(importId)) throw new AppError('NOT_FOUND', 'Import not found.');
  const data = parseInput(ingestBatchSchema, input);
  const db = await getDb();
  const [row] = await db
    .select()
    .from(imports)
    .where(and(eq(imports.id, importId), eq(imports.workspaceId, workspaceId)));
  if (!row) throw new AppError('NOT_FOUND', 'Import not found.');
  const imp = withSettings(row);
  const batch = { batchNo: data.batchNo, firstRowNumber: data.firstRowNumber };
  if (imp.kind === 'appointments') {
    const prepared = prepareAppointmentRows(data.rows, data.firstRowNumber, imp.columnMapping, imp.settings.columns, imp.settings);
    return withImportBatch(workspaceId, importId, batch, prepared.rowCount, (tx, locked) => applyAppointmentRows(tx, workspaceId, locked, prepared));
  }
  const prepared = prepareImportRows(data.rows, data.firstRowNumber, imp.columnMapping, imp.settings.columns, imp.settings);
  return applyImportBatch(workspaceId, importId, batch, prepared);
}

/** The database half of a batch, for callers that prepare rows ahead (CLI, bench pipelines). */
export async function applyImportBatch(
  workspaceId: string,
  importId: string,
  batch: { batchNo: number; firstRowNumber: number },
  prepared: PreparedBatch,
): Promise<IngestBatchResult> {
  return withImportBatch(workspaceId, importId, batch, prepared.rowCount, async (tx, imp) => {
    const rejections: PreparedRejection[] = [...prepared.rejections];
    let leads = prepared.leads;
    if (leads.length > 0) {
      // Phones an earlier batch of this file already brought are duplicates in the file.
      const seen = await execRows<{ phone_e164: string; row_number: number }>(
        tx,
        sql`select phone_e164, row_number from import_changes
            where import_id = ${importId} and phone_e164 = any(string_to_array(${leads.map((l) => l.phone).join(',')}, ','))`,
      );
      if (seen.length > 0) {
        const firstRow = new Map(seen.map((s) => [s.phone_e164, s.row_number]));
        leads = leads.filter((l) => {
          const first = firstRow.get(l.phone);
          if (first === undefined) return true;
          rejections.push({ rn: l.rn, kind: 'duplicate', reason: `duplicate of row ${first} (${l.phone})`, values: l.raw });
          return false;
        });
      }
    }

    leads = await rejectOverAttributeLimit(tx, workspaceId, imp.settings.existing, leads, rejections);

    const outcome = leads.length > 0 ? await upsertImportLeads(tx, workspaceId, imp, leads) : { created: 0, updated: 0, unchanged: 0 };
    if (leads.length > 0 && imp.settings.triggerCampaigns) await queueImportCampaigns(tx, workspaceId, importId, leads.map((l) => l.phone));
    return { ...outcome, rejections };
  });
}

/** What a kind of import did with one batch: the rows it applied and the ones it rejected. */
export type BatchWork = (tx: Tx, imp: ImportWithSettings) => Promise<{ created: number; updated: number; unchanged: number; rejections: PreparedRejection[] }>;

/**
 * The frame every kind of import shares: batches of one import take turns on its row lock, a
 * batch already applied answers its first result, a closed import takes no rows, and the
 * counts, the batch record and the import's totals are written with the rows.
 */
export async function withImportBatch(
  workspaceId: string,
  importId: string,
  batch: { batchNo: number; firstRowNumber: number },
  rowCount: number,
  work: BatchWork,
): Promise<IngestBatchResult> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    // Batches of one import take turns: counts and the seen-phone check stay exact.
    const [locked] = await tx
      .select()
      .from(imports)
      .where(and(eq(imports.id, importId), eq(imports.workspaceId, workspaceId)))
      .for('update');
    if (!locked) throw new AppError('NOT_FOUND', 'Import not found.');
    const imp = withSettings(locked);
    const [done] = await tx
      .select()
      .from(importBatches)
      .where(and(eq(importBatches.importId, importId), eq(importBatches.batchNo, batch.batchNo)));
    if (done) {
      return {
        batchNo: batch.batchNo,
        replayed: true,
        batch: {
          rows: done.rowCount,
          created: done.createdCount,
          updated: done.updatedCount,
          unchanged: done.unchangedCount,
          invalid: done.invalidCount,
          duplicate: done.duplicateCount,
        },
        total: totals(locked),
      };
    }
    if (locked.status !== 'pending' && locked.status !== 'running') {
      throw new AppError('CONFLICT', `This import is ${locked.status}; it takes no more rows.`);
    }

    const { rejections, ...outcome } = await work(tx, imp);
    if (rejections.length > 0) await insertRejections(tx, importId, rejections);

    const counts: ImportCounts = {
      rows: rowCount,
      ...outcome,
      invalid: rejections.filter((r) => r.kind === 'invalid').length,
      duplicate: rejections.filter((r) => r.kind === 'duplicate').length,
    };
    await tx.insert(importBatches).values({
      importId,
      batchNo: batch.batchNo,
      firstRowNumber: batch.firstRowNumber,
      rowCount: counts.rows,
      createdCount: counts.created,
      updatedCount: counts.updated,
      unchangedCount: counts.unchanged,
      invalidCount: counts.invalid,
      duplicateCount: counts.duplicate,
    });
    const [after] = await tx
      .update(imports)
      .set({
        status: 'running',
        startedAt: sql`coalesce(${imports.startedAt}, now())`,
        totalRows: sql`${imports.totalRows} + ${counts.rows}`,
        createdCount: sql`${imports.createdCount} + ${counts.created}`,
        updatedCount: sql`${imports.updatedCount} + ${counts.updated}`,
        unchangedCount: sql`${imports.unchangedCount} + ${counts.unchanged}`,
        invalidCount: sql`${imports.invalidCount} + ${counts.invalid}`,
        duplicateCount: sql`${imports.duplicateCount} + ${counts.duplicate}`,
      })
      .where(eq(imports.id, importId))
      .returning();
    return { batchNo: batch.batchNo, replayed: false, batch: counts, total: totals(after) };
  });
}

function totals(row: typeof imports.$inferSelect): ImportCounts {
  return {
    rows: row.totalRows,
    created: row.createdCount,
    updated: row.updatedCount,
    unchanged: row.unchangedCount,
    invalid: row.invalidCount,
    duplicate: row.duplicateCount,
  };
}

async function insertRejections(tx: Tx, importId: string, rejections: PreparedRejection[]) {
  const json = JSON.stringify(rejections.map((r) => ({ rn: r.rn, kind: r.kind, reason: r.reason, vals: r.values })));
  await tx.execute(sql`
    insert into import_rejections (import_id, row_number, kind, reason, values)
    select ${importId}, rn, kind, reason, vals
    from jsonb_to_recordset(${json}::jsonb) as x(rn int, kind text, reason text, vals jsonb)`);
}
