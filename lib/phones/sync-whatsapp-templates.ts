import 'server-only';
import { and, eq, notInArray, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { whatsappTemplates } from '@/db/schema';
import { markSenderNeedsAttention } from '@/lib/dispatch/update-sender-status';
import { parseInput } from '@/lib/errors';
import { listMessageTemplates } from '@/lib/whatsapp/list-message-templates';
import { explainGraphFailure, type ExplainedFailure } from './explain-graph-failure';
import { loadCredentialsOrFlag } from './load-credentials-or-flag';
import { senderPhoneIdSchema } from './schema';

export type SyncResult = { ok: true; total: number; approved: number; removed: number } | { ok: false; failure: ExplainedFailure };

/** Meta no longer lists it: it was deleted in WhatsApp Manager. Kept so mapped messages explain themselves. */
export const DELETED_TEMPLATE_STATUS = 'DELETED';

/**
 * "Sync templates": reads every page of the phone's WABA templates and upserts them by
 * (workspace, WABA, name, language). Templates Meta no longer lists are marked DELETED rather
 * than removed, so personalized messages mapped to them say why they cannot be sent.
 */
export async function syncWhatsappTemplates(workspaceId: string, input: unknown): Promise<SyncResult> {
  const { id } = parseInput(senderPhoneIdSchema, input);
  const loaded = await loadCredentialsOrFlag(workspaceId, id);
  if (!loaded.ok) return loaded;
  const { creds } = loaded;
  const result = await listMessageTemplates(creds);
  const db = await getDb();
  if (!result.ok) {
    const failure = explainGraphFailure(result);
    if (result.outcome === 'rejected' && result.decision === 'token_invalid') {
      await markSenderNeedsAttention(db, { id, workspaceId }, `Meta rejected the access token (code ${failure.code}): ${failure.detail}`);
    }
    return { ok: false, failure };
  }

  return db.transaction(async (tx) => {
    const kept: string[] = [];
    for (const t of result.data) {
      const [row] = await tx
        .insert(whatsappTemplates)
        .values({
          workspaceId,
          wabaId: creds.wabaId,
          providerTemplateId: t.id ?? null,
          name: t.name,
          language: t.language,
          category: t.category ?? null,
          status: t.status,
          components: t.components,
        })
        .onConflictDoUpdate({
          target: [whatsappTemplates.workspaceId, whatsappTemplates.wabaId, whatsappTemplates.name, whatsappTemplates.language],
          set: {
            providerTemplateId: t.id ?? null,
            category: t.category ?? null,
            status: t.status,
            components: t.components,
            syncedAt: sql`now()`,
          },
        })
        .returning({ id: whatsappTemplates.id });
      kept.push(row.id);
    }
    const gone = await tx
      .update(whatsappTemplates)
      .set({ status: DELETED_TEMPLATE_STATUS, syncedAt: sql`now()` })
      .where(
        and(
          eq(whatsappTemplates.workspaceId, workspaceId),
          eq(whatsappTemplates.wabaId, creds.wabaId),
          sql`${whatsappTemplates.status} <> ${DELETED_TEMPLATE_STATUS}`,
          ...(kept.length > 0 ? [notInArray(whatsappTemplates.id, kept)] : []),
        ),
      )
      .returning({ id: whatsappTemplates.id });
    return {
      ok: true as const,
      total: result.data.length,
      approved: result.data.filter((t) => t.status === 'APPROVED').length,
      removed: gone.length,
    };
  });
}
