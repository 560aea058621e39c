import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { createUser, createWorkspace, uniquePhone } from '@/db/factories';
import { leads } from '@/db/schema';
import { createApiKey } from '@/lib/api-keys/create-api-key';
import { seedKnownEvents } from '@/lib/analytics/known-events.fixture';
import { datasetCaller } from './dataset-caller';
import { DATASET_COLUMNS } from './dataset-columns';
import { datasetRequestFromParams } from './dataset-request';
import { DATASET_BATCH_SIZE, exportLeadDataset, type DatasetRequest } from './export-lead-dataset';

async function collect(workspaceId: string, req: DatasetRequest) {
  let text = '';
  for await (const chunk of exportLeadDataset(workspaceId, req)) text += chunk;
  return text;
}
const csvRows = (text: string) => Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, '').trim(), { header: true }).data;
const all = { kind: 'filter', filter: {} } as const;

describe('exportLeadDataset', () => {
  let known: string;
  // The first query of a file also opens and migrates its database: in the hook, with its longer timeout.
  beforeAll(async () => {
    known = (await seedKnownEvents('America/Sao_Paulo')).ws.id;
  });

  it('gives one row per lead with touches, consent, message counts, replies and appointments', async () => {
    const rows = csvRows(await collect(known, { selection: { kind: 'filter', filter: { source: 'landing_page' } } }));
    expect(rows).toHaveLength(2);
    expect(Object.keys(rows[0])).toEqual([...DATASET_COLUMNS]);
    // L1 of the known events (the older of the two landing-page leads: rows come newest first).
    const l1 = rows[1];
    expect(l1).toMatchObject({
      first_source: 'landing_page', first_landing_page: 'Known page', first_utm_source: 'ig', first_utm_campaign: 'bf',
      last_utm_source: 'fb', last_utm_campaign: 'other',
      messages_read: '1', messages_delivered: '0', messages_failed: '0', last_message_status: 'read',
      last_message_at: '2026-03-05T13:00:00.000Z', reply_count: '1', last_reply_at: '2026-03-05T14:00:00.000Z',
      appointments_booked: '1', appointments_attended: '1', appointments_no_show: '0', next_appointment_at: '',
      first_touch_at: '2026-03-05T03:00:00.000Z', created_at: '2026-03-05T03:00:00.000Z',
    });
    expect(rows[0]).toMatchObject({ appointments_booked: '1', appointments_no_show: '1', messages_delivered: '1' });
  });

  it('writes JSON Lines, defuses formulas in CSV, and flattens only the chosen attributes', async () => {
    const ws = (await createWorkspace()).id;
    const db = await getDb();
    await db.insert(leads).values({
      workspaceId: ws, phoneE164: uniquePhone(), source: 'manual', name: '=HYPERLINK("http://evil.example")', tags: ['@x', 'ok'],
      attributes: { city: 'Recife', plan: '+1', secret: 'no' },
    });
    const [line] = (await collect(ws, { selection: all, format: 'jsonl', attributes: ['city'] })).trim().split('\n').map((l) => JSON.parse(l));
    expect(line).toMatchObject({ name: '=HYPERLINK("http://evil.example")', tags: ['@x', 'ok'], city: 'Recife', messages_sent: 0, reply_count: 0 });
    expect(line).not.toHaveProperty('secret');
    const [row] = csvRows(await collect(ws, { selection: all, attributes: ['plan'] }));
    expect(row.name).toBe(`'=HYPERLINK("http://evil.example")`);
    expect(row.tags).toBe(`'@x, ok`);
    expect(row.plan).toBe(`'+1`);
    expect(row).not.toHaveProperty('city');
    // No choice: every attribute key becomes a column.
    expect(Object.keys(csvRows(await collect(ws, { selection: all }))[0])).toEqual([...DATASET_COLUMNS, 'city', 'plan', 'secret']);
  });

  it('streams past one batch without repeating or losing a lead', async () => {
    const ws = (await createWorkspace()).id;
    const db = await getDb();
    const n = DATASET_BATCH_SIZE + 37;
    const at = Date.parse('2026-01-01T00:00:00Z');
    // Pairs with the same created_at: the keyset cursor must break ties by id.
    await db.insert(leads).values(
      Array.from({ length: n }, (_, i) => ({ workspaceId: ws, phoneE164: uniquePhone(), source: 'import' as const, createdAt: new Date(at + Math.floor(i / 2) * 1000) })),
    );
    const lines = (await collect(ws, { selection: all, format: 'jsonl' })).trim().split('\n');
    expect(new Set(lines.map((l) => JSON.parse(l).id)).size).toBe(n);
    expect(lines).toHaveLength(n);
  });

  it('reads the list filters, format and attribute choice from a query string, strictly', async () => {
    expect(datasetRequestFromParams(new URLSearchParams('source=import&format=jsonl&pick=1&attribute=a&attribute=b'))).toEqual({
      selection: { kind: 'filter', filter: { source: 'import' } }, format: 'jsonl', attributes: ['a', 'b'],
    });
    expect(datasetRequestFromParams(new URLSearchParams('pick=1')).attributes).toEqual([]);
    expect(() => datasetRequestFromParams(new URLSearchParams('createdFrom=2024-02-30'))).toThrow(/date/i);
    const ws = (await createWorkspace()).id;
    await expect(collect(ws, { selection: all, format: 'xml' as never })).rejects.toThrow();
  });

  it('lets in an API key with the read scope and refuses a write-only key', async () => {
    const ws = await createWorkspace();
    const user = await createUser(undefined, { workspaceId: ws.id });
    const reader = await createApiKey(ws.id, user.id, { name: 'r', scopes: ['read'] });
    const writer = await createApiKey(ws.id, user.id, { name: 'w', scopes: ['write'] });
    const headers = (key: string) => new Headers({ authorization: `Bearer ${key}` });
    expect(await datasetCaller(headers(reader.key), undefined)).toEqual({ workspaceId: ws.id });
    await expect(datasetCaller(headers(writer.key), undefined)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(datasetCaller(headers('wl_nope'), undefined)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});
