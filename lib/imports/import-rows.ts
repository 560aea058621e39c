import 'server-only';
import { and, asc, eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { importChanges, importRejections, imports, type ImportOutcome } from '@/db/schema';
import { AppError } from '@/lib/errors';
import { createImport } from './create-import';
import { finishImport } from './finish-import';
import { ingestImportBatch } from './ingest-import-batch';
import type { ExistingLeadPolicy } from './schema';
import { slugifyHeader, type ImportMapping } from './suggest-mapping';

/** Rows per call: one batch of the engine, answered with a result per row. */
export const MAX_IMPORT_ROWS_PER_CALL = 1_000;

export type ImportRow = { phone: string; name?: string | null; email?: string | null; tags?: string[] | null; attributes?: Record<string, string> | null };
export type ImportRowResult =
  | { rowNumber: number; outcome: ImportOutcome; leadId: string; reason: null }
  | { rowNumber: number; outcome: 'invalid' | 'duplicate'; leadId: null; reason: string };

/**
 * Rows given as objects (the API's upsertLeads) through the same import engine as a CSV file:
 * the same normalisation, policies, duplicate detection, campaign triggers and revert. One
 * import of one batch; the answer has one result per row, in order, with the reason when a
 * row was not applied.
 */
export async function importRows(
  workspaceId: string,
  rows: ImportRow[],
  opts: { fileName: string; existing?: ExistingLeadPolicy; triggerCampaigns?: boolean; userId?: string | null },
): Promise<{ importId: string; results: ImportRowResult[] }> {
  if (rows.length === 0 || rows.length > MAX_IMPORT_ROWS_PER_CALL) {
    throw new AppError('BAD_USER_INPUT', `Send 1 to ${MAX_IMPORT_ROWS_PER_CALL} rows per call.`, { fields: { inputs: `1 to ${MAX_IMPORT_ROWS_PER_CALL} rows` } });
  }
  const mapping: ImportMapping = { phone: 'phone', name: 'name', email: 'email', tags: 'tags' };
  const cells = rows.map((r) => {
    const cell: Record<string, string> = { phone: r.phone, name: r.name ?? '', email: r.email ?? '', tags: (r.tags ?? []).join(', ') };
    for (const [key, value] of Object.entries(r.attributes ?? {})) {
      const column = `attr:${key}`;
      mapping[column] = `attr.${slugifyHeader(key)}`;
      cell[column] = String(value);
    }
    return cell;
  });
  const imp = await createImport(
    workspaceId,
    { fileName: opts.fileName, mapping, options: { existing: opts.existing ?? 'fill_empty', triggerCampaigns: opts.triggerCampaigns ?? false, tags: [] } },
    { userId: opts.userId ?? null },
  );
  await ingestImportBatch(workspaceId, imp.id, { batchNo: 0, firstRowNumber: 1, rows: cells });
  await finishImport(workspaceId, imp.id);

  const db = await getDb();
  const own = and(eq(imports.id, imp.id), eq(imports.workspaceId, workspaceId));
  const [applied, rejected] = await Promise.all([
    db
      .select({ rowNumber: importChanges.rowNumber, outcome: importChanges.outcome, leadId: importChanges.leadId })
      .from(importChanges)
      .innerJoin(imports, eq(imports.id, importChanges.importId))
      .where(own),
    db
      .select({ rowNumber: importRejections.rowNumber, kind: importRejections.kind, reason: importRejections.reason })
      .from(importRejections)
      .innerJoin(imports, eq(imports.id, importRejections.importId))
      .where(own)
      .orderBy(asc(importRejections.rowNumber)),
  ]);
  const byRow = new Map<number, ImportRowResult>();
  for (const a of applied) byRow.set(a.rowNumber, { rowNumber: a.rowNumber, outcome: a.outcome, leadId: a.leadId, reason: null });
  for (const r of rejected) byRow.set(r.rowNumber, { rowNumber: r.rowNumber, outcome: r.kind, leadId: null, reason: r.reason });
  const results = rows.map(
    (_, i): ImportRowResult => byRow.get(i + 1) ?? { rowNumber: i + 1, outcome: 'invalid', leadId: null, reason: 'not applied' },
  );
  return { importId: imp.id, results };
}
