import 'server-only';
import { and, asc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { importPresets } from '@/db/schema';
import { AppError, parseInput } from '@/lib/errors';
import { hasNoNul, isId } from '@/lib/validation/strict-values';
import { importMappingSchema, importOptionsSchema } from './schema';

// Saved mappings: a file that comes back every month with the same columns maps in one click.
// Saving under an existing name replaces that preset.

export const MAX_PRESETS = 50;

export const savePresetSchema = z.object({
  name: z.string().trim().min(1, 'Give the preset a name').max(80).refine(hasNoNul, 'Contains a character that is not allowed'),
  mapping: importMappingSchema,
  options: importOptionsSchema.partial().default({}),
});
export type SavePresetInput = z.input<typeof savePresetSchema>;
export type ImportPresetView = { id: string; name: string; mapping: Record<string, string>; options: Record<string, unknown> };

export async function listImportPresets(workspaceId: string): Promise<ImportPresetView[]> {
  const db = await getDb();
  return db
    .select({ id: importPresets.id, name: importPresets.name, mapping: importPresets.mapping, options: importPresets.options })
    .from(importPresets)
    .where(eq(importPresets.workspaceId, workspaceId))
    .orderBy(asc(importPresets.name));
}

export async function saveImportPreset(workspaceId: string, input: SavePresetInput): Promise<ImportPresetView> {
  const data = parseInput(savePresetSchema, input);
  const db = await getDb();
  const [{ n }] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(importPresets)
    .where(and(eq(importPresets.workspaceId, workspaceId), sql`${importPresets.name} <> ${data.name}`));
  if (n >= MAX_PRESETS) throw new AppError('CONFLICT', `At most ${MAX_PRESETS} presets: delete one first.`);
  const [row] = await db
    .insert(importPresets)
    .values({ workspaceId, name: data.name, mapping: data.mapping, options: data.options })
    .onConflictDoUpdate({
      target: [importPresets.workspaceId, importPresets.name],
      set: { mapping: data.mapping, options: data.options, updatedAt: sql`now()` },
    })
    .returning();
  return { id: row.id, name: row.name, mapping: row.mapping, options: row.options };
}

export async function deleteImportPreset(workspaceId: string, presetId: string): Promise<void> {
  if (!isId(presetId)) throw new AppError('NOT_FOUND', 'Preset not found.');
  const db = await getDb();
  const gone = await db
    .delete(importPresets)
    .where(and(eq(importPresets.id, presetId), eq(importPresets.workspaceId, workspaceId)))
    .returning({ id: importPresets.id });
  if (gone.length === 0) throw new AppError('NOT_FOUND', 'Preset not found.');
}
