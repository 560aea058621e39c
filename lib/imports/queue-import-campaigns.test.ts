import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { createCampaign, createLead, createSenderPhone, createTemplate, createWorkspace } from '@/db/factories';
import { messages } from '@/db/schema';
import { createImport } from './create-import';
import { ingestImportBatch } from './ingest-import-batch';
import { revertImport } from './revert-import';

async function setup() {
  const ws = await createWorkspace();
  const phone = await createSenderPhone(ws.id);
  const tpl = await createTemplate(ws.id);
  const trigger = { sources: [], landingPageIds: [], tags: [], onImport: true };
  const welcome = await createCampaign(ws.id, { templateId: tpl.id, senderPhoneId: phone.id, trigger });
  const paused = await createCampaign(ws.id, { templateId: tpl.id, senderPhoneId: phone.id, trigger, status: 'paused' });
  // Not for imports: never queued by one.
  await createCampaign(ws.id, { templateId: tpl.id, senderPhoneId: phone.id, trigger: { ...trigger, onImport: false } });
  await createLead(ws.id, { phoneE164: '+5511955550003', optedOutAt: new Date() });
  return { ws, welcome, paused };
}

const rows = [['Ana', '11 95555-0001'], ['Bia', '11 95555-0002'], ['Opted out', '11 95555-0003']];

async function queued(workspaceId: string) {
  const db = await getDb();
  return db.select().from(messages).where(eq(messages.workspaceId, workspaceId));
}

describe('campaigns for imported leads', () => {
  it('are not triggered unless the import asks', async () => {
    const { ws } = await setup();
    const imp = await createImport(ws.id, { fileName: 'a.csv', columns: ['n', 'p'], mapping: { n: 'name', p: 'phone' } });
    await ingestImportBatch(ws.id, imp.id, { batchNo: 0, firstRowNumber: 2, rows });
    expect(await queued(ws.id)).toHaveLength(0);
  });

  it('when asked: one message per matching campaign and lead (paused ones held), none for opted-out leads; revert skips them', async () => {
    const { ws, welcome, paused } = await setup();
    const imp = await createImport(ws.id, {
      fileName: 'a.csv',
      columns: ['n', 'p'],
      mapping: { n: 'name', p: 'phone' },
      options: { triggerCampaigns: true, existing: 'overwrite' },
    });
    await ingestImportBatch(ws.id, imp.id, { batchNo: 0, firstRowNumber: 2, rows });
    await ingestImportBatch(ws.id, imp.id, { batchNo: 0, firstRowNumber: 2, rows }); // a retry queues nothing more
    const msgs = await queued(ws.id);
    expect(msgs).toHaveLength(4);
    expect(msgs.filter((m) => m.campaignId === welcome.id).every((m) => m.status === 'queued' && m.statusReason === null)).toBe(true);
    const held = msgs.filter((m) => m.campaignId === paused.id);
    expect(held).toHaveLength(2);
    expect(held.every((m) => m.statusReason === 'campaign paused' && m.nextAttemptAt.getTime() > Date.now() + 50 * 365 * 86_400_000)).toBe(true);

    const result = await revertImport(ws.id, imp.id);
    expect(result.skippedMessages).toBe(4);
  });
});
