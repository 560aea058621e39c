import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { leads, type Lead } from '@/db/schema';
import { AppError } from '@/lib/errors';

/**
 * Opts a lead out (keeping the first opt-out's time, as a STOP keyword does) or back in. The
 * dispatcher skips every message to an opted-out lead; nothing else changes here.
 */
export async function setLeadOptOut(workspaceId: string, leadId: string, optedOut: boolean): Promise<Lead> {
  if (!z.uuid().safeParse(leadId).success) throw new AppError('NOT_FOUND', 'This lead does not exist.');
  const db = await getDb();
  const [lead] = await db
    .update(leads)
    .set({ optedOutAt: optedOut ? sql`coalesce(${leads.optedOutAt}, now())` : null, updatedAt: sql`now()` })
    .where(and(eq(leads.workspaceId, workspaceId), eq(leads.id, leadId)))
    .returning();
  if (!lead) throw new AppError('NOT_FOUND', 'This lead does not exist.');
  return lead;
}
