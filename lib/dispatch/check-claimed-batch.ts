import 'server-only';
import type { DbOrTx } from '@/db/client';
import { messagesOverRecipientCap, RECIPIENT_CAP_REASON } from './daily-recipient-cap';
import { loadClaimedMessages } from './load-claimed-messages';
import { holdMessages, releaseClaims } from './message-transitions';
import { checkClaimedMessage, type MessageOutcome, type ReadyMessage, type SendSettings } from './send-claimed-message';

/**
 * Claimed messages, read fresh and checked at send time as one batch: rows that vanished are
 * given back, those over the workspace's daily recipient cap are held, the rest pass each
 * message's own checks (checkClaimedMessage). Returns what may be sent and what became of the rest.
 */
export async function checkClaimedBatch(
  db: DbOrTx,
  ids: string[],
  settings: SendSettings,
  onCheckError: (err: unknown) => void,
): Promise<{ ready: ReadyMessage[]; outcomes: MessageOutcome[] }> {
  const claimed = await loadClaimedMessages(db, ids);
  const loaded = new Set(claimed.map((c) => c.message.id));
  const vanished = ids.filter((id) => !loaded.has(id));
  if (vanished.length > 0) await releaseClaims(db, { ids: vanished, workerId: settings.workerId });

  const outcomes: MessageOutcome[] = [];
  const overCap = await messagesOverRecipientCap(db, claimed);
  if (overCap.size > 0) {
    const held = await holdMessages(db, { ids: [...overCap], workerId: settings.workerId, delayMs: 15 * 60_000, reason: RECIPIENT_CAP_REASON });
    for (let i = 0; i < held; i++) outcomes.push('held');
  }
  const checked = await Promise.all(
    claimed
      .filter((c) => !overCap.has(c.message.id))
      .map((c) =>
        checkClaimedMessage(db, c, settings).catch((err: unknown) => {
          onCheckError(err);
          return { outcome: 'released' as const };
        }),
      ),
  );
  const ready: ReadyMessage[] = [];
  for (const r of checked) {
    if ('outcome' in r) outcomes.push(r.outcome);
    else ready.push(r.ready);
  }
  return { ready, outcomes };
}
