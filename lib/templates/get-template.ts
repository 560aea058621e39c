import 'server-only';
import { and, eq, isNull } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { messageTemplates } from '@/db/schema';
import { AppError } from '@/lib/errors';
import type { TemplateFormInput } from './schema';

/** A personalized message as the edit form wants it. */
export async function getTemplate(workspaceId: string, id: string): Promise<TemplateFormInput & { id: string }> {
  const db = await getDb();
  const [t] = await db
    .select()
    .from(messageTemplates)
    .where(and(eq(messageTemplates.workspaceId, workspaceId), eq(messageTemplates.id, id), isNull(messageTemplates.archivedAt)))
    .limit(1);
  if (!t) throw new AppError('NOT_FOUND', 'This message does not exist in this workspace.');
  return {
    id: t.id,
    name: t.name,
    kind: t.kind,
    body: t.kind === 'session_text' ? t.body : '',
    whatsappTemplateId: t.whatsappTemplateId ?? '',
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
