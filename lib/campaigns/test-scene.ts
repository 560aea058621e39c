import { sql } from 'drizzle-orm';
import { execRows, getDb } from '@/db/client';
import { createCampaign, createSenderPhone, createTemplate, createWorkspace } from '@/db/factories';
import type { NewCampaign, NewSenderPhone, NewWorkspace } from '@/db/schema';
import { EMPTY_SEGMENT, type Segment } from '@/lib/segments/schema';

// Shared by the campaign tests (never imported by app code): a workspace with a sender, a
// template and a draft broadcast, and a set-based way to make many leads at once.

export async function createBroadcastScene(
  opts: {
    segment?: Partial<Segment>;
    sender?: Partial<NewSenderPhone>;
    templateKind?: 'session_text' | 'whatsapp_template';
    workspace?: Partial<NewWorkspace>;
    campaign?: Partial<NewCampaign>;
  } = {},
) {
  const db = await getDb();
  const ws = await createWorkspace(db, { dailyRecipientCap: null, ...opts.workspace });
  const sender = await createSenderPhone(ws.id, { provider: 'sandbox', label: 'Main sender', ...opts.sender });
  const template =
    opts.templateKind === 'whatsapp_template'
      ? await createTemplate(ws.id, {
          kind: 'whatsapp_template',
          body: 'Hello {{1}}',
          waTemplateName: 'hello_v1',
          waLanguage: 'en_US',
          parameterMapping: [{ component: 'body', index: 1, source: 'field', field: 'first_name', fallback: 'there' }],
        })
      : await createTemplate(ws.id);
  const campaign = await createCampaign(ws.id, {
    kind: 'broadcast',
    status: 'draft',
    templateId: template.id,
    senderPhoneId: sender.id,
    segment: { ...EMPTY_SEGMENT, ...opts.segment },
    ...opts.campaign,
  });
  return { ws, sender, template, campaign };
}

/** n leads in one statement, phones +5511 9xxxx-xxxx from `firstNumber`, tagged as given. */
export async function insertLeads(
  workspaceId: string,
  n: number,
  opts: { firstNumber?: number; tags?: string[]; source?: string; optedOut?: boolean; lastInboundHoursAgo?: number } = {},
): Promise<void> {
  const db = await getDb();
  const first = opts.firstNumber ?? Math.floor(Math.random() * 80_000_000);
  await execRows(
    db,
    sql`insert into leads (workspace_id, phone_e164, name, source, tags, opted_out_at, last_inbound_at)
        select ${workspaceId}::uuid, '+55119' || lpad((${first}::int + g)::text, 8, '0'), 'Lead ' || g,
               ${opts.source ?? 'manual'}::text, array(select jsonb_array_elements_text(${JSON.stringify(opts.tags ?? [])}::jsonb)),
               ${opts.optedOut ? sql`now()` : sql`null`},
               ${opts.lastInboundHoursAgo === undefined ? sql`null` : sql`now() - ${opts.lastInboundHoursAgo}::int * interval '1 hour'`}
          from generate_series(1, ${n}::int) g`,
  );
}

/** A campaign's message counts by status (and skip reason). */
export async function campaignMessageCounts(campaignId: string) {
  const db = await getDb();
  const rows = await execRows<{ status: string; reason: string | null; n: number }>(
    db,
    sql`select status, status_reason as reason, count(*)::int as n from messages where campaign_id = ${campaignId}::uuid group by 1, 2`,
  );
  const byStatus: Record<string, number> = {};
  for (const r of rows) byStatus[r.status] = (byStatus[r.status] ?? 0) + Number(r.n);
  return { byStatus, rows: rows.map((r) => ({ ...r, n: Number(r.n) })), total: rows.reduce((a, r) => a + Number(r.n), 0) };
}
