import 'server-only';
import { and, desc, eq, ilike, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { leads } from '@/db/schema';
import { parseInput } from '@/lib/errors';

export type PreviewLead = {
  id: string;
  name: string | null;
  email: string | null;
  phoneE164: string;
  attributes: Record<string, string>;
};

const schema = z.object({ q: z.string().trim().max(100).default('') });
const LIMIT = 10;

/** Leads to preview a message with: matching name, email or phone digits, newest first. */
export async function searchPreviewLeads(workspaceId: string, input: unknown): Promise<PreviewLead[]> {
  const { q } = parseInput(schema, input);
  const db = await getDb();
  const digits = q.replace(/\D/g, '');
  const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const match = q
    ? or(ilike(leads.name, like), ilike(leads.email, like), ...(digits.length >= 3 ? [sql`${leads.phoneE164} like ${`%${digits}%`}`] : []))
    : undefined;
  const rows = await db
    .select({ id: leads.id, name: leads.name, email: leads.email, phoneE164: leads.phoneE164, attributes: leads.attributes })
    .from(leads)
    .where(and(eq(leads.workspaceId, workspaceId), match))
    .orderBy(desc(leads.createdAt), desc(leads.id))
    .limit(LIMIT);
  return rows.map((r) => ({ ...r, attributes: r.attributes ?? {} }));
}
