import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { createCampaign, createLead, createSenderPhone, createTemplate, createWorkspace } from '@/db/factories';
import { campaigns } from '@/db/schema';
import { createCampaign as saveNewCampaign } from '@/lib/campaigns/save-campaign';
import { newCampaignFormValues } from '@/lib/campaigns/form-values';
import { getCampaignDetail } from '@/lib/campaigns/get-campaign-detail';
import { previewBroadcastAudience } from '@/lib/campaigns/preview-broadcast-audience';
import { createImport } from '@/lib/imports/create-import';
import { getImport } from '@/lib/imports/get-import';
import { finishImport } from '@/lib/imports/finish-import';
import { ingestImportBatch } from '@/lib/imports/ingest-import-batch';
import { revertImport } from '@/lib/imports/revert-import';
import { exportLeadsCsv } from '@/lib/leads/export-leads';
import { exportSelectionFromParams } from '@/lib/leads/export-selection';
import { leadFilterSchema } from '@/lib/leads/lead-filters';
import { leadListQuerySchema, listLeads } from '@/lib/leads/list-leads';
import { listMessageLog, messageLogQuerySchema } from '@/lib/messages/list-message-log';
import { describeError } from '@/lib/log/logger';
import { EMPTY_SEGMENT, segmentSchema } from '@/lib/segments/schema';
import { isCalendarDay, isUtcTimestamp } from './strict-values';

// Finding 5 of issue 14: malformed URL values reached PostgreSQL and answered 500.

const BAD_DAYS = ['2024-02-30', '2024-13-45', '2023-02-29', '0000-01-01', '2024-00-10', '2024-1-1', '2024-02-30T00:00:00Z'];
const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
const FAKE_ID = '00000000-0000-4000-8000-000000000000';
const FORGED_CURSORS = [
  b64(['newest', '9999-99-99T99:99:99Z', FAKE_ID]),
  b64(['newest', '0000-01-01T00:00:00Z', FAKE_ID]),
  b64(['newest', '2024-02-30T00:00:00.000000Z', FAKE_ID]),
  b64(['newest', '2024-01-01T00:00:00Z', '------------------------------------']),
  b64(['name', 'true', 'a\u0000b', FAKE_ID]),
  '%%%not-base64%%%',
  b64({ not: 'an array' }),
];
const NOT_UUIDS = ['------------------------------------', 'zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz', '1', "1' or '1'='1", 'é'.repeat(36)];

describe('strict values', () => {
  it('knows which days and instants exist', () => {
    for (const d of BAD_DAYS) expect(isCalendarDay(d), d).toBe(false);
    for (const d of ['2024-02-29', '2023-12-31', '1999-01-01']) expect(isCalendarDay(d), d).toBe(true);
    expect(isUtcTimestamp('2026-01-02T03:04:05.123456Z')).toBe(true);
    expect(isUtcTimestamp('9999-99-99T99:99:99Z')).toBe(false);
    expect(isUtcTimestamp('2026-01-02T24:00:00Z')).toBe(false);
  });
});

