import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { createCampaign, createSenderPhone, createTemplate, createWorkspace } from '@/db/factories';
import { landingPages, leads, leadTouchpoints, messages } from '@/db/schema';
import { captureLead } from './capture-lead';

async function setup() {
  const db = await getDb();
  const ws = await createWorkspace();
  const phone = await createSenderPhone(ws.id);
  const tpl = await createTemplate(ws.id);
  const [lp] = await db
    .insert(landingPages)
    .values({ workspaceId: ws.id, slug: `lp-${ws.slug}`, title: 't', headline: 'h', consentText: 'ok', fields: [] })
    .returning();
  const campaign = await createCampaign(ws.id, {
    templateId: tpl.id,
    senderPhoneId: phone.id,
    trigger: { sources: [], landingPageIds: [lp.id], tags: [], onImport: false },
  });
  return { db, ws, lp, campaign };
}

describe('captureLead', () => {
  it('stores one lead and one queued message; a second capture adds only a touchpoint', async () => {
    const { db, ws, lp, campaign } = await setup();
    const input = {
      workspaceId: ws.id,
      phoneE164: '+5511987650001',
      source: 'landing_page' as const,
      name: 'Ana',
      touchpoint: { landingPageId: lp.id, utm: { source: 'instagram' } },
    };
    const first = await captureLead(input);
    const second = await captureLead({ ...input, name: 'Another Name', email: 'ana@example.com' });

    expect(first.isNew).toBe(true);
    expect(second.isNew).toBe(false);
    expect(first.queuedMessageIds).toHaveLength(1);
    expect(second.queuedMessageIds).toHaveLength(0);
    const rows = await db.select().from(leads).where(eq(leads.workspaceId, ws.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ name: 'Ana', email: 'ana@example.com' }); // empty fields filled, names kept
    const tps = await db.select().from(leadTouchpoints).where(eq(leadTouchpoints.leadId, rows[0].id));
    expect(tps).toHaveLength(2);
    const msgs = await db.select().from(messages).where(eq(messages.leadId, rows[0].id));
    expect(msgs).toEqual([expect.objectContaining({ campaignId: campaign.id, status: 'queued', toPhone: '+5511987650001' })]);
  });

  it('queues nothing for a campaign whose trigger does not match, or for another workspace', async () => {
    const { db, ws } = await setup();
    const other = await setup();
    const r = await captureLead({ workspaceId: ws.id, phoneE164: '+5511987650002', source: 'api', touchpoint: {} });
    expect(r.queuedMessageIds).toEqual([]);
    const otherMsgs = await db.select().from(messages).where(and(eq(messages.workspaceId, other.ws.id)));
    expect(otherMsgs).toEqual([]);
  });

  it('never queues for a lead that opted out', async () => {
    const { db, ws, lp } = await setup();
    const input = { workspaceId: ws.id, phoneE164: '+5511987650003', source: 'landing_page' as const, touchpoint: { landingPageId: lp.id } };
    const first = await captureLead({ ...input, touchpoint: {} });
    await db.update(leads).set({ optedOutAt: new Date() }).where(eq(leads.id, first.lead.id));
    const again = await captureLead(input);
    expect(again.queuedMessageIds).toEqual([]);
  });
});
