import 'server-only';
import { and, asc, eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { whatsappTemplates } from '@/db/schema';

export type WhatsappTemplateRow = {
  id: string;
  wabaId: string;
  name: string;
  language: string;
  category: string | null;
  status: string;
  components: Record<string, unknown>[];
  syncedAt: Date;
};

/** The workspace's synced WhatsApp templates (optionally of one WABA), by name and language. */
export async function listWhatsappTemplates(workspaceId: string, opts: { wabaId?: string; approvedOnly?: boolean } = {}): Promise<WhatsappTemplateRow[]> {
  const db = await getDb();
  const rows = await db
    .select({
      id: whatsappTemplates.id,
      wabaId: whatsappTemplates.wabaId,
      name: whatsappTemplates.name,
      language: whatsappTemplates.language,
      category: whatsappTemplates.category,
      status: whatsappTemplates.status,
      components: whatsappTemplates.components,
      syncedAt: whatsappTemplates.syncedAt,
    })
    .from(whatsappTemplates)
    .where(
      and(
        eq(whatsappTemplates.workspaceId, workspaceId),
        ...(opts.wabaId ? [eq(whatsappTemplates.wabaId, opts.wabaId)] : []),
        ...(opts.approvedOnly ? [eq(whatsappTemplates.status, 'APPROVED')] : []),
      ),
    )
    .orderBy(asc(whatsappTemplates.name), asc(whatsappTemplates.language));
  return rows.map((r) => ({ ...r, components: (r.components ?? []) as Record<string, unknown>[] }));
}
