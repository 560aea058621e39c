import 'server-only';
import { getDb } from '@/db/client';
import { imports, type Import } from '@/db/schema';
import { parseInput } from '@/lib/errors';
import { createImportSchema, type CreateImportInput } from './schema';

/** Starts an import: its file name, column mapping and options; batches follow. */
export async function createImport(
  workspaceId: string,
  input: CreateImportInput,
  opts: { userId?: string | null } = {},
): Promise<Import> {
  const data = parseInput(createImportSchema, input);
  const db = await getDb();
  const [row] = await db
    .insert(imports)
    .values({
      workspaceId,
      createdByUserId: opts.userId ?? null,
      fileName: data.fileName,
      mapping: data.mapping,
      options: { ...data.options, ...(data.columns ? { columns: data.columns } : {}) },
    })
    .returning();
  return row;
}
