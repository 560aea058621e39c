import 'server-only';
import { and, eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { leads, type Lead } from '@/db/schema';
import { isId } from '@/lib/validation/strict-values';

/**
 * One lead, only if it belongs to this workspace. Another workspace's id, or anything that is
 * not a UUID at all, gives null so the page can answer 404 without saying which it was.
 */
export async function getLeadDetail(workspaceId: string, leadId: string): Promise<Lead | null> {
  if (!isId(leadId)) return null;
  const db = await getDb();
  const [lead] = await db
    .select()
    .from(leads)
    .where(and(eq(leads.workspaceId, workspaceId), eq(leads.id, leadId)))
    .limit(1);
  return lead ?? null;
}
