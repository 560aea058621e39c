import 'server-only';
import { and, count, desc, eq, isNotNull, sql } from 'drizzle-orm';
import { execRows, getDb } from '@/db/client';
import {
  campaigns,
  MESSAGE_STATUSES,
  messages,
  messageTemplates,
  senderPhones,
  type CampaignStatus,
  type CampaignTrigger,
  type MessageStatus,
  type SendWindow,
} from '@/db/schema';

export type CampaignListRow = {
  id: string;
  name: string;
  kind: 'automated' | 'broadcast';
  status: CampaignStatus;
  trigger: CampaignTrigger;
  delaySeconds: number;
  sendWindow: SendWindow | null;
  scheduledAt: Date | null;
  createdAt: Date;
  templateName: string | null;
  senderLabel: string | null;
  counts: Record<MessageStatus, number>;
  /** Leads who wrote to us after this campaign's message was sent to them. */
  replied: number;
};

/** A workspace's campaigns, newest first, each with how many of its messages are in each status. */
export async function listCampaigns(workspaceId: string): Promise<CampaignListRow[]> {
  const db = await getDb();
  const [rows, countRows, repliedRows] = await Promise.all([
    db
      .select({
        id: campaigns.id,
        name: campaigns.name,
        kind: campaigns.kind,
        status: campaigns.status,
        trigger: campaigns.trigger,
        delaySeconds: campaigns.delaySeconds,
        sendWindow: campaigns.sendWindow,
        scheduledAt: campaigns.scheduledAt,
        createdAt: campaigns.createdAt,
        templateName: messageTemplates.name,
        // The sender's label only: its credentials are never selected here.
        senderLabel: senderPhones.label,
      })
      .from(campaigns)
      .leftJoin(messageTemplates, and(eq(messageTemplates.id, campaigns.templateId), eq(messageTemplates.workspaceId, workspaceId)))
      .leftJoin(senderPhones, and(eq(senderPhones.id, campaigns.senderPhoneId), eq(senderPhones.workspaceId, workspaceId)))
      .where(eq(campaigns.workspaceId, workspaceId))
      .orderBy(desc(campaigns.createdAt), desc(campaigns.id)),
    db
      .select({ campaignId: messages.campaignId, status: messages.status, n: count() })
      .from(messages)
      .where(and(eq(messages.workspaceId, workspaceId), isNotNull(messages.campaignId)))
      .groupBy(messages.campaignId, messages.status),
    execRows<{ campaign_id: string; n: number }>(
      db,
      sql`select m.campaign_id, count(distinct m.lead_id)::int as n from messages m
           where m.workspace_id = ${workspaceId}::uuid and m.campaign_id is not null and m.sent_at is not null
             and exists (select 1 from inbound_messages i
                          where i.lead_id = m.lead_id and i.workspace_id = m.workspace_id and i.received_at > m.sent_at)
           group by m.campaign_id`,
    ),
  ]);
  const replied = new Map(repliedRows.map((r) => [r.campaign_id, Number(r.n)]));

  const byCampaign = new Map<string, Record<MessageStatus, number>>();
  for (const r of countRows) {
    if (!r.campaignId) continue;
    const counts = byCampaign.get(r.campaignId) ?? emptyCounts();
    counts[r.status] = Number(r.n);
    byCampaign.set(r.campaignId, counts);
  }
  return rows.map((r) => ({ ...r, counts: byCampaign.get(r.id) ?? emptyCounts(), replied: replied.get(r.id) ?? 0 }));
}

function emptyCounts(): Record<MessageStatus, number> {
  return Object.fromEntries(MESSAGE_STATUSES.map((s) => [s, 0])) as Record<MessageStatus, number>;
}
