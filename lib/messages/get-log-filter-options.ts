import 'server-only';
import { asc, desc, eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { campaigns, senderPhones } from '@/db/schema';

/** Campaign and sender names for the message log's filter form (ids and labels only). */
export async function getLogFilterOptions(workspaceId: string) {
  const db = await getDb();
  const [campaignRows, senderRows] = await Promise.all([
    db.select({ id: campaigns.id, name: campaigns.name }).from(campaigns).where(eq(campaigns.workspaceId, workspaceId)).orderBy(desc(campaigns.createdAt)),
    db.select({ id: senderPhones.id, label: senderPhones.label }).from(senderPhones).where(eq(senderPhones.workspaceId, workspaceId)).orderBy(asc(senderPhones.createdAt)),
  ]);
  return { campaigns: campaignRows, senders: senderRows };
}
