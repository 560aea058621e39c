import 'server-only';
import { and, desc, eq, isNull } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { leadMerges, users } from '@/db/schema';
import { UNDO_WINDOW_DAYS } from './schema';

export type LeadMergeRow = {
  id: string;
  at: Date;
  by: string | null;
  merged: { id: string; name: string | null; phoneE164: string; email: string | null };
  canUndo: boolean;
};

/** The merges into this lead that are not undone, newest first, and whether each can still be undone. */
export async function listLeadMerges(workspaceId: string, leadId: string): Promise<LeadMergeRow[]> {
  const db = await getDb();
  const rows = await db
    .select({ m: leadMerges, by: users.name })
    .from(leadMerges)
    .leftJoin(users, eq(users.id, leadMerges.actorUserId))
    .where(and(eq(leadMerges.workspaceId, workspaceId), eq(leadMerges.survivorLeadId, leadId), isNull(leadMerges.undoneAt)))
    .orderBy(desc(leadMerges.createdAt));
  const window = UNDO_WINDOW_DAYS * 86_400_000;
  // Merges are undone newest first (undo-lead-merge.ts): only the newest offers the button.
  return rows.map(({ m, by }, i) => ({
    id: m.id,
    at: m.createdAt,
    by,
    merged: {
      id: m.mergedLeadId,
      name: (m.mergedBefore.name as string | null) ?? null,
      phoneE164: String(m.mergedBefore.phone_e164),
      email: (m.mergedBefore.email as string | null) ?? null,
    },
    canUndo: i === 0 && Date.now() - m.createdAt.getTime() <= window,
  }));
}

/** One merge of this workspace, for the banner after merging; null when unknown or undone. */
export async function getMergeSummary(workspaceId: string, mergeId: string) {
  const db = await getDb();
  const [m] = await db.select().from(leadMerges).where(and(eq(leadMerges.workspaceId, workspaceId), eq(leadMerges.id, mergeId)));
  if (!m || m.undoneAt) return null;
  const label = (s: Record<string, unknown>) => (s.name ? `${String(s.name)} (${String(s.phone_e164)})` : String(s.phone_e164));
  return { id: m.id, survivorId: m.survivorLeadId, survivor: label(m.survivorBefore), merged: label(m.mergedBefore) };
}
