import 'server-only';
import { and, eq } from 'drizzle-orm';
import { getDb, type DbOrTx } from '@/db/client';
import { imports, type Import } from '@/db/schema';
import { AppError } from '@/lib/errors';
import { importOptionsSchema, type ResolvedImportOptions } from './schema';
import type { ImportMapping } from './suggest-mapping';
import { isId } from '@/lib/validation/strict-values';

export type ImportWithSettings = Import & {
  settings: ResolvedImportOptions & { columns?: string[]; timeZone: string };
  columnMapping: ImportMapping;
};

export function withSettings(row: Import): ImportWithSettings {
  const raw = row.options as Record<string, unknown>;
  const parsed = importOptionsSchema.parse(raw);
  const settings = {
    ...parsed,
    defaultCountry: parsed.defaultCountry ?? 'BR',
    timeZone: typeof raw.timeZone === 'string' ? raw.timeZone : 'UTC',
    columns: Array.isArray(raw.columns) ? (raw.columns as string[]) : undefined,
  };
  return { ...row, settings, columnMapping: row.mapping as ImportMapping };
}

/** One import of the workspace, or NOT_FOUND (also for another workspace's import). */
export async function getImport(workspaceId: string, importId: string, db?: DbOrTx): Promise<ImportWithSettings> {
  db ??= await getDb();
  const [row] = isId(importId)
    ? await db
        .select()
        .from(imports)
        .where(and(eq(imports.id, importId), eq(imports.workspaceId, workspaceId)))
    : [];
  if (!row) throw new AppError('NOT_FOUND', 'Import not found.');
  return withSettings(row);
}
