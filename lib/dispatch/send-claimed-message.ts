import 'server-only';
import type { DbOrTx } from '@/db/client';
import { log } from '@/lib/log/logger';
import { credentialsFromRow } from '@/lib/whatsapp/sender-credentials';
import type { OutboundMessage, SendResult, SenderCredentials } from '@/lib/whatsapp/types';
import { retryDelayMs } from './backoff';
import type { ClaimedMessage } from './load-claimed-messages';
import { finishWithoutSending, holdMessage, recordFailed, recordRetry, recordSent, recordUnknown } from './message-transitions';
import { prepareMessage } from './prepare-message';
import { backOffSender } from './reserve-send-slots';
import { isInsideSendWindow, msUntilNextHour } from './send-window';
import { markSenderNeedsAttention, pauseSender, resumeSenderIfPauseOver } from './update-sender-status';

// The two ends of one message's trip through the dispatcher (dispatch-engine.ts does the
// middle: rate slots, the guarded flip to `sending`, the HTTP call):
// - checkClaimedMessage: the checks at send time, with the lead's current data; a message that
//   must not go out now is finished (skipped / failed) or held here, with its reason;
// - recordSendResult: what Meta's answer does to the message and, for some codes, to the sender.

const THROUGHPUT_CODE = 130429;
// 130429 episodes per sender in this process: 250 ms after the first (a second-long window that
// overflowed by a message is clear by then), doubling while episodes keep coming, up to 8 s.
// The calls already in flight when the sender backs off meet the same full window: they belong
// to the episode and do not make it longer.
const throughputEpisodes = new Map<string, { n: number; until: number }>();
function throughputBackoffMs(senderPhoneId: string): number {
  const now = Date.now();
  const last = throughputEpisodes.get(senderPhoneId);
  if (last && now < last.until + 500) return Math.max(0, last.until - now);
  const n = last && now - last.until < 10_000 ? last.n + 1 : 1;
  const ms = Math.min(8_000, 250 * 2 ** (n - 1));
  throughputEpisodes.set(senderPhoneId, { n, until: now + ms });
  return ms;
}

export type MessageOutcome = 'sent' | 'failed' | 'skipped' | 'requeued' | 'held' | 'unknown' | 'released';

export type SendSettings = {
  workerId: string;
  retryBaseMs: number;
  retryMaxMs: number;
  holdMs: number;
  senderPauseMs: number;
  /** DISPATCH_MAX_ATTEMPTS: no message is tried more often, whatever its own max_attempts. */
  maxAttempts: number;
};

export type SenderRow = NonNullable<ClaimedMessage['sender']>;

/** A claimed message that passed every check: what to send, from which sender. */
export type ReadyMessage = {
  claimed: ClaimedMessage;
  sender: SenderRow;
  creds: SenderCredentials;
  outbound: OutboundMessage;
  renderedBody: string;
};

/** What the sender's answer means for the sender's other messages (the engine reacts locally). */
export type SenderSignal = { senderPhoneId: string; blockedForMs: number; reason: string } | null;

export async function checkClaimedMessage(
  db: DbOrTx,
  claimed: ClaimedMessage,
  s: SendSettings,
): Promise<{ outcome: MessageOutcome } | { ready: ReadyMessage }> {
  const { message } = claimed;
  let sender = claimed.sender;
  if (sender?.status === 'paused' && claimed.isSenderPauseOver && (await resumeSenderIfPauseOver(db, sender))) {
    sender = { ...sender, status: 'active', statusReason: null, pausedUntil: null };
  }

  const plan = prepareMessage({
    ...claimed,
    sender,
    isInsideSendWindow: isInsideSendWindow(claimed.campaignSendWindow, claimed.timeZone),
    msUntilWindowCheck: msUntilNextHour(),
  });
  if (plan.action === 'skip' || plan.action === 'fail') {
    const status = plan.action === 'skip' ? 'skipped' : 'failed';
    const done = await finishWithoutSending(db, { id: message.id, workerId: s.workerId, status, reason: plan.reason });
    return { outcome: done ? status : 'released' };
  }
  if (plan.action === 'hold' || !sender) {
    const reason = plan.action === 'hold' ? plan.reason : 'no sender';
    const delayMs = (plan.action === 'hold' ? plan.delayMs : undefined) ?? s.holdMs;
    await holdMessage(db, { id: message.id, workerId: s.workerId, delayMs, reason });
    return { outcome: 'held' };
  }

  let creds: SenderCredentials;
  try {
    creds = credentialsFromRow(sender);
  } catch {
    await markSenderNeedsAttention(db, sender, 'the stored access token cannot be decrypted (was ENCRYPTION_KEY changed?)');
    await holdMessage(db, { id: message.id, workerId: s.workerId, delayMs: s.holdMs, reason: 'sender needs attention' });
    return { outcome: 'held' };
  }
  return { ready: { claimed, sender, creds, outbound: plan.outbound, renderedBody: plan.renderedBody } };
}

