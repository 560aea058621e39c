import 'server-only';
import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { leads } from '@/db/schema';

export const TEST_RECIPIENT_TAG = 'test-recipient';

/**
 * The lead a test message to this number belongs to (a message always belongs to a lead): the
 * workspace's lead with that phone, or a new one named "Test recipient" and tagged
 * "test-recipient". Not a capture: no touchpoint, no campaign reacts to it.
 */
export async function findOrCreateTestRecipient(db: DbOrTx, workspaceId: string, phoneE164: string): Promise<{ id: string }> {
  await db
    .insert(leads)
    .values({ workspaceId, phoneE164, name: 'Test recipient', source: 'manual', tags: [TEST_RECIPIENT_TAG] })
    .onConflictDoNothing({ target: [leads.workspaceId, leads.phoneE164] });
  const [lead] = await db
    .select({ id: leads.id })
    .from(leads)
    .where(and(eq(leads.workspaceId, workspaceId), eq(leads.phoneE164, phoneE164)));
  return lead;
}
