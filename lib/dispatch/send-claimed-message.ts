import 'server-only';
import type { DbOrTx } from '@/db/client';
import { log } from '@/lib/log/logger';
import { sendMessage } from '@/lib/whatsapp/send-message';
import { credentialsFromRow } from '@/lib/whatsapp/sender-credentials';
import type { SendResult, SenderCredentials } from '@/lib/whatsapp/types';
import { acquireSendSlot } from './acquire-send-slot';
import { retryDelayMs } from './backoff';
import type { ClaimedMessage } from './load-claimed-messages';
import {
  finishWithoutSending,
  holdMessage,
  markSending,
  recordFailed,
  recordRetry,
  recordSent,
  recordUnknown,
} from './message-transitions';
import { prepareMessage } from './prepare-message';
import { isInsideSendWindow, msUntilNextHour } from './send-window';
import { markSenderNeedsAttention, pauseSender, resumeSenderIfPauseOver } from './update-sender-status';

export type MessageOutcome = 'sent' | 'failed' | 'skipped' | 'requeued' | 'held' | 'unknown' | 'released';

export type SendSettings = {
  workerId: string;
  /** Lease while `sending`: must outlive the API timeout, or the reaper would call it unknown. */
  sendingLeaseMs: number;
  apiTimeoutMs: number;
  retryBaseMs: number;
  retryMaxMs: number;
  holdMs: number;
  senderPauseMs: number;
  /** Longest wait for a rate-limit slot before giving the claim back. */
  maxSlotWaitMs: number;
  signal?: AbortSignal;
};

/** Checks, renders and sends one message this worker has claimed, and records what happened. */
export async function sendClaimedMessage(db: DbOrTx, claimed: ClaimedMessage, s: SendSettings): Promise<MessageOutcome> {
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
    return (await finishWithoutSending(db, { id: message.id, workerId: s.workerId, status, reason: plan.reason }))
      ? status
      : 'released';
  }
  if (plan.action === 'hold' || !sender) {
    const reason = plan.action === 'hold' ? plan.reason : 'no sender';
    const delayMs = (plan.action === 'hold' ? plan.delayMs : undefined) ?? s.holdMs;
    await holdMessage(db, { id: message.id, workerId: s.workerId, delayMs, reason });
    return 'held';
  }

  let creds: SenderCredentials;
  try {
    creds = credentialsFromRow(sender);
  } catch {
    await markSenderNeedsAttention(db, sender, 'the stored access token cannot be decrypted (was ENCRYPTION_KEY changed?)');
    await holdMessage(db, { id: message.id, workerId: s.workerId, delayMs: s.holdMs, reason: 'sender needs attention' });
    return 'held';
  }

  if (!(await acquireSendSlot(db, sender.id, sender.rateLimitPerSecond, { maxWaitMs: s.maxSlotWaitMs, signal: s.signal }))) {
    return 'released';
  }
  // The point of no return: only the lease owner of a still-queued row gets past this line.
  const sending = await markSending(db, {
    id: message.id,
    workerId: s.workerId,
    renderedBody: plan.renderedBody,
    leaseMs: s.sendingLeaseMs,
  });
  if (!sending) return 'released';

  let result: SendResult;
  try {
    result = await sendMessage(creds, plan.outbound, { timeoutMs: s.apiTimeoutMs });
  } catch (err) {
    // A bug or an unexpected throw after the request may have gone out: treat it as unknown.
    result = { ok: false, outcome: 'unknown', reason: `client error: ${err instanceof Error ? err.message : String(err)}` };
  }
  return recordSendResult(db, claimed, sender, result, sending.attempts, s);
}

async function recordSendResult(
  db: DbOrTx,
  claimed: ClaimedMessage,
  sender: NonNullable<ClaimedMessage['sender']>,
  result: SendResult,
  attempt: number,
  s: SendSettings,
): Promise<MessageOutcome> {
  const id = claimed.message.id;
  const backoff = (minMs = 0) => retryDelayMs(attempt, { baseMs: s.retryBaseMs, maxMs: s.retryMaxMs, minMs });
  const requeued = (row: { status: string } | null): MessageOutcome => (row?.status === 'failed' ? 'failed' : 'requeued');

  if (result.ok) {
    await recordSent(db, { id, providerMessageId: result.providerMessageId, waId: result.waId });
    return 'sent';
  }
  if (result.outcome === 'unknown') {
    await recordUnknown(db, { id, reason: `outcome unknown (${result.reason}): not re-sent automatically` });
    return 'unknown';
  }
  if (result.outcome === 'not_sent') {
    // Never reached Meta, so sending again cannot double it.
    return requeued(await recordRetry(db, { id, delayMs: backoff(), reason: `not sent: ${result.reason}`, enforceMaxAttempts: true }));
  }

  const { error, decision, retryAfterMs } = result;
  const errorInfo = { errorCode: error.code, errorTitle: error.message, errorReason: error.details ?? null };
  const codeText = `WhatsApp error ${error.code}`;
  switch (decision) {
    case 'retry':
    case 'backoff_sender':
    case 'retry_recipient_later':
      return requeued(
        await recordRetry(db, { id, delayMs: backoff(retryAfterMs), reason: `${codeText}: ${decision}`, enforceMaxAttempts: true, ...errorInfo }),
      );
    case 'pause_sender': {
      const pauseMs = Math.max(retryAfterMs, s.senderPauseMs);
      await pauseSender(db, sender, `${codeText}: ${error.message}`, pauseMs);
      log.warn('sender paused by Meta', { senderPhoneId: sender.id, code: error.code, pauseMs });
      await recordRetry(db, { id, delayMs: pauseMs, reason: `${codeText}: sender paused`, enforceMaxAttempts: false, ...errorInfo });
      return 'requeued';
    }
    case 'token_invalid':
      await markSenderNeedsAttention(db, sender, `access token rejected (${codeText}): reconnect the number`);
      log.warn('sender access token rejected', { senderPhoneId: sender.id, code: error.code });
      await recordRetry(db, { id, delayMs: s.holdMs, reason: `${codeText}: sender needs attention`, enforceMaxAttempts: false, ...errorInfo });
      return 'requeued';
    case 'give_up':
      await recordFailed(db, { id, reason: `${codeText}: ${error.message}`, ...errorInfo });
      return 'failed';
  }
}
