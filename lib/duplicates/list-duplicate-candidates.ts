import 'server-only';
import { and, asc, eq, gt, inArray, or, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { duplicateCandidates, duplicateScans, leads, type DuplicateConfidence, type Lead } from '@/db/schema';

export const DUPLICATES_PAGE_SIZE = 25;

export type CandidatePair = { a: Lead; b: Lead; confidence: DuplicateConfidence; reasons: string[]; detectedAt: Date };
export type CandidatePage = {
  pairs: CandidatePair[];
  counts: Record<DuplicateConfidence, number>;
  /** Cursor of the next page ("<lead a id>.<lead b id>"), null on the last. */
  next: string | null;
  scan: { finishedAt: Date; durationMs: number } | null;
};

/**
 * One page of a workspace's candidate pairs of one confidence (high first), each with both leads'
 * rows for the side-by-side comparison. Keyset pages over the primary key: cheap at any depth.
 */
export async function listDuplicateCandidates(
  workspaceId: string,
  opts: { confidence?: DuplicateConfidence; after?: { a: string; b: string } | null; limit?: number },
): Promise<CandidatePage> {
  const db = await getDb();
  const confidence = opts.confidence ?? 'high';
  const limit = opts.limit ?? DUPLICATES_PAGE_SIZE;
  const after = opts.after
    ? or(gt(duplicateCandidates.leadAId, opts.after.a), and(eq(duplicateCandidates.leadAId, opts.after.a), gt(duplicateCandidates.leadBId, opts.after.b)))
    : undefined;
  const [rows, countRows, [scan]] = await Promise.all([
    db
      .select()
      .from(duplicateCandidates)
      .where(and(eq(duplicateCandidates.workspaceId, workspaceId), eq(duplicateCandidates.confidence, confidence), after))
      .orderBy(asc(duplicateCandidates.leadAId), asc(duplicateCandidates.leadBId))
      .limit(limit + 1),
    db
      .select({ confidence: duplicateCandidates.confidence, n: sql<number>`count(*)::int` })
      .from(duplicateCandidates)
      .where(eq(duplicateCandidates.workspaceId, workspaceId))
      .groupBy(duplicateCandidates.confidence),
    db.select().from(duplicateScans).where(eq(duplicateScans.workspaceId, workspaceId)),
  ]);
  const page = rows.slice(0, limit);
  const leadIds = [...new Set(page.flatMap((r) => [r.leadAId, r.leadBId]))];
  const leadRows = leadIds.length === 0 ? [] : await db.select().from(leads).where(and(eq(leads.workspaceId, workspaceId), inArray(leads.id, leadIds)));
  const byId = new Map(leadRows.map((l) => [l.id, l]));
  const last = page.at(-1);
  return {
    pairs: page.flatMap((r) => {
      const a = byId.get(r.leadAId);
      const b = byId.get(r.leadBId);
      return a && b ? [{ a, b, confidence: r.confidence, reasons: r.reasons, detectedAt: r.detectedAt }] : [];
    }),
    counts: {
      high: Number(countRows.find((c) => c.confidence === 'high')?.n ?? 0),
      low: Number(countRows.find((c) => c.confidence === 'low')?.n ?? 0),
    },
    next: rows.length > limit && last ? `${last.leadAId}.${last.leadBId}` : null,
    scan: scan ? { finishedAt: scan.finishedAt, durationMs: scan.durationMs } : null,
  };
}
