import 'server-only';
import { sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { landingPageDailyStats } from '@/db/schema';

/** Counts one view or one blocked submission for the page, today (UTC) and this utm_source. */
export async function recordLandingStat(landingPageId: string, kind: 'views' | 'blocked', utmSource: string | null | undefined): Promise<void> {
  const db = await getDb();
  const source = (utmSource ?? '').trim().slice(0, 100);
  await db
    .insert(landingPageDailyStats)
    .values({ landingPageId, day: sql`(now() at time zone 'utc')::date`, utmSource: source, [kind]: 1 })
    .onConflictDoUpdate({
      target: [landingPageDailyStats.landingPageId, landingPageDailyStats.day, landingPageDailyStats.utmSource],
      set: { [kind]: sql`${landingPageDailyStats[kind]} + 1` },
    });
}
