import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { imports } from '@/db/schema';
import { AppError } from '@/lib/errors';
import { withSettings, type ImportWithSettings } from './get-import';
import { isId } from '@/lib/validation/strict-values';

/** All batches are in: the import is completed. Calling it again changes nothing. */
export async function finishImport(workspaceId: string, importId: string): Promise<ImportWithSettings> {
  return closeImport(workspaceId, importId, 'completed');
}

/**
 * Stops an import: later batches are refused. Rows already applied stay (revert removes them).
 * Shares the rules of finishing, hence the same file.
 */
export async function cancelImport(workspaceId: string, importId: string): Promise<ImportWithSettings> {
  return closeImport(workspaceId, importId, 'cancelled');
}

async function closeImport(workspaceId: string, importId: string, status: 'completed' | 'cancelled') {
  if (!isId(importId)) throw new AppError('NOT_FOUND', 'Import not found.');
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(imports)
      .where(and(eq(imports.id, importId), eq(imports.workspaceId, workspaceId)))
      .for('update');
    if (!row) throw new AppError('NOT_FOUND', 'Import not found.');
    if (row.status === status) return withSettings(row);
    if (row.status !== 'pending' && row.status !== 'running') {
      throw new AppError('CONFLICT', `This import is already ${row.status}.`);
    }
    const [after] = await tx
      .update(imports)
      .set({ status, finishedAt: sql`now()`, startedAt: sql`coalesce(${imports.startedAt}, now())` })
      .where(eq(imports.id, importId))
      .returning();
    return withSettings(after);
  });
}
