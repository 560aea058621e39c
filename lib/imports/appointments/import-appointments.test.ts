import { and, asc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { createCampaign, createLead, createSenderPhone, createTemplate, createWorkspace } from '@/db/factories';
import { appointments, leads, leadTouchpoints, messages, workspaces } from '@/db/schema';
import { listImportRejections } from '../list-import-rejections';
import { createImport } from '../create-import';
import { finishImport } from '../finish-import';
import { ingestImportBatch } from '../ingest-import-batch';
import { revertImport } from '../revert-import';
import type { UnknownLeadPolicy } from '../schema';

const COLUMNS = ['Telefone', 'E-mail', 'Nome', 'Início', 'Título', 'Status', 'ID'];
const MAPPING = { Telefone: 'phone', 'E-mail': 'email', Nome: 'name', Início: 'starts_at', Título: 'title', Status: 'status', ID: 'external_id' } as const;
const A = '+5511987650001';
const B = '+5511987650002';

async function scene() {
  const ws = await createWorkspace();
  const db = await getDb();
  await db.update(workspaces).set({ timezone: 'America/Sao_Paulo', defaultCountry: 'BR' }).where(eq(workspaces.id, ws.id));
  const phone = await createSenderPhone(ws.id);
  const tpl = await createTemplate(ws.id, { body: 'Lembrete: {{appointment_title}} às {{appointment_time}}' });
  const reminder = await createCampaign(ws.id, {
    templateId: tpl.id, senderPhoneId: phone.id,
    trigger: { sources: [], landingPageIds: [], tags: [], onImport: false, appointment: { event: 'reminder', hoursBefore: 2 } },
  });
  const a = await createLead(ws.id, { phoneE164: A, name: 'Ana' });
  const b = await createLead(ws.id, { phoneE164: B, name: 'Bia', email: 'bia@example.com' });
  return { ws, reminder, a, b };
}

async function runImport(workspaceId: string, rows: string[][], unknownLeads: UnknownLeadPolicy) {
  const imp = await createImport(workspaceId, {
    kind: 'appointments', fileName: 'agenda.csv', columns: COLUMNS, mapping: { ...MAPPING },
    options: { unknownLeads, sourceLabel: 'Agenda antiga' },
  });
  const result = await ingestImportBatch(workspaceId, imp.id, { batchNo: 0, firstRowNumber: 2, rows });
  await finishImport(workspaceId, imp.id);
  const rejections = await listImportRejections(workspaceId, imp.id, { limit: 100 });
  return { id: imp.id, total: result.total, reasons: rejections.map((r) => [r.rowNumber, r.reason]) };
}

async function appointmentsOf(workspaceId: string) {
  const db = await getDb();
  const rows = await db.select().from(appointments).where(eq(appointments.workspaceId, workspaceId)).orderBy(asc(appointments.externalId));
  return rows.map((r) => ({ id: r.id, leadId: r.leadId, title: r.title, startsAt: r.startsAt.toISOString(), status: r.status, externalId: r.externalId, source: r.source }));
}

async function reminderOf(campaignId: string, appointmentId: string) {
  const db = await getDb();
  const [m] = await db.select().from(messages).where(and(eq(messages.campaignId, campaignId), eq(messages.appointmentId, appointmentId)));
  return m ? { status: m.status, due: m.nextAttemptAt.toISOString() } : null;
}

describe('appointments import', () => {
  it('reads offsets and the workspace zone, rejects with reasons, updates by external id on re-import, creates unknown leads when asked, and reverts exactly', async () => {
    const { ws, reminder, a, b } = await scene();
    const first = await runImport(
      ws.id,
      [
        ['11 98765-0001', '', '', '2030-01-10T14:00:00-03:00', 'Consulta', 'agendado', 'ext-1'],
        ['', 'BIA@example.com', '', '2030-01-11 09:30', 'Retorno', '', 'ext-2'],
        ['11 98765-0003', '', 'Caio', '2030-01-12 10:00', 'Avaliação', '', 'ext-3'],
        ['11 98765-0001', '', '', '31/02/2030 10:00', 'Consulta', '', 'ext-4'],
        ['11 98765-0001', '', '', '2030-01-10T14:00:00-03:00', 'Consulta', '', 'ext-1'],
        ['11 98765-0001', '', '', 'amanhã', 'Consulta', '', 'ext-5'],
      ],
      'reject',
    );
    expect(first.total).toMatchObject({ rows: 6, created: 2, updated: 0, unchanged: 0, invalid: 3, duplicate: 1 });
    expect(first.reasons).toEqual([
      [4, 'no lead with +5511987650003'],
      [5, 'start: not a real date: 31/02/2030 10:00'],
      [6, 'duplicate of row 2 (external id ext-1)'],
      [7, expect.stringContaining('start: not a date and time')],
    ]);
    const afterFirst = await appointmentsOf(ws.id);
    expect(afterFirst).toEqual([
      expect.objectContaining({ leadId: a.id, title: 'Consulta', startsAt: '2030-01-10T17:00:00.000Z', status: 'scheduled', externalId: 'ext-1', source: 'import' }),
      // No offset: 09:30 in São Paulo (UTC-3).
      expect.objectContaining({ leadId: b.id, title: 'Retorno', startsAt: '2030-01-11T12:30:00.000Z', externalId: 'ext-2' }),
    ]);
    // The reminder campaign queued as for an appointment booked in the admin: 2 hours before.
    expect(await reminderOf(reminder.id, afterFirst[0].id)).toEqual({ status: 'queued', due: '2030-01-10T15:00:00.000Z' });

    // The same file again, ext-1 moved and confirmed, unknown leads created this time.
    const second = await runImport(
      ws.id,
      [
        ['11 98765-0001', '', '', '2030-01-10T15:00:00-03:00', 'Consulta', 'confirmado', 'ext-1'],
        ['', 'bia@example.com', '', '2030-01-11 09:30', 'Retorno', '', 'ext-2'],
        ['11 98765-0003', '', 'Caio', '2030-01-12 10:00', 'Avaliação', '', 'ext-3'],
        ['', 'nobody@example.com', '', '2030-01-12 10:00', 'Avaliação', '', 'ext-6'],
      ],
      'create',
    );
    expect(second.total).toMatchObject({ rows: 4, created: 1, updated: 1, unchanged: 1, invalid: 1, duplicate: 0 });
    expect(second.reasons).toEqual([[5, 'no lead with nobody@example.com; a new lead needs a phone']]);
    const db = await getDb();
    const [caio] = await db.select().from(leads).where(and(eq(leads.workspaceId, ws.id), eq(leads.phoneE164, '+5511987650003')));
    expect(caio).toMatchObject({ name: 'Caio', source: 'import', lifecycleStatus: 'qualified' });
    const [tp] = await db.select().from(leadTouchpoints).where(eq(leadTouchpoints.leadId, caio.id));
    expect(tp).toMatchObject({ source: 'import', importId: second.id, payload: expect.objectContaining({ label: 'Agenda antiga' }) });
    const afterSecond = await appointmentsOf(ws.id);
    expect(afterSecond).toHaveLength(3);
    expect(afterSecond[0]).toMatchObject({ id: afterFirst[0].id, startsAt: '2030-01-10T18:00:00.000Z', status: 'confirmed' });
    expect(await reminderOf(reminder.id, afterFirst[0].id)).toEqual({ status: 'queued', due: '2030-01-10T16:00:00.000Z' });

    // Revert the re-import: its appointment and lead go, ext-1 and its reminder move back.
    const undo = await revertImport(ws.id, second.id);
    expect(undo).toMatchObject({ deleted: 1, kept: 0, appointments: { deleted: 1, kept: 0, restored: 1 } });
    expect(await appointmentsOf(ws.id)).toEqual(afterFirst);
    expect(await reminderOf(reminder.id, afterFirst[0].id)).toEqual({ status: 'queued', due: '2030-01-10T15:00:00.000Z' });
    expect(await db.select().from(leads).where(eq(leads.id, caio.id))).toEqual([]);

    // Revert the first: no appointment left, both queued reminders skipped, the leads stay.
    const undoFirst = await revertImport(ws.id, first.id);
    expect(undoFirst).toMatchObject({ deleted: 0, appointments: { deleted: 2, kept: 0, restored: 0 }, skippedMessages: 2 });
    expect(await appointmentsOf(ws.id)).toEqual([]);
    const left = await db.select().from(messages).where(eq(messages.campaignId, reminder.id));
    expect(left.map((m) => [m.status, m.statusReason])).toEqual([['skipped', 'import reverted'], ['skipped', 'import reverted']]);
    expect(await db.select({ id: leads.id }).from(leads).where(eq(leads.workspaceId, ws.id)).orderBy(asc(leads.phoneE164))).toEqual([{ id: a.id }, { id: b.id }]);
  });

  it('refuses a mapping without the lead, start or title, and targets of the other kind', async () => {
    const ws = await createWorkspace();
    const bad = [
      { Telefone: 'phone', Título: 'title' },
      { Início: 'starts_at', Título: 'title' },
      { Telefone: 'phone', Início: 'starts_at', Título: 'title', Cidade: 'attr.cidade' },
    ];
    for (const mapping of bad) {
      await expect(createImport(ws.id, { kind: 'appointments', fileName: 'a.csv', mapping })).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    }
    await expect(createImport(ws.id, { fileName: 'l.csv', mapping: { T: 'phone', I: 'starts_at' } })).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
  });
});
