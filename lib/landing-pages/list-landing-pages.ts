import 'server-only';
import { desc, eq, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { landingPages } from '@/db/schema';

export type LandingPageListRow = {
  id: string;
  slug: string;
  title: string;
  headline: string;
  isPublished: boolean;
  status: 'draft' | 'published' | 'archived';
  tags: string[];
  createdAt: Date;
  /** Distinct leads that came through this page (a returning visitor counts once). */
  leadsCaptured: number;
};

/** A workspace's landing pages, newest first, with the number of leads each captured. */
export async function listLandingPages(workspaceId: string): Promise<LandingPageListRow[]> {
  const db = await getDb();
  const rows = await db
    .select({
      id: landingPages.id,
      slug: landingPages.slug,
      title: landingPages.title,
      headline: landingPages.headline,
      isPublished: landingPages.isPublished,
      status: landingPages.status,
      tags: landingPages.tags,
      createdAt: landingPages.createdAt,
      // Aliased by hand: Drizzle leaves columns unqualified in a one-table select.
      leadsCaptured: sql<number>`(
        select count(distinct t.lead_id)::int from lead_touchpoints t
        where t.landing_page_id = "landing_pages"."id" and t.workspace_id = ${workspaceId})`,
    })
    .from(landingPages)
    .where(eq(landingPages.workspaceId, workspaceId))
    .orderBy(desc(landingPages.createdAt), desc(landingPages.id));
  return rows.map((r) => ({ ...r, leadsCaptured: Number(r.leadsCaptured) }));
}
