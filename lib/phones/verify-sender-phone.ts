import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { senderPhones } from '@/db/schema';
import { markSenderNeedsAttention } from '@/lib/dispatch/update-sender-status';
import { parseInput } from '@/lib/errors';
import { getPhoneDetails } from '@/lib/whatsapp/get-phone-details';
import type { PhoneDetails } from '@/lib/whatsapp/types';
import { explainGraphFailure, isDefinitiveFailure, type ExplainedFailure } from './explain-graph-failure';
import { loadCredentialsOrFlag } from './load-credentials-or-flag';
import { senderPhoneIdSchema } from './schema';

export type VerifyResult = { ok: true; details: PhoneDetails } | { ok: false; failure: ExplainedFailure };

/**
 * "Verify connection": asks Meta for the number's details with the stored token. Success
 * refreshes what we show and ends a needs-attention state. A rejection that will not pass by
 * itself (wrong token, wrong id, missing permission) marks the sender as needing attention, which
 * stops the dispatcher and keeps it out of the campaign form; a network error or a rate limit
 * is shown but changes nothing, as it says nothing about the phone's details.
 */
export async function verifySenderPhone(workspaceId: string, input: unknown): Promise<VerifyResult> {
  const { id } = parseInput(senderPhoneIdSchema, input);
  const db = await getDb();
  const loaded = await loadCredentialsOrFlag(workspaceId, id);
  if (!loaded.ok) return loaded;
  const result = await getPhoneDetails(loaded.creds);
  const where = and(eq(senderPhones.workspaceId, workspaceId), eq(senderPhones.id, id));

  if (result.ok) {
    const d = result.data;
    await db
      .update(senderPhones)
      .set({
        displayPhoneNumber: d.displayPhoneNumber ?? null,
        verifiedName: d.verifiedName ?? null,
        qualityRating: d.qualityRating ?? null,
        verification: { ok: true, throughputLevel: d.throughputLevel ?? null, status: d.status ?? null },
        lastVerifiedAt: sql`now()`,
        updatedAt: sql`now()`,
        // A working token ends "needs attention"; a pause (Meta's spam/policy flags) is left to expire.
        status: sql`case when ${senderPhones.status} = 'needs_attention' then 'active' else ${senderPhones.status} end`,
        statusReason: sql`case when ${senderPhones.status} = 'needs_attention' then null else ${senderPhones.statusReason} end`,
      })
      .where(where);
    return { ok: true, details: d };
  }

  const failure = explainGraphFailure(result);
  await db
    .update(senderPhones)
    .set({
      verification: { ok: false, kind: failure.kind, summary: failure.summary, code: failure.code, detail: failure.detail },
      lastVerifiedAt: sql`now()`,
      updatedAt: sql`now()`,
    })
    .where(where);
  if ((result.outcome === 'rejected' && result.decision === 'token_invalid') || isDefinitiveFailure(failure.kind ?? 'other')) {
    await markSenderNeedsAttention(db, { id, workspaceId }, `${failure.summary}${failure.code === null ? '' : ` (code ${failure.code})`}. ${failure.explanation}`);
  }
  return { ok: false, failure };
}
