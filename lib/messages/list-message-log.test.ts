import { describe, expect, it } from 'vitest';
import { createLead, createQueuedMessage, createSenderPhone, createTemplate, createWorkspace } from '@/db/factories';
import { listMessageLog, MESSAGE_LOG_LIMIT, messageLogQuerySchema } from './list-message-log';

describe('listMessageLog', () => {
  it('lists the newest messages of this workspace with lead and template names, filtered by status', async () => {
    const ws = await createWorkspace();
    const other = await createWorkspace();
    const phone = await createSenderPhone(ws.id);
    const template = await createTemplate(ws.id, { name: 'Welcome' });
    const lead = await createLead(ws.id, { name: 'Ana Souza' });
    const base = { leadId: lead.id, senderPhoneId: phone.id, toPhone: lead.phoneE164, templateId: template.id };
    const older = await createQueuedMessage(ws.id, { ...base, status: 'read', createdAt: new Date('2026-01-01T00:00:00Z') });
    const newer = await createQueuedMessage(ws.id, {
      ...base,
      status: 'failed',
      errorCode: 131026,
      errorReason: 'Receiver is incapable of receiving this message',
      createdAt: new Date('2026-01-02T00:00:00Z'),
    });
    const otherLead = await createLead(other.id);
    const otherPhone = await createSenderPhone(other.id);
    await createQueuedMessage(other.id, { leadId: otherLead.id, senderPhoneId: otherPhone.id, toPhone: otherLead.phoneE164, status: 'failed' });

    const all = await listMessageLog(ws.id);
    expect(all.map((m) => m.id)).toEqual([newer.id, older.id]);
    expect(all[0]).toMatchObject({ lead: { id: lead.id, name: 'Ana Souza' }, templateName: 'Welcome', errorCode: 131026 });

    const failed = await listMessageLog(ws.id, messageLogQuerySchema.parse({ status: 'failed' }));
    expect(failed.map((m) => m.id)).toEqual([newer.id]);
    // An unknown status in the URL shows everything instead of an error page.
    expect(messageLogQuerySchema.parse({ status: 'exploded' })).toEqual({ status: undefined });
  });

  it(`stops at the latest ${MESSAGE_LOG_LIMIT}`, async () => {
    const ws = await createWorkspace();
    const phone = await createSenderPhone(ws.id);
    const lead = await createLead(ws.id);
    for (let i = 0; i < MESSAGE_LOG_LIMIT + 3; i++) {
      await createQueuedMessage(ws.id, { leadId: lead.id, senderPhoneId: phone.id, toPhone: lead.phoneE164, createdAt: new Date(Date.UTC(2026, 0, 1, 0, i)) });
    }
    const rows = await listMessageLog(ws.id);
    expect(rows).toHaveLength(MESSAGE_LOG_LIMIT);
    expect(rows[0].createdAt.toISOString()).toBe(new Date(Date.UTC(2026, 0, 1, 0, MESSAGE_LOG_LIMIT + 2)).toISOString());
  });
});
