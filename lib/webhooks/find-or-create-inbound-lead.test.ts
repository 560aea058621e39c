import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { createLead, createWorkspace } from '@/db/factories';
import { leads } from '@/db/schema';
import { findOrCreateInboundLead } from './find-or-create-inbound-lead';

// One lead per WhatsApp user: the lookup and the insert are one statement, and callers that race
// for a new number all get the one lead, exactly one of them told it was created.

describe('findOrCreateInboundLead', () => {
  it('creates a lead for a new number once, even when ten calls race for it', async () => {
    const db = await getDb();
    const ws = await createWorkspace();
    const waId = `5511${String(900000000 + Math.floor(Math.random() * 99999999))}`;
    const results = await Promise.all(Array.from({ length: 10 }, () => findOrCreateInboundLead(db, { workspaceId: ws.id, waId, profileName: 'Rita' })));
    expect(new Set(results.map((r) => r.id)).size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    const rows = await db.select().from(leads).where(and(eq(leads.workspaceId, ws.id), eq(leads.waId, waId)));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ name: 'Rita', source: 'whatsapp', phoneE164: `+${waId}` });
  });

  it('finds an existing lead by phone without creating one', async () => {
    const db = await getDb();
    const ws = await createWorkspace();
    const lead = await createLead(ws.id);
    const r = await findOrCreateInboundLead(db, { workspaceId: ws.id, waId: lead.phoneE164.slice(1) });
    expect(r).toEqual({ id: lead.id, created: false });
    expect(await db.select({ id: leads.id }).from(leads).where(eq(leads.workspaceId, ws.id))).toHaveLength(1);
  });
});