/**
 * Records a send that did not end in a plain success (successes are batched by the engine, but
 * a single one is accepted too). `attempt` is the attempt number the flip to `sending` gave.
 */
export async function recordSendResult(
  db: DbOrTx,
  ready: Pick<ReadyMessage, 'claimed' | 'sender'>,
  result: SendResult,
  attempt: number,
  s: SendSettings,
): Promise<{ outcome: MessageOutcome; signal: SenderSignal }> {
  const id = ready.claimed.message.id;
  const sender = ready.sender;
  const backoff = (minMs = 0) => retryDelayMs(attempt, { baseMs: s.retryBaseMs, maxMs: s.retryMaxMs, minMs });
  const requeued = (row: { status: string } | null): MessageOutcome => (row?.status === 'failed' ? 'failed' : 'requeued');
  const none = (outcome: MessageOutcome) => ({ outcome, signal: null });

  if (result.ok) {
    await recordSent(db, { id, providerMessageId: result.providerMessageId, waId: result.waId });
    return none('sent');
  }
  if (result.outcome === 'unknown') {
    await recordUnknown(db, { id, reason: `outcome unknown (${result.reason}): not re-sent automatically` });
    return none('unknown');
  }
  if (result.outcome === 'not_sent') {
    // Never reached Meta, so sending again cannot double it.
    return none(requeued(await recordRetry(db, { id, delayMs: backoff(), reason: `not sent: ${result.reason}`, enforceMaxAttempts: true, maxAttempts: s.maxAttempts })));
  }

  const { error, decision, retryAfterMs } = result;
  const errorInfo = { errorCode: error.code, errorTitle: error.message, errorReason: error.details ?? null };
  const codeText = `WhatsApp error ${error.code}`;
  switch (decision) {
    case 'retry':
    case 'retry_recipient_later': {
      // 131056 (pair limit) delays only this recipient: the sender keeps going.
      const row = await recordRetry(db, { id, delayMs: backoff(retryAfterMs), reason: `${codeText}: ${decision}`, enforceMaxAttempts: true, maxAttempts: s.maxAttempts, ...errorInfo });
      return none(requeued(row));
    }
    case 'backoff_sender': {
      // 130429 / 4 / 80007 are limits of the whole number: no worker gets a slot for it for a while.
      // The sender waits a minute after 4 / 80007 (Meta's hint); after a 130429 briefly, longer
      // each time it repeats (throughputBackoffMs). Not the message's exponential backoff.
      const blockedForMs = error.code === THROUGHPUT_CODE ? throughputBackoffMs(sender.id) : Math.max(retryAfterMs, 250);
      if (blockedForMs > 0) await backOffSender(db, sender.id, blockedForMs);
      log.warn('sender backing off', { senderPhoneId: sender.id, code: error.code, ms: blockedForMs });
      const row = await recordRetry(db, { id, delayMs: backoff(retryAfterMs), reason: `${codeText}: sender backing off`, enforceMaxAttempts: true, maxAttempts: s.maxAttempts, ...errorInfo });
      const signal = blockedForMs > 0 ? { senderPhoneId: sender.id, blockedForMs, reason: `${codeText}: sender backing off` } : null;
      return { outcome: requeued(row), signal };
    }
    case 'pause_sender': {
      const pauseMs = Math.max(retryAfterMs, s.senderPauseMs);
      await pauseSender(db, sender, `${codeText}: ${error.message}`, pauseMs);
      log.warn('sender paused by Meta', { senderPhoneId: sender.id, code: error.code, pauseMs });
      await recordRetry(db, { id, delayMs: pauseMs, reason: `${codeText}: sender paused`, enforceMaxAttempts: false, ...errorInfo });
      return { outcome: 'requeued', signal: { senderPhoneId: sender.id, blockedForMs: pauseMs, reason: `${codeText}: sender paused` } };
    }
    case 'token_invalid':
      await markSenderNeedsAttention(db, sender, `access token rejected (${codeText}): reconnect the number`);
      log.warn('sender access token rejected', { senderPhoneId: sender.id, code: error.code });
      await recordRetry(db, { id, delayMs: s.holdMs, reason: `${codeText}: sender needs attention`, enforceMaxAttempts: false, ...errorInfo });
      return { outcome: 'requeued', signal: { senderPhoneId: sender.id, blockedForMs: s.holdMs, reason: 'sender needs attention' } };
    case 'give_up':
      await recordFailed(db, { id, reason: `${codeText}: ${error.message}`, ...errorInfo });
      return none('failed');
  }
}
