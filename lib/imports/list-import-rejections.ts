import 'server-only';
import { asc, eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { importRejections, type ImportRejection } from '@/db/schema';
import { toSafeCsv } from '@/lib/csv/to-safe-csv';
import { getImport } from './get-import';

export type RejectionRow = Pick<ImportRejection, 'rowNumber' | 'kind' | 'reason' | 'values'>;

/** The rows an import did not apply, in file order (the first `limit` of them when given). */
export async function listImportRejections(workspaceId: string, importId: string, opts: { limit?: number } = {}): Promise<RejectionRow[]> {
  await getImport(workspaceId, importId);
  const db = await getDb();
  const query = db
    .select({
      rowNumber: importRejections.rowNumber,
      kind: importRejections.kind,
      reason: importRejections.reason,
      values: importRejections.values,
    })
    .from(importRejections)
    .where(eq(importRejections.importId, importId))
    .orderBy(asc(importRejections.rowNumber), asc(importRejections.id));
  return opts.limit ? query.limit(opts.limit) : query;
}

/** The rejected rows as a CSV: the file's own columns, then row number and reason. */
export async function importRejectionsCsv(workspaceId: string, importId: string): Promise<string> {
  const imp = await getImport(workspaceId, importId);
  const rows = await listImportRejections(workspaceId, importId);
  let columns = imp.settings.columns;
  if (!columns) {
    const keys = new Set<string>();
    for (const r of rows) if (!Array.isArray(r.values)) Object.keys(r.values).forEach((k) => keys.add(k));
    columns = [...keys];
  }
  const cols = columns;
  const body = rows.map((r) => {
    const cells = Array.isArray(r.values) ? cols.map((_, i) => r.values[i as never] ?? '') : cols.map((c) => (r.values as Record<string, string>)[c] ?? '');
    return [...cells, r.rowNumber, r.reason];
  });
  return toSafeCsv([[...cols, 'row', 'reason'], ...body]);
}
