import 'server-only';
import { eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { imports, workspaces, type Import } from '@/db/schema';
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
  let defaultCountry = data.options.defaultCountry;
  if (!defaultCountry) {
    const [ws] = await db.select({ country: workspaces.defaultCountry }).from(workspaces).where(eq(workspaces.id, workspaceId));
    defaultCountry = ws?.country ?? 'BR';
  }
  const [row] = await db
    .insert(imports)
    .values({
      workspaceId,
      createdByUserId: opts.userId ?? null,
      fileName: data.fileName,
      mapping: data.mapping,
      options: { ...data.options, defaultCountry, ...(data.columns ? { columns: data.columns } : {}) },
    })
    .returning();
  return row;
}
