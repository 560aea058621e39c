import 'server-only';
import { and, count, desc, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { appointments, inboundMessages, leads, messages, type Appointment, type InboundMessage, type Message } from '@/db/schema';
import { leadFilterWhere } from '@/lib/leads/lead-where';
import type { LeadFilter } from '@/lib/leads/lead-filters';
import { AppError } from '@/lib/errors';
import { toConnection, type Connection } from './relay';
import { isId } from '@/lib/validation/strict-values';

// The API's own reads where no admin page has one yet (messages by lead or campaign,
// inbound messages, appointments): keyset pages newest first, the cursor is the last row's id
// and the position is read back from the row itself (microsecond-exact, workspace-scoped).

type Keyed = typeof messages | typeof inboundMessages | typeof appointments;

async function keysetPage<T extends { id: string }>(
  table: Keyed,
  orderColumn: typeof messages.createdAt | typeof inboundMessages.receivedAt | typeof appointments.startsAt,
  workspaceId: string,
  conditions: (SQL | undefined)[],
  first: number,
  after: string | null | undefined,
): Promise<Connection<T>> {
  const db = await getDb();
  const where = and(eq(table.workspaceId, workspaceId), ...conditions)!;
  const page: SQL[] = [];
  if (after) {
    if (!isId(after)) throw new AppError('BAD_USER_INPUT', 'This cursor is not valid here.', { fields: { after: 'Invalid cursor' } });
    page.push(
      sql`(${orderColumn}, ${table.id}) < (select c.o, c.id from (select ${orderColumn} as o, ${table.id} as id from ${table} where ${table.workspaceId} = ${workspaceId} and ${table.id} = ${after}) c)`,
    );
  }
  const rows = (await db
    .select()
    .from(table)
    .where(and(where, ...page))
    .orderBy(desc(orderColumn), desc(table.id))
    .limit(first + 1)) as unknown as T[];
  return toConnection(rows, first, {
    cursorOf: (node) => node.id,
    hasPreviousPage: Boolean(after),
    totalCount: async () => Number((await db.select({ n: count() }).from(table).where(where))[0]?.n ?? 0),
  });
}

export type MessageFilter = { leadId?: string; campaignId?: string; status?: Message['status']; since?: Date };
export function listMessagesPage(workspaceId: string, f: MessageFilter, first: number, after?: string | null) {
  return keysetPage<Message>(messages, messages.createdAt, workspaceId, [
    f.leadId ? eq(messages.leadId, f.leadId) : undefined,
    f.campaignId ? eq(messages.campaignId, f.campaignId) : undefined,
    f.status ? eq(messages.status, f.status) : undefined,
    f.since ? gte(messages.createdAt, f.since) : undefined,
  ], first, after);
}

export type InboundFilter = { leadId?: string; since?: Date };
export function listInboundPage(workspaceId: string, f: InboundFilter, first: number, after?: string | null) {
  return keysetPage<InboundMessage>(inboundMessages, inboundMessages.receivedAt, workspaceId, [
    f.leadId ? eq(inboundMessages.leadId, f.leadId) : undefined,
    f.since ? gte(inboundMessages.receivedAt, f.since) : undefined,
  ], first, after);
}

export type AppointmentFilter = { leadId?: string; status?: Appointment['status']; from?: Date; to?: Date };
export function listAppointmentsPage(workspaceId: string, f: AppointmentFilter, first: number, after?: string | null) {
  return keysetPage<Appointment>(appointments, appointments.startsAt, workspaceId, [
    f.leadId ? eq(appointments.leadId, f.leadId) : undefined,
    f.status ? eq(appointments.status, f.status) : undefined,
    f.from ? gte(appointments.startsAt, f.from) : undefined,
    f.to ? lt(appointments.startsAt, f.to) : undefined,
  ], first, after);
}

export type ApiLeadExtras = { tags?: string[]; createdAfter?: Date; createdBefore?: Date; landingPageId?: string; campaignId?: string };

/** What the leads page's filter cannot say, as one more condition for listLeads. */
export function leadExtrasWhere(workspaceId: string, x: ApiLeadExtras): SQL | undefined {
  const c: SQL[] = [];
  if (x.tags?.length) c.push(sql`${leads.tags} @> ${sql`array[${sql.join(x.tags.map((t) => sql`${t}`), sql`, `)}]::text[]`}`);
  if (x.createdAfter) c.push(gte(leads.createdAt, x.createdAfter));
  if (x.createdBefore) c.push(lt(leads.createdAt, x.createdBefore));
  if (x.landingPageId) {
    c.push(sql`exists (select 1 from lead_touchpoints t where t.lead_id = ${leads.id} and t.workspace_id = ${workspaceId} and t.landing_page_id = ${x.landingPageId})`);
  }
  if (x.campaignId) {
    c.push(sql`exists (select 1 from messages m where m.lead_id = ${leads.id} and m.workspace_id = ${workspaceId} and m.campaign_id = ${x.campaignId})`);
  }
  return c.length ? and(...c) : undefined;
}

export async function countLeadsWhere(workspaceId: string, f: LeadFilter, extra: SQL | undefined): Promise<number> {
  const db = await getDb();
  const [row] = await db.select({ n: count() }).from(leads).where(and(leadFilterWhere(workspaceId, f), extra));
  return Number(row?.n ?? 0);
}

export async function findLeadByPhone(workspaceId: string, phoneE164: string) {
  const db = await getDb();
  const [lead] = await db.select().from(leads).where(and(eq(leads.workspaceId, workspaceId), eq(leads.phoneE164, phoneE164)));
  return lead ?? null;
}
