import 'server-only';
import { and, desc, eq, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { queryParam } from '@/lib/validation/query-param';
import { campaigns, leads, MESSAGE_STATUSES, messages, messageTemplates, type MessageStatus } from '@/db/schema';

export const MESSAGE_LOG_LIMIT = 100;

/** The messages page's GET form; an unknown status shows everything rather than an error. */
export const messageLogQuerySchema = z.object({
  status: queryParam(z.enum(MESSAGE_STATUSES).optional()).catch(undefined),
});
export type MessageLogQuery = z.infer<typeof messageLogQuerySchema>;

export type MessageLogRow = {
  id: string;
  status: MessageStatus;
  statusReason: string | null;
  toPhone: string;
  body: string | null;
  kind: 'text' | 'template';
  errorCode: number | null;
  errorTitle: string | null;
  errorReason: string | null;
  attempts: number;
  createdAt: Date;
  sentAt: Date | null;
  lead: { id: string; name: string | null };
  templateName: string | null;
  campaignName: string | null;
};

/** The latest outbound messages of a workspace, newest first, optionally of one status. */
export async function listMessageLog(workspaceId: string, query: MessageLogQuery = {}): Promise<MessageLogRow[]> {
  const db = await getDb();
  const conditions: SQL[] = [eq(messages.workspaceId, workspaceId)];
  if (query.status) conditions.push(eq(messages.status, query.status));
  const rows = await db
    .select({
      id: messages.id,
      status: messages.status,
      statusReason: messages.statusReason,
      toPhone: messages.toPhone,
      body: messages.renderedBody,
      kind: messages.kind,
      errorCode: messages.errorCode,
      errorTitle: messages.errorTitle,
      errorReason: messages.errorReason,
      attempts: messages.attempts,
      createdAt: messages.createdAt,
      sentAt: messages.sentAt,
      leadId: leads.id,
      leadName: leads.name,
      templateName: messageTemplates.name,
      campaignName: campaigns.name,
    })
    .from(messages)
    .innerJoin(leads, and(eq(leads.id, messages.leadId), eq(leads.workspaceId, workspaceId)))
    .leftJoin(messageTemplates, and(eq(messageTemplates.id, messages.templateId), eq(messageTemplates.workspaceId, workspaceId)))
    .leftJoin(campaigns, and(eq(campaigns.id, messages.campaignId), eq(campaigns.workspaceId, workspaceId)))
    .where(and(...conditions))
    .orderBy(desc(messages.createdAt), desc(messages.id))
    .limit(MESSAGE_LOG_LIMIT);
  return rows.map(({ leadId, leadName, ...r }) => ({ ...r, lead: { id: leadId, name: leadName } }));
}
