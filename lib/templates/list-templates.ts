import 'server-only';
import { and, asc, eq, isNull } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { messageTemplates, type TemplateKind } from '@/db/schema';

export type TemplateListRow = {
  id: string;
  name: string;
  kind: TemplateKind;
  body: string;
  waTemplateName: string | null;
  waLanguage: string | null;
  updatedAt: Date;
};

/** A workspace's message templates that are not archived, by name. */
export async function listTemplates(workspaceId: string): Promise<TemplateListRow[]> {
  const db = await getDb();
  return db
    .select({
      id: messageTemplates.id,
      name: messageTemplates.name,
      kind: messageTemplates.kind,
      body: messageTemplates.body,
      waTemplateName: messageTemplates.waTemplateName,
      waLanguage: messageTemplates.waLanguage,
      updatedAt: messageTemplates.updatedAt,
    })
    .from(messageTemplates)
    .where(and(eq(messageTemplates.workspaceId, workspaceId), isNull(messageTemplates.archivedAt)))
    .orderBy(asc(messageTemplates.name));
}
