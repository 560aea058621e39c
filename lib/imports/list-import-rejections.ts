import 'server-only';
import { and, asc, eq, gt, or, sql } from 'drizzle-orm';
import { execRows, getDb } from '@/db/client';
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

/** Rejected rows per query when writing the CSV: memory stays flat however many there are. */
const CSV_PAGE_ROWS = 5_000;

/**
 * The rejected rows as CSV text in pieces (the file's own columns, then row number and reason),
 * read page by page in file order, so a download of 100,000 rejections never sits in memory.
 */
export async function* importRejectionsCsvChunks(
  workspaceId: string,
  importId: string,
  opts: { pageRows?: number } = {},
): AsyncGenerator<string> {
  const pageRows = opts.pageRows ?? CSV_PAGE_ROWS;
  const imp = await getImport(workspaceId, importId);
  const db = await getDb();
  let columns = imp.settings.columns;
  if (!columns) {
    // Rows sent as objects (not arrays): the columns are the keys they used.
    const keys = await execRows<{ k: string }>(
      db,
      sql`select distinct jsonb_object_keys("values") as k from import_rejections
          where import_id = ${importId} and jsonb_typeof("values") = 'object' order by 1`,
    );
    columns = keys.map((r) => r.k);
  }
  const cols = columns;
  yield toSafeCsv([[...cols, 'row', 'reason']]);
  let after = { rowNumber: 0, id: 0 };
  for (;;) {
    const page = await db
      .select({ id: importRejections.id, rowNumber: importRejections.rowNumber, reason: importRejections.reason, values: importRejections.values })
      .from(importRejections)
      .where(
        and(
          eq(importRejections.importId, importId),
          or(gt(importRejections.rowNumber, after.rowNumber), and(eq(importRejections.rowNumber, after.rowNumber), gt(importRejections.id, after.id))),
        ),
      )
      .orderBy(asc(importRejections.rowNumber), asc(importRejections.id))
      .limit(pageRows);
    if (page.length === 0) return;
    const body = page.map((r) => {
      const cells = Array.isArray(r.values) ? cols.map((_, i) => (r.values as string[])[i] ?? '') : cols.map((c) => (r.values as Record<string, string>)[c] ?? '');
      return [...cells, r.rowNumber, r.reason];
    });
    yield toSafeCsv(body, { bom: false });
    const last = page[page.length - 1];
    after = { rowNumber: last.rowNumber, id: last.id };
    if (page.length < pageRows) return;
  }
}

/** The whole rejected-rows CSV as one string (the CLI's --rejected, tests). */
export async function importRejectionsCsv(workspaceId: string, importId: string): Promise<string> {
  let out = '';
  for await (const chunk of importRejectionsCsvChunks(workspaceId, importId)) out += chunk;
  return out;
}
