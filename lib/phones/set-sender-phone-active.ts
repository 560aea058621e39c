import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { senderPhones } from '@/db/schema';
import { AppError, parseInput } from '@/lib/errors';

const schema = z.object({ id: z.uuid('Unknown phone'), isActive: z.boolean() });

/** Deactivating keeps the phone and its history; its queued messages wait until it is active again. */
export async function setSenderPhoneActive(workspaceId: string, input: unknown): Promise<void> {
  const { id, isActive } = parseInput(schema, input);
  const db = await getDb();
  const rows = await db
    .update(senderPhones)
    .set({ isActive, updatedAt: sql`now()` })
    .where(and(eq(senderPhones.workspaceId, workspaceId), eq(senderPhones.id, id)))
    .returning({ id: senderPhones.id });
  if (rows.length === 0) throw new AppError('NOT_FOUND', 'This phone no longer exists.');
}
