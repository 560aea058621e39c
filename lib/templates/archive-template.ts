import 'server-only';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { messageTemplates } from '@/db/schema';
import { AppError, parseInput } from '@/lib/errors';
import { templateIdSchema } from './schema';

/**
 * "Delete" archives: campaigns and sent messages keep pointing at the text they used, and the
 * message disappears from the list and from new campaigns.
 */
export async function archiveTemplate(workspaceId: string, input: unknown): Promise<void> {
  const { id } = parseInput(templateIdSchema, input);
  const db = await getDb();
  const rows = await db
    .update(messageTemplates)
    .set({ archivedAt: sql`now()`, updatedAt: sql`now()` })
    .where(and(eq(messageTemplates.workspaceId, workspaceId), eq(messageTemplates.id, id), isNull(messageTemplates.archivedAt)))
    .returning({ id: messageTemplates.id });
  if (rows.length === 0) throw new AppError('NOT_FOUND', 'This message no longer exists.');
}