describe('malformed URL values never reach PostgreSQL', () => {
  it('the leads page drops impossible dates and forged cursors and says so; the export refuses them with a 400', async () => {
    const ws = await createWorkspace();
    const lead = await createLead(ws.id);
    for (const day of BAD_DAYS) {
      const query = leadListQuerySchema.parse({ createdFrom: day, createdTo: [day, '2024-01-01'] });
      expect(query.createdFrom).toBeUndefined();
      const page = await listLeads(ws.id, query);
      expect(page.rows.map((r) => r.id)).toEqual([lead.id]);
      expect(() => exportSelectionFromParams(new URLSearchParams({ createdFrom: day }))).toThrow(
        expect.objectContaining({ code: 'BAD_USER_INPUT' }),
      );
      await expect(collect(exportLeadsCsv(ws.id, { kind: 'filter', filter: { createdTo: day } }))).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    }
    for (const sort of ['newest', 'name'] as const) {
      for (const cursor of FORGED_CURSORS) {
        const page = await listLeads(ws.id, leadListQuerySchema.parse({ sort, cursor, dir: 'next' }));
        expect(page.isCursorIgnored, cursor).toBe(true);
        expect(page.rows.map((r) => r.id)).toEqual([lead.id]);
      }
    }
    // A NUL in the search is refused before it reaches PostgreSQL's text type.
    expect(leadFilterSchema.parse({ q: 'a\u0000b', tag: '\u0000' })).toMatchObject({ q: undefined, tag: undefined });
    await expect(collect(exportLeadsCsv(ws.id, { kind: 'filter', filter: { q: 'a\u0000b' } }))).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
  });

  it('the message log drops impossible dates and non-uuid ids', async () => {
    const ws = await createWorkspace();
    for (const day of BAD_DAYS) {
      const query = messageLogQuerySchema.parse({ from: day, to: day, campaign: NOT_UUIDS[0], sender: NOT_UUIDS[1] });
      expect(query).toEqual({ status: undefined, reason: undefined, campaign: undefined, sender: undefined, from: undefined, to: undefined });
      await expect(listMessageLog(ws.id, query)).resolves.toEqual([]);
    }
  });

  it('a saved segment cannot hold an impossible date, and one stored before is refused, not counted', async () => {
    const ws = await createWorkspace();
    const sender = await createSenderPhone(ws.id, { provider: 'sandbox' });
    const template = await createTemplate(ws.id);
    for (const day of BAD_DAYS) {
      const parsed = segmentSchema.safeParse({ ...EMPTY_SEGMENT, createdFrom: day });
      expect(parsed.success, day).toBe(false);
    }
    const form = {
      ...newCampaignFormValues('broadcast', { templateId: template.id, senderPhoneId: sender.id }),
      name: 'Bad day',
      segment: { ...EMPTY_SEGMENT, createdTo: '2024-02-30' },
    };
    await expect(saveNewCampaign({ workspaceId: ws.id, timeZone: 'UTC' }, form)).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: { 'segment.createdTo': 'That date does not exist' },
    });
    await expect(
      saveNewCampaign({ workspaceId: ws.id, timeZone: 'UTC' }, { ...form, segment: EMPTY_SEGMENT, scheduleMode: 'later', scheduledAt: '2024-02-30T10:00' }),
    ).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    // A segment written before this check (or by hand) is read back as "no valid segment".
    const stored = await createCampaign(ws.id, { templateId: template.id, senderPhoneId: sender.id, kind: 'broadcast', status: 'draft' });
    const db = await getDb();
    await db.update(campaigns).set({ segment: { ...EMPTY_SEGMENT, createdFrom: '2024-13-45' } }).where(eqId(stored.id));
    await expect(previewBroadcastAudience(ws.id, stored.id)).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
  });

  it('an id that is not a uuid is "not found" everywhere, even at 36 characters', async () => {
    const ws = await createWorkspace();
    for (const id of NOT_UUIDS) {
      await expect(getCampaignDetail(ws.id, id)).resolves.toBeNull();
      await expect(getImport(ws.id, id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await expect(finishImport(ws.id, id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await expect(revertImport(ws.id, id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await expect(ingestImportBatch(ws.id, id, { batchNo: 0, firstRowNumber: 1, rows: [] })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    }
  });

  it('an import refuses a NUL in a column name and drops it from cells (PostgreSQL cannot store it)', async () => {
    const ws = await createWorkspace();
    await expect(createImport(ws.id, { fileName: 'x.csv', mapping: { 'Tele\u0000fone': 'phone' } })).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    await expect(createImport(ws.id, { fileName: 'x\u0000.csv', mapping: { Telefone: 'phone' } })).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    const imp = await createImport(ws.id, { fileName: 'x.csv', columns: ['Telefone', 'Nome'], mapping: { Telefone: 'phone', Nome: 'name' } });
    const r = await ingestImportBatch(ws.id, imp.id, {
      batchNo: 0,
      firstRowNumber: 1,
      rows: [['11 97777-4001', 'A\u0000na'], ['\u0000', 'Bad']],
    });
    expect(r.batch).toMatchObject({ created: 1, invalid: 1 });
  });

  it('an unexpected database error is logged without its SQL parameters', async () => {
    const db = await getDb();
    const err = await db.execute(sql`select ${'secret-2024-02-30'}::date`).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(Error);
    const logged = JSON.stringify(describeError(err));
    expect(logged).not.toContain('secret-2024-02-30');
    expect(logged).toContain('Failed query');
  });
});

async function collect(gen: AsyncGenerator<string>): Promise<string> {
  let text = '';
  for await (const chunk of gen) text += chunk;
  return text;
}

const eqId = (id: string) => eq(campaigns.id, id);
