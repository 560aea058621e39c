import 'server-only';
import { getDb } from '@/db/client';
import { markSenderNeedsAttention } from '@/lib/dispatch/update-sender-status';
import { AppError } from '@/lib/errors';
import { log } from '@/lib/log/logger';
import { loadSenderCredentials } from '@/lib/whatsapp/sender-credentials';
import type { SenderCredentials } from '@/lib/whatsapp/types';
import type { ExplainedFailure } from './explain-graph-failure';

/**
 * The sender's decrypted credentials, or a failure the admin can act on when the stored
 * ciphertext no longer opens (ENCRYPTION_KEY changed): the sender then needs attention.
 */
export async function loadCredentialsOrFlag(
  workspaceId: string,
  id: string,
): Promise<{ ok: true; creds: SenderCredentials } | { ok: false; failure: ExplainedFailure }> {
  try {
    return { ok: true, creds: await loadSenderCredentials(workspaceId, id) };
  } catch (err) {
    if (err instanceof AppError) throw err;
    // Only the error name: a crypto error never holds the plaintext, but we keep logs minimal.
    log.warn('sender credentials could not be decrypted', { senderPhoneId: id, error: (err as Error)?.name });
    const reason = 'The stored access token cannot be decrypted (was ENCRYPTION_KEY changed?). Replace the token and app secret.';
    await markSenderNeedsAttention(await getDb(), { id, workspaceId }, reason);
    return { ok: false, failure: { kind: 'token', summary: 'The stored access token cannot be read', code: null, detail: 'decryption failed', explanation: reason } };
  }
}
