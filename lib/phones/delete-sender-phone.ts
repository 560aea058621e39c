import 'server-only';
import { forgetWebhookSenders } from '@/lib/webhooks/webhook-sender-cache';
import { and, count, eq, or, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { campaigns, senderPhones } from '@/db/schema';
import { AppError, parseInput } from '@/lib/errors';
import { senderPhoneIdSchema } from './schema';

/**
 * Deletes a sender. Sent messages keep their history (their sender becomes empty); a phone that
 * campaigns still use cannot be deleted, because those campaigns would have nothing to send from.
 */
export async function deleteSenderPhone(workspaceId: string, input: unknown): Promise<void> {
  const { id } = parseInput(senderPhoneIdSchema, input);
  const db = await getDb();
  const [used] = await db
    .select({ n: count() })
    .from(campaigns)
    .where(
      and(
        eq(campaigns.workspaceId, workspaceId),
        or(eq(campaigns.senderPhoneId, id), sql`${id}::uuid = any(${campaigns.senderPhoneIds})`),
      ),
    );
  if (used && used.n > 0) {
    throw new AppError(
      'CONFLICT',
      `${used.n} campaign${used.n === 1 ? ' uses' : 's use'} this phone. Move ${used.n === 1 ? 'it' : 'them'} to another phone, or deactivate this one instead.`,
    );
  }
  const rows = await db
    .delete(senderPhones)
    .where(and(eq(senderPhones.workspaceId, workspaceId), eq(senderPhones.id, id)))
    .returning({ id: senderPhones.id });
  if (rows.length === 0) throw new AppError('NOT_FOUND', 'This phone no longer exists.');
  forgetWebhookSenders(); // its webhooks stop verifying at once in this process
}
