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
  const [ws] = await db
    .select({ country: workspaces.defaultCountry, timeZone: workspaces.timezone })
    .from(workspaces)
    .where(eq(workspaces.id, workspaceId));
  const defaultCountry = data.options.defaultCountry ?? ws?.country ?? 'BR';
  // Dates without an offset are read in the zone the workspace had when the import started.
  const timeZone = ws?.timeZone ?? 'UTC';
  const [row] = await db
    .insert(imports)
    .values({
      workspaceId,
      createdByUserId: opts.userId ?? null,
      kind: data.kind,
      fileName: data.fileName,
      mapping: data.mapping,
      options: { ...data.options, defaultCountry, timeZone, ...(data.columns ? { columns: data.columns } : {}) },
    })
    .returning();
  return row;
}
