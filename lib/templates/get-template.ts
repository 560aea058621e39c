import 'server-only';
import { and, eq, isNull } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { messageTemplates, whatsappTemplates } from '@/db/schema';
import { AppError } from '@/lib/errors';
import type { TemplateFormInput } from './schema';

/**
 * The editor keeps fallbacks inline ({{first_name|there}}); a fallback map stored by older rows
 * becomes inline so saving from the editor loses nothing.
 */
export function inlineFallbacks(body: string, fallbacks: Record<string, string>): string {
  return body.replace(/\{\{\s*([a-zA-Z_][\w.]*)\s*\}\}/g, (all, field: string) =>
    fallbacks[field] !== undefined && !/[|}]/.test(fallbacks[field]) ? `{{${field}|${fallbacks[field]}}}` : all,
  );
}

/** A personalized message as the edit form wants it. */
export async function getTemplate(workspaceId: string, id: string): Promise<TemplateFormInput & { id: string }> {
  const db = await getDb();
  const [t] = await db
    .select()
    .from(messageTemplates)
    .where(and(eq(messageTemplates.workspaceId, workspaceId), eq(messageTemplates.id, id), isNull(messageTemplates.archivedAt)))
    .limit(1);
  if (!t) throw new AppError('NOT_FOUND', 'This message does not exist in this workspace.');
  // Rows made elsewhere (seed, API) may name the WhatsApp template without linking the synced row.
  let whatsappTemplateId = t.whatsappTemplateId;
  if (!whatsappTemplateId && t.waTemplateName && t.waLanguage) {
    const [synced] = await db
      .select({ id: whatsappTemplates.id })
      .from(whatsappTemplates)
      .where(and(eq(whatsappTemplates.workspaceId, workspaceId), eq(whatsappTemplates.name, t.waTemplateName), eq(whatsappTemplates.language, t.waLanguage)))
      .limit(1);
    whatsappTemplateId = synced?.id ?? null;
  }
  return {
    id: t.id,
    name: t.name,
    kind: t.kind,
    body: t.kind === 'session_text' ? inlineFallbacks(t.body, t.fallbacks ?? {}) : '',
    whatsappTemplateId: whatsappTemplateId ?? '',
    parameterMapping: (t.parameterMapping ?? []).map((m) => ({
      component: m.component,
      index: m.index,
      name: m.name,
      source: m.source,
      field: m.field ?? '',
      value: m.value ?? '',
      fallback: m.fallback ?? '',
    })),
  };
}
