import 'server-only';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { messageTemplates, whatsappTemplates, type NewMessageTemplate, type ParameterMapping } from '@/db/schema';
import { AppError, parseInput } from '@/lib/errors';
import { getFieldCoverage } from './get-field-coverage';
import { templateFormSchema } from './schema';
import { validateTemplate } from './validate-template';
import { templateTexts } from './whatsapp-template-params';

/**
 * Creates (no id) or updates a personalized message after the same checks the form runs live,
 * with fresh lead coverage. Warnings do not block; errors come back per form field.
 */
export async function saveTemplate(workspaceId: string, input: unknown): Promise<{ id: string }> {
  const values = parseInput(templateFormSchema, input);
  const db = await getDb();
  const wa =
    values.kind === 'whatsapp_template' && values.whatsappTemplateId
      ? (
          await db
            .select()
            .from(whatsappTemplates)
            .where(and(eq(whatsappTemplates.workspaceId, workspaceId), eq(whatsappTemplates.id, values.whatsappTemplateId)))
            .limit(1)
        )[0]
      : undefined;
  const coverage = await getFieldCoverage(workspaceId);
  const errors = validateTemplate(values, { coverage, whatsappTemplate: wa ? { ...wa, components: wa.components as Record<string, unknown>[] } : null }).filter((i) => i.severity === 'error');
  if (errors.length > 0) {
    const fields: Record<string, string> = {};
    for (const e of errors) fields[e.path] ??= e.message;
    throw new AppError('BAD_USER_INPUT', errors.length === 1 ? errors[0].message : `Please fix ${errors.length} problems first.`, { fields });
  }

  const row: Omit<NewMessageTemplate, 'workspaceId'> =
    values.kind === 'session_text'
      ? { name: values.name, kind: 'session_text', body: values.body, fallbacks: {}, whatsappTemplateId: null, waTemplateName: null, waLanguage: null, parameterMapping: [] }
      : {
          name: values.name,
          kind: 'whatsapp_template',
          // The template's own body, kept for previews and the message log.
          body: templateTexts((wa?.components ?? []) as Record<string, unknown>[]).body,
          fallbacks: {},
          whatsappTemplateId: wa!.id,
          waTemplateName: wa!.name,
          waLanguage: wa!.language,
          parameterMapping: values.parameterMapping.map(
            (m): ParameterMapping => ({
              component: m.component,
              index: m.index,
              name: m.name,
              source: m.source,
              ...(m.source === 'field' ? { field: m.field, fallback: m.fallback || undefined } : { value: m.value }),
            }),
          ),
        };

  if (!values.id) {
    const [created] = await db.insert(messageTemplates).values({ ...row, workspaceId }).returning({ id: messageTemplates.id });
    return created;
  }
  const [updated] = await db
    .update(messageTemplates)
    .set({ ...row, updatedAt: sql`now()` })
    .where(and(eq(messageTemplates.workspaceId, workspaceId), eq(messageTemplates.id, values.id), isNull(messageTemplates.archivedAt)))
    .returning({ id: messageTemplates.id });
  if (!updated) throw new AppError('NOT_FOUND', 'This message no longer exists.');
  return updated;
}
