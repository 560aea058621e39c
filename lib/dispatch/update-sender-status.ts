import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { senderPhones } from '@/db/schema';

// Sender-level consequences of Meta's answers (WHATSAPP.md "Errors"). Messages of a sender that
// is not active stay queued until it is (see prepare-message.ts).

type SenderRef = { id: string; workspaceId: string };

/** 131048 / 368 / 131031: stop sending from this number until `pausedForMs` has passed. */
export async function pauseSender(db: DbOrTx, sender: SenderRef, reason: string, pausedForMs: number) {
  await db
    .update(senderPhones)
    .set({
      status: 'paused',
      statusReason: reason,
      pausedUntil: sql`now() + ${Math.round(pausedForMs)}::float8 * interval '1 millisecond'`,
      updatedAt: sql`now()`,
    })
    .where(and(eq(senderPhones.id, sender.id), eq(senderPhones.workspaceId, sender.workspaceId)));
}

/** 190 / 0 (or a token we cannot decrypt): an admin must reconnect the number. */
export async function markSenderNeedsAttention(db: DbOrTx, sender: SenderRef, reason: string) {
  await db
    .update(senderPhones)
    .set({ status: 'needs_attention', statusReason: reason, updatedAt: sql`now()` })
    .where(and(eq(senderPhones.id, sender.id), eq(senderPhones.workspaceId, sender.workspaceId)));
}

/** A pause whose time is over ends by itself (only a pause: needs_attention waits for an admin). */
export async function resumeSenderIfPauseOver(db: DbOrTx, sender: SenderRef): Promise<boolean> {
  const rows = await db
    .update(senderPhones)
    .set({ status: 'active', statusReason: null, pausedUntil: null, updatedAt: sql`now()` })
    .where(
      and(
        eq(senderPhones.id, sender.id),
        eq(senderPhones.workspaceId, sender.workspaceId),
        eq(senderPhones.status, 'paused'),
        sql`${senderPhones.pausedUntil} <= now()`,
      ),
    )
    .returning({ id: senderPhones.id });
  return rows.length > 0;
}
