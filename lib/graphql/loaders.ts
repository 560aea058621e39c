import 'server-only';
import DataLoader from 'dataloader';
import { and, asc, count, desc, eq, getTableColumns, inArray, lte, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import {
  appointments,
  inboundMessages,
  leads,
  leadTouchpoints,
  messageEvents,
  messages,
  type Appointment,
  type InboundMessage,
  type Lead,
  type LeadTouchpoint,
  type Message,
  type MessageEvent,
} from '@/db/schema';

// Per-request batching of every relation the API exposes: each loader answers all the keys a
// level of the query asked for in one statement, always inside the caller's workspace.

function groupBy<T, K>(rows: T[], key: (r: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = out.get(k);
    if (list) list.push(r);
    else out.set(k, [r]);
  }
  return out;
}

const byKeys = <T>(keys: readonly string[], groups: Map<string, T[]>) => keys.map((k) => groups.get(k) ?? []);

/** The newest `limit` rows per lead of a table, one statement (row_number over lead_id). */
async function newestPerLead<T extends { leadId: string }>(
  workspaceId: string,
  table: typeof messages | typeof inboundMessages,
  orderColumn: typeof messages.createdAt | typeof inboundMessages.receivedAt,
  leadIds: readonly string[],
  limit: number,
): Promise<Map<string, T[]>> {
  const db = await getDb();
  const inner = db
    .select({
      ...getTableColumns(table),
      rn: sql<number>`row_number() over (partition by ${table.leadId} order by ${orderColumn} desc, ${table.id} desc)`.as('rn'),
    })
    .from(table)
    .where(and(eq(table.workspaceId, workspaceId), inArray(table.leadId, [...leadIds])))
    .as('ranked');
  const rows = (await db.select().from(inner).where(lte(inner.rn, limit)).orderBy(asc(inner.rn))) as unknown as T[];
  return groupBy(rows, (r) => r.leadId);
}

async function countPerLead(workspaceId: string, table: typeof messages | typeof inboundMessages, leadIds: readonly string[]) {
  const db = await getDb();
  const rows = await db
    .select({ leadId: table.leadId, n: count() })
    .from(table)
    .where(and(eq(table.workspaceId, workspaceId), inArray(table.leadId, [...leadIds])))
    .groupBy(table.leadId);
  const map = new Map(rows.map((r) => [r.leadId, Number(r.n)]));
  return leadIds.map((id) => map.get(id) ?? 0);
}

export function createLoaders(workspaceId: string) {
  const perLimit = <T>(make: (limit: number) => DataLoader<string, T>) => {
    const cache = new Map<number, DataLoader<string, T>>();
    return (limit: number) => {
      let loader = cache.get(limit);
      if (!loader) cache.set(limit, (loader = make(limit)));
      return loader;
    };
  };

  return {
    lead: new DataLoader<string, Lead | null>(async (ids) => {
      const db = await getDb();
      const rows = await db.select().from(leads).where(and(eq(leads.workspaceId, workspaceId), inArray(leads.id, [...ids])));
      const map = new Map(rows.map((r) => [r.id, r]));
      return ids.map((id) => map.get(id) ?? null);
    }),
    touchpoints: new DataLoader<string, LeadTouchpoint[]>(async (leadIds) => {
      const db = await getDb();
      const rows = await db
        .select()
        .from(leadTouchpoints)
        .where(and(eq(leadTouchpoints.workspaceId, workspaceId), inArray(leadTouchpoints.leadId, [...leadIds])))
        .orderBy(asc(leadTouchpoints.createdAt), asc(leadTouchpoints.id));
      return byKeys(leadIds, groupBy(rows, (r) => r.leadId));
    }),
    lastMessage: new DataLoader<string, Message | null>(async (leadIds) => {
      const db = await getDb();
      const rows = await db
        .selectDistinctOn([messages.leadId])
        .from(messages)
        .where(and(eq(messages.workspaceId, workspaceId), inArray(messages.leadId, [...leadIds])))
        .orderBy(messages.leadId, desc(messages.createdAt), desc(messages.id));
      const map = new Map(rows.map((r) => [r.leadId, r]));
      return leadIds.map((id) => map.get(id) ?? null);
    }),
    messages: perLimit(
      (limit) =>
        new DataLoader<string, Message[]>(async (leadIds) =>
          byKeys(leadIds, await newestPerLead<Message>(workspaceId, messages, messages.createdAt, leadIds, limit)),
        ),
    ),
    inboundMessages: perLimit(
      (limit) =>
        new DataLoader<string, InboundMessage[]>(async (leadIds) =>
          byKeys(
            leadIds,
            await newestPerLead<InboundMessage>(workspaceId, inboundMessages, inboundMessages.receivedAt, leadIds, limit),
          ),
        ),
    ),
    messageCount: new DataLoader<string, number>(async (leadIds) => countPerLead(workspaceId, messages, leadIds)),
    inboundCount: new DataLoader<string, number>(async (leadIds) => countPerLead(workspaceId, inboundMessages, leadIds)),
    appointments: new DataLoader<string, Appointment[]>(async (leadIds) => {
      const db = await getDb();
      const rows = await db
        .select()
        .from(appointments)
        .where(and(eq(appointments.workspaceId, workspaceId), inArray(appointments.leadId, [...leadIds])))
        .orderBy(asc(appointments.startsAt));
      return byKeys(leadIds, groupBy(rows, (r) => r.leadId));
    }),
    messageEvents: new DataLoader<string, MessageEvent[]>(async (messageIds) => {
      const db = await getDb();
      const rows = await db
        .select()
        .from(messageEvents)
        .where(and(eq(messageEvents.workspaceId, workspaceId), inArray(messageEvents.messageId, [...messageIds])))
        .orderBy(asc(messageEvents.id));
      return byKeys(messageIds, groupBy(rows, (r) => r.messageId));
    }),
  };
}
export type Loaders = ReturnType<typeof createLoaders>;
