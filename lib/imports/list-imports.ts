import 'server-only';
import { desc, eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { imports, users, type Import } from '@/db/schema';

export const IMPORT_HISTORY_LIMIT = 100;

export type ImportListRow = Pick<
  Import,
  | 'id'
  | 'fileName'
  | 'kind'
  | 'status'
  | 'totalRows'
  | 'createdCount'
  | 'updatedCount'
  | 'unchangedCount'
  | 'invalidCount'
  | 'duplicateCount'
  | 'startedAt'
  | 'finishedAt'
  | 'revertedAt'
  | 'createdAt'
> & { createdByName: string | null };

/** A workspace's CSV imports, newest first. */
export async function listImports(workspaceId: string): Promise<ImportListRow[]> {
  const db = await getDb();
  return db
    .select({
      id: imports.id,
      fileName: imports.fileName,
      kind: imports.kind,
      status: imports.status,
      totalRows: imports.totalRows,
      createdCount: imports.createdCount,
      updatedCount: imports.updatedCount,
      unchangedCount: imports.unchangedCount,
      invalidCount: imports.invalidCount,
      duplicateCount: imports.duplicateCount,
      startedAt: imports.startedAt,
      finishedAt: imports.finishedAt,
      revertedAt: imports.revertedAt,
      createdAt: imports.createdAt,
      createdByName: users.name,
    })
    .from(imports)
    .leftJoin(users, eq(users.id, imports.createdByUserId))
    .where(eq(imports.workspaceId, workspaceId))
    .orderBy(desc(imports.createdAt), desc(imports.id))
    .limit(IMPORT_HISTORY_LIMIT);
}
