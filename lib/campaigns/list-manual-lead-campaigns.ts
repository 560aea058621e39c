import 'server-only';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { campaigns } from '@/db/schema';

/**
 * Active (or paused) automated campaigns that a lead added by hand would get: those that list
 * the Manual source (queue-campaign-messages.ts). The New lead form names them and ticks
 * "send" by default when there is one.
 */
export async function listManualLeadCampaigns(workspaceId: string): Promise<{ id: string; name: string }[]> {
  const db = await getDb();
  return db
    .select({ id: campaigns.id, name: campaigns.name })
    .from(campaigns)
    .where(
      and(
        eq(campaigns.workspaceId, workspaceId),
        eq(campaigns.kind, 'automated'),
        inArray(campaigns.status, ['active', 'paused']),
        sql`${campaigns.trigger} -> 'sources' ? 'manual'`,
        sql`coalesce(${campaigns.trigger} -> 'appointment', 'null'::jsonb) = 'null'::jsonb`,
      ),
    )
    .orderBy(asc(campaigns.name));
}
