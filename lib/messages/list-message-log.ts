import 'server-only';
import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { lenientShape, queryParam } from '@/lib/validation/query-param';
import { daySchema, idSchema, textSchema } from '@/lib/validation/strict-values';
import { campaigns, leads, MESSAGE_STATUSES, messages, messageTemplates, senderPhones, type MessageStatus } from '@/db/schema';

export const MESSAGE_LOG_LIMIT = 100;

/** Each filter of the message log, strictly (dates are calendar days in the workspace time zone). */
export const messageLogQueryShape = {
  status: queryParam(z.enum(MESSAGE_STATUSES, { error: 'Not a message status' }).optional()),
  reason: queryParam(textSchema(100).trim().min(1).optional()),
  campaign: queryParam(idSchema.optional()),
  sender: queryParam(idSchema.optional()),
  from: queryParam(daySchema.optional()),
  to: queryParam(daySchema.optional()),
};

/**
 * The message log's GET form. A malformed filter in the URL is dropped (shows more, and the
 * page says which) rather than turned into an error page.
 */
export const messageLogQuerySchema = z.object(lenientShape(messageLogQueryShape));
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
  nextAttemptAt: Date;
  lead: { id: string; name: string | null };
  templateName: string | null;
  campaignId: string | null;
  campaignName: string | null;
  senderLabel: string | null;
};

/** The latest outbound messages of a workspace, newest first, narrowed by the filters given. */
export async function listMessageLog(
  workspaceId: string,
  query: MessageLogQuery = {},
  opts: { timeZone?: string } = {},
): Promise<MessageLogRow[]> {
  const db = await getDb();
  const tz = opts.timeZone ?? 'UTC';
  const conditions: SQL[] = [eq(messages.workspaceId, workspaceId)];
  if (query.status) conditions.push(eq(messages.status, query.status));
  if (query.reason) {
    const needle = query.reason.toLowerCase();
    conditions.push(
      sql`(strpos(lower(coalesce(${messages.statusReason}, '')), ${needle}::text) > 0
           or strpos(lower(coalesce(${messages.errorReason}, '')), ${needle}::text) > 0
           or strpos(lower(coalesce(${messages.errorTitle}, '')), ${needle}::text) > 0
           or ${messages.errorCode}::text = ${needle}::text)`,
    );
  }
  if (query.campaign) conditions.push(eq(messages.campaignId, query.campaign));
  if (query.sender) conditions.push(eq(messages.senderPhoneId, query.sender));
  if (query.from) conditions.push(sql`${messages.createdAt} >= (${query.from}::date)::timestamp at time zone ${tz}::text`);
  if (query.to) conditions.push(sql`${messages.createdAt} < (${query.to}::date + 1)::timestamp at time zone ${tz}::text`);
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
      nextAttemptAt: messages.nextAttemptAt,
      leadId: leads.id,
      leadName: leads.name,
      templateName: messageTemplates.name,
      campaignId: messages.campaignId,
      campaignName: campaigns.name,
      senderLabel: senderPhones.label,
    })
    .from(messages)
    .innerJoin(leads, and(eq(leads.id, messages.leadId), eq(leads.workspaceId, workspaceId)))
    .leftJoin(messageTemplates, and(eq(messageTemplates.id, messages.templateId), eq(messageTemplates.workspaceId, workspaceId)))
    .leftJoin(campaigns, and(eq(campaigns.id, messages.campaignId), eq(campaigns.workspaceId, workspaceId)))
    .leftJoin(senderPhones, and(eq(senderPhones.id, messages.senderPhoneId), eq(senderPhones.workspaceId, workspaceId)))
    .where(and(...conditions))
    .orderBy(desc(messages.createdAt), desc(messages.id))
    .limit(MESSAGE_LOG_LIMIT);
  return rows.map(({ leadId, leadName, ...r }) => ({ ...r, lead: { id: leadId, name: leadName } }));
}
