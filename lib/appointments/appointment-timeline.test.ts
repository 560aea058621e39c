import { describe, expect, it } from 'vitest';
import { createLead, createWorkspace } from '@/db/factories';
import { getLeadTimeline } from '@/lib/leads/get-lead-timeline';
import { createAppointment, updateAppointment } from './save-appointment';

describe("appointments on the lead's timeline", () => {
  it('shows the booking, each move and each status change, and nothing for a save that changed nothing', async () => {
    const ws = await createWorkspace();
    const other = await createWorkspace();
    const lead = await createLead(ws.id);
    const first = new Date('2030-01-10T13:00:00Z');
    const second = new Date('2030-01-11T15:00:00Z');
    const a = await createAppointment(ws.id, { leadId: lead.id, title: 'Visita', startsAt: first });
    await updateAppointment(ws.id, a.id, { startsAt: second });
    await updateAppointment(ws.id, a.id, { startsAt: second });
    await updateAppointment(ws.id, a.id, { status: 'cancelled' });

    const items = (await getLeadTimeline(ws.id, lead.id)).filter((i) => i.kind === 'appointment');
    expect(items).toEqual([
      expect.objectContaining({ change: 'created', title: 'Visita', startsAt: first, status: 'scheduled', appointmentId: a.id }),
      expect.objectContaining({ change: 'moved', startsAt: second, previousStartsAt: first }),
      expect.objectContaining({ change: 'status', status: 'cancelled', previousStatus: 'scheduled' }),
    ]);
    expect(await getLeadTimeline(other.id, lead.id)).toEqual([]);
  });
});
