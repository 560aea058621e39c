import { describe, expect, it } from 'vitest';
import { createLead, createWorkspace } from '@/db/factories';
import { AppError } from '@/lib/errors';
import { listAppointments } from './list-appointments';
import { fromLocalInput } from './local-time';
import { createAppointmentFromForm, updateAppointmentFromForm } from './save-appointment-form';
import { createAppointment } from './save-appointment';
import { weekDays } from './week';

const TZ = 'America/Sao_Paulo'; // UTC-3, no DST since 2019

const form = (leadId: string, over: Record<string, string> = {}) => ({
  leadId, title: 'Visit', startsLocal: '2026-12-10T14:30', endsLocal: '', status: 'scheduled', notes: '', externalId: '', ...over,
});

describe('appointments: form, list, filters, counts', () => {
  it('reads the form times in the workspace time zone', async () => {
    const ws = await createWorkspace();
    const lead = await createLead(ws.id);
    const a = await createAppointmentFromForm({ workspaceId: ws.id, timeZone: TZ }, form(lead.id, { endsLocal: '2026-12-10T15:00', externalId: 'cal-1', notes: 'Bring ID' }));
    expect(a).toMatchObject({ startsAt: new Date('2026-12-10T17:30:00Z'), endsAt: new Date('2026-12-10T18:00:00Z'), source: 'admin', externalId: 'cal-1', notes: 'Bring ID' });
    const moved = await updateAppointmentFromForm({ workspaceId: ws.id, timeZone: 'Europe/Lisbon' }, a.id, form(lead.id, { startsLocal: '2026-12-11T09:00' }));
    expect(moved.startsAt).toEqual(new Date('2026-12-11T09:00:00Z'));
    expect(moved.endsAt).toBeNull();
  });

  it('answers field errors for a bad form, and another workspace cannot edit it', async () => {
    const ws = await createWorkspace();
    const other = await createWorkspace();
    const lead = await createLead(ws.id);
    await expect(createAppointmentFromForm({ workspaceId: ws.id, timeZone: TZ }, form(lead.id, { title: ' ', endsLocal: '2026-12-10T10:00' })))
      .rejects.toMatchObject({ fields: { title: 'Give the appointment a title', endsLocal: 'The end must be after the start' } });
    await expect(createAppointmentFromForm({ workspaceId: ws.id, timeZone: TZ }, form(lead.id, { startsLocal: 'tomorrow' })))
      .rejects.toMatchObject({ fields: { startsLocal: 'Enter a date and time' } });
    await expect(createAppointmentFromForm({ workspaceId: other.id, timeZone: TZ }, form(lead.id))).rejects.toBeInstanceOf(AppError);
    const a = await createAppointmentFromForm({ workspaceId: ws.id, timeZone: TZ }, form(lead.id));
    await expect(updateAppointmentFromForm({ workspaceId: other.id, timeZone: TZ }, a.id, form(lead.id))).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('filters by workspace days, status, lead and source, and counts by status for the same filters', async () => {
    const ws = await createWorkspace();
    const other = await createWorkspace();
    const ana = await createLead(ws.id);
    const bia = await createLead(ws.id);
    const at = (local: string) => fromLocalInput(local, TZ)!;
    await createAppointment(ws.id, { leadId: ana.id, title: 'A late', startsAt: at('2026-12-10T23:30'), source: 'admin' });
    await createAppointment(ws.id, { leadId: ana.id, title: 'B next', startsAt: at('2026-12-11T00:30'), status: 'confirmed', source: 'calendly' });
    await createAppointment(ws.id, { leadId: bia.id, title: 'C bia', startsAt: at('2026-12-10T09:00'), status: 'cancelled', source: 'admin' });
    const foreignLead = await createLead(other.id);
    await createAppointment(other.id, { leadId: foreignLead.id, title: 'X', startsAt: at('2026-12-10T10:00') });

    const day = await listAppointments(ws.id, { from: '2026-12-10', to: '2026-12-10' }, TZ);
    expect(day.rows.map((r) => r.title)).toEqual(['C bia', 'A late']);
    expect(day.counts).toEqual({ scheduled: 1, confirmed: 0, completed: 0, cancelled: 1, no_show: 0 });

    const scheduled = await listAppointments(ws.id, { status: 'scheduled' }, TZ);
    expect(scheduled.rows.map((r) => r.title)).toEqual(['A late']);
    expect(scheduled.counts).toMatchObject({ scheduled: 1, confirmed: 1, cancelled: 1 });
    expect((await listAppointments(ws.id, { leadId: ana.id }, TZ)).rows.map((r) => r.title)).toEqual(['A late', 'B next']);
    expect((await listAppointments(ws.id, { source: 'calendly' }, TZ)).rows.map((r) => r.title)).toEqual(['B next']);
    expect((await listAppointments(ws.id, {}, TZ)).sources).toEqual(['admin', 'calendly']);
  });

  it('a week runs Monday to Sunday', () => {
    expect(weekDays('2026-12-03')).toEqual(['2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04', '2026-12-05', '2026-12-06']);
    expect(weekDays('2026-12-06')[0]).toBe('2026-11-30');
  });
});
